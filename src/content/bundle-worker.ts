import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const bundled = new Map<string, Promise<string>>();

/**
 * A worker thread's script: `entry` (TypeScript; its imports are resolved from this folder, `src/content/`) bundled
 * with everything it imports into one CommonJS script by esbuild, once per process. Run it with
 * `new Worker(source, { eval: true, execArgv: [] })`: the build's own process may be running TypeScript through a
 * loader (tsx, vite) that a worker does not have, and a bundle needs none.
 */
export function bundledWorkerSource(entry: string): Promise<string> {
  let source = bundled.get(entry);
  if (!source) {
    source = import('esbuild').then(({ build }) =>
      build({
        stdin: { contents: entry, resolveDir: dirname(fileURLToPath(import.meta.url)), loader: 'ts' },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        write: false,
        logLevel: 'silent',
      }).then((result) => result.outputFiles[0].text),
    );
    bundled.set(entry, source);
  }
  return source;
}
