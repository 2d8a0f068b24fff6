import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawPublicKey } from '../../../src/publish/publish-pack';
import type { PackManifest } from '../../../src/update/pack-manifest';

export const keys = generateKeyPairSync('ed25519');

const temporary: string[] = [];
/** A fresh temp folder, removed by {@link removeTempDirs} (call it in afterAll). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}
export const PUBLIC_KEY = rawPublicKey(keys.publicKey);
export const OTHER_PUBLIC_KEY = rawPublicKey(generateKeyPairSync('ed25519').publicKey);

export function signBytes(bytes: Uint8Array): string {
  return sign(null, bytes, keys.privateKey).toString('base64');
}

/** A content folder with `count` small articles (`a-000.md` …), plus `extra` ones. */
export function contentDir(count: number, extra: Record<string, Record<string, unknown>> = {}): string {
  const dir = tempDir('backstory-pack-content-');
  const write = (file: string, fields: Record<string, unknown>) => writeFileSync(join(dir, file), `---\n${JSON.stringify(fields)}\n---\n`);
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(3, '0');
    write(`a-${n}.md`, {
      title: `Article ${n} about robots and ${i % 7 === 0 ? 'rivers' : 'trains'}`,
      webUrl: `https://site${i % 5}.example/news/${n}`,
      publishedDateTime: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
      quality: 40 + (i % 60),
      related: [{ title: `Coverage of robots ${n}`, webUrl: `https://other${i % 3}.example/story/${n}` }],
    });
  }
  for (const [file, fields] of Object.entries(extra)) write(file, fields);
  return dir;
}

export function emptyDir(): string {
  return tempDir('backstory-pack-out-');
}

/** A fetch that serves a pack folder, with the failures a test asks for. Logs every request. */
export function folderFetch(dir: string, options: { fail?: (path: string) => Response | Error | null } = {}) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    requests.push({ url, init });
    const path = new URL(url).pathname.replace(/^\/pack\//, '');
    const failure = options.fail?.(path);
    if (failure instanceof Error) throw failure;
    if (failure) return failure;
    const file = join(dir, path);
    if (!existsSync(file)) return new Response('not found', { status: 404 });
    return new Response(readFileSync(file));
  }) as typeof fetch;
  return { fetch: fetchFn, requests };
}

export const UPDATE_URL = 'https://packs.example/pack/';

/** Rewrites a published pack's manifest with `change` and signs it again (a rollback or an expired pack). */
export function resign(dir: string, change: (manifest: PackManifest) => PackManifest): void {
  const manifest = change(JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) as PackManifest);
  const bytes = Buffer.from(JSON.stringify(manifest));
  writeFileSync(join(dir, 'pack.json'), bytes);
  writeFileSync(join(dir, 'pack.sig'), signBytes(bytes));
}
