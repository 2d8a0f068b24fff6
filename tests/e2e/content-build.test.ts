import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real `wxt build` with CONTENT_DIR, in a scratch copy of the project (so .output/ here is left alone).
const ROOT = join(import.meta.dirname, '../..');
let scratch: string;

function build(contentDir: string) {
  // A build as an editor runs it: without the test runner's own variables (VITEST quiets the module).
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: scratch, env: { ...env, CONTENT_DIR: contentDir }, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'backstory-build-'));
  for (const entry of readdirSync(ROOT)) {
    if (!['node_modules', '.output', '.wxt', '.git', '.tmp'].includes(entry)) cpSync(join(ROOT, entry), join(scratch, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('CONTENT_DIR=DIR npm run build', () => {
  it('fails with a non-zero exit on content errors, naming every file and field', () => {
    const { status, output } = build('tests/fixtures/bad-content');
    expect(status).not.toBe(0);
    for (const line of ['empty.md: (file): empty file', 'missing-title.md: title: is required', 'no-http-url.md: webUrl: no http(s) article URL']) {
      expect(output).toContain(line);
    }
    expect(output).toMatch(/6 content error\(s\)/);
    expect(existsSync(join(scratch, '.output/chrome-mv3/manifest.json'))).toBe(false);
  });

  it('builds from another folder, recursively, and warnings do not fail it', () => {
    const dir = join(scratch, 'other-content/deeper');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'only.md'), '---\ntitle: "The only article"\nwebUrl: "https://example.org/only"\nquality: "high"\n---\n');
    const { status, output } = build('other-content');
    expect(status, output).toBe(0);
    expect(output).toContain('deeper/only.md: quality: must be a number; value dropped');
    const meta = JSON.parse(readFileSync(join(scratch, '.output/chrome-mv3/content-index/meta.json'), 'utf8'));
    expect(meta.articles).toBe(1);
  });
});
