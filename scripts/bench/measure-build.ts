/**
 * build_ms, index_bytes and bundle_bytes. `wxt build` writes .output/ and .wxt/ in the project it runs in, and
 * others use the working copy's: so the benchmark builds in a scratch copy of the project (sources only, with
 * node_modules linked), which it deletes at the end.
 */
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { INDEX_DIR } from '../../src/index/content-index';

/** Top-level entries of the project that are not copied: installed, generated or version-control data. */
const NOT_COPIED = new Set(['node_modules', '.output', '.wxt', '.git', '.tmp']);

export interface BuildResult {
  buildMs: number;
  /** The built Chrome extension: `<project>/.output/chrome-mv3`. */
  extensionDir: string;
  indexBytes: number;
  bundleBytes: number;
}

/** Copies the project at `projectRoot` to `scratchDir` (sources only) and links its node_modules. */
export function makeScratchProject(projectRoot: string, scratchDir: string): void {
  cpSync(projectRoot, scratchDir, {
    recursive: true,
    filter: (source) => {
      const path = relative(projectRoot, source);
      return path === '' || !NOT_COPIED.has(path.split(sep)[0]);
    },
  });
  symlinkSync(join(projectRoot, 'node_modules'), join(scratchDir, 'node_modules'), 'dir');
}

/**
 * Runs `CONTENT_DIR=<contentDir> npx wxt build` (Chrome) in `projectDir` and times it, wall clock. With `mode`
 * (`e2e`), builds that variant instead, into `.output/chrome-mv3-<mode>`.
 */
export async function buildExtension(projectDir: string, contentDir: string, mode?: string): Promise<BuildResult> {
  const start = performance.now();
  const output = await run('npx', ['wxt', 'build', ...(mode ? ['--mode', mode] : [])], {
    cwd: projectDir,
    // No jiti transpile cache: it would be written into the shared node_modules/.cache.
    env: { ...process.env, CONTENT_DIR: contentDir, JITI_FS_CACHE: 'false', NO_COLOR: '1' },
  });
  const buildMs = performance.now() - start;
  const extensionDir = join(projectDir, '.output', mode ? `chrome-mv3-${mode}` : 'chrome-mv3');
  const indexBytes = directoryBytes(join(extensionDir, INDEX_DIR));
  if (indexBytes === 0) throw new Error(`wxt build wrote no ${INDEX_DIR}/:\n${output}`);
  return { buildMs, extensionDir, indexBytes, bundleBytes: directoryBytes(extensionDir) };
}

/** Total size of the files under `dir`, recursively. */
export function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Runs a command; resolves with its output, rejects with it when the command fails. */
function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output.slice(-4000)}`))));
  });
}
