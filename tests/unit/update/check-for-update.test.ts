import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INDEX_FORMAT_VERSION, loadContentIndex, META_FILE } from '../../../src/index/content-index';
import { publishPack } from '../../../src/publish/publish-pack';
import { checkForUpdate } from '../../../src/update/check-for-update';
import { collectGarbage } from '../../../src/update/collect-garbage';
import type { PackManifest } from '../../../src/update/pack-manifest';
import { openIndexFiles, packIndexFiles } from '../../../src/update/pack-index-files';
import { memoryPackStore } from '../../../src/update/pack-store';
import { contentDir, emptyDir, folderFetch, keys, PUBLIC_KEY, removeTempDirs, resign, UPDATE_URL } from './pack-helpers';

afterAll(removeTempDirs);

const NEW_ARTICLE = {
  'zz-new.md': { title: 'A brand new article on tidal power', webUrl: 'https://fresh.example/news/tidal-power', publishedDateTime: '2026-11-30T09:00:00Z' },
};
const bundled = {
  readBytes: async () => {
    throw new Error('the bundled index is not read in these tests');
  },
};

async function publish(content: string, out: string, now = new Date('2026-12-01T06:00:00Z')) {
  const result = await publishPack({ contentDir: content, privateKey: keys.privateKey, outDir: out, now });
  if (!result.published) throw new Error('not published');
  return result;
}

function deps(out: string, store = memoryPackStore(), fail?: (path: string) => Response | Error | null) {
  const served = folderFetch(out, { fail });
  return {
    served,
    store,
    deps: { updateUrl: UPDATE_URL, publicKey: PUBLIC_KEY, bundledSequence: 1, store, fetch: served.fetch, now: () => new Date('2026-12-01T08:00:00Z') },
  };
}

async function articleTitle(store: ReturnType<typeof memoryPackStore>, url: string) {
  const index = await loadContentIndex(await openIndexFiles({ bundled, bundledSequence: 1, store }));
  const answer = await index.describe(url);
  return answer.kind === 'article' ? answer.article.title : answer.kind;
}

describe('checkForUpdate', () => {
  it('installs a published pack: every file verified, then one switch; the new article answers', async () => {
    const out = emptyDir();
    await publish(contentDir(20, NEW_ARTICLE), out);
    const { deps: d, store, served } = deps(out);
    const result = await checkForUpdate(d);
    expect(result.kind).toBe('installed');
    expect(await articleTitle(store, 'https://fresh.example/news/tidal-power')).toBe('A brand new article on tidal power');
    // Site profiles come from the pack's own site shards (16 a shard, not the articles' 160).
    const index = await loadContentIndex(await openIndexFiles({ bundled, bundledSequence: 1, store }));
    expect(index.meta).toMatchObject({ shardSize: 160, storyShardSize: 384, siteShardSize: 16, qualityChunk: 1024 });
    expect(await index.describe('https://site3.example/news/not-bundled')).toMatchObject({ kind: 'site', site: { domains: ['site3.example'] } });
    // Only the pack's own paths, with no cookies, no referrer, no query.
    for (const { url, init } of served.requests) {
      expect(url).toMatch(/^https:\/\/packs\.example\/pack\/(pack\.json|pack\.sig|files\/[0-9a-f]{32})$/);
      expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', mode: 'cors' });
    }
    expect((await checkForUpdate(d)).kind).toBe('up-to-date');
  });

  it('with host access (Firefox): requests go in same-origin mode, and without the access nothing is requested', async () => {
    const out = emptyDir();
    await publish(contentDir(5), out);
    const granted = deps(out);
    expect(await checkForUpdate({ ...granted.deps, hostAccess: async () => true })).toMatchObject({ kind: 'installed' });
    expect(granted.served.requests.length).toBeGreaterThan(2);
    for (const { init } of granted.served.requests) expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', mode: 'same-origin' });

    for (const hostAccess of [async () => false, async () => Promise.reject(new Error('no permissions API'))]) {
      const refused = deps(out);
      expect(await checkForUpdate({ ...refused.deps, hostAccess })).toMatchObject({ kind: 'failed', reason: 'no-host-access', fetchedFiles: 0 });
      expect(refused.served.requests).toEqual([]);
      expect((await refused.store.readState()).current).toBeNull();
    }
  });

  it('the bundled index wins over an older pack (a newer extension release carries its own sequence)', async () => {
    const out = emptyDir();
    const { manifest } = await publish(contentDir(5), out);
    const { deps: d, store } = deps(out);
    await checkForUpdate(d);
    expect(await openIndexFiles({ bundled, bundledSequence: manifest.sequence, store })).toBe(bundled);
    expect(await openIndexFiles({ bundled, bundledSequence: manifest.sequence - 1, store })).not.toBe(bundled);
    // A pack of another index format (installed by an older release) is not read: the bundled index is.
    const meta = manifest.files.find((file) => file.name === META_FILE)!;
    const formatFile = store.files.get(meta.sha256)!;
    store.files.set(meta.sha256, new TextEncoder().encode(JSON.stringify({ formatVersion: INDEX_FORMAT_VERSION - 1 })));
    expect(await openIndexFiles({ bundled, bundledSequence: manifest.sequence - 1, store })).toBe(bundled);
    store.files.set(meta.sha256, formatFile);
    expect(await checkForUpdate({ ...d, bundledSequence: manifest.sequence + 1 })).toMatchObject({ kind: 'failed', reason: 'rollback' });
    // …and the pack the newer release made useless is removed from storage.
    expect(await store.readState()).toEqual({ current: null, previous: null });
    expect(store.files.size).toBe(0);
  });

  it.each([
    ['a server error on the manifest', (path: string) => (path === 'pack.json' ? new Response('oops', { status: 500 }) : null), 'http-status'],
    ['a 404 on a file', (path: string) => (path.startsWith('files/') ? new Response('', { status: 404 }) : null), 'http-status'],
    ['no network', () => new TypeError('Failed to fetch'), 'network'],
    ['a body cut short', (path: string) => (path.startsWith('files/') ? new Response(new Uint8Array(3)) : null), 'truncated'],
  ])('keeps the data in use on %s, and says why', async (_case, fail, reason) => {
    const out = emptyDir();
    await publish(contentDir(5), out);
    const { deps: d, store } = deps(out, memoryPackStore(), fail);
    expect(await checkForUpdate(d)).toMatchObject({ kind: 'failed', reason });
    expect((await store.readState()).current).toBeNull();
  });

  it('gives up on a host that is too slow (timeout), keeping the data in use', async () => {
    const out = emptyDir();
    await publish(contentDir(5), out);
    const { deps: d, store } = deps(out);
    const stalled = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof fetch;
    expect(await checkForUpdate({ ...d, fetch: stalled, timeoutMs: 50 })).toMatchObject({ kind: 'failed', reason: 'timeout' });
    expect((await store.readState()).current).toBeNull();
  });

  it('refuses a file whose bytes do not match its signed hash (a tampered host), and a pack whose signature does not verify', async () => {
    const out = emptyDir();
    const { manifest } = await publish(contentDir(5), out);
    const meta = manifest.files.find((file) => file.name === 'meta.json')!;
    const original = readFileSync(join(out, meta.path));
    const tampered = Buffer.from(original);
    tampered[10] ^= 1;
    writeFileSync(join(out, meta.path), tampered);
    expect(await checkForUpdate(deps(out).deps)).toMatchObject({ kind: 'failed', reason: 'hash-mismatch' });
    writeFileSync(join(out, meta.path), original);
    writeFileSync(join(out, 'pack.json'), readFileSync(join(out, 'pack.json'), 'utf8').replace('"articles":5', '"articles":6'));
    expect(await checkForUpdate(deps(out).deps)).toMatchObject({ kind: 'failed', reason: 'bad-signature' });
  });

  it('refuses an expired pack and a rollback to an older one', async () => {
    const out = emptyDir();
    await publish(contentDir(5), out);
    const { deps: d } = deps(out);
    const installed = await checkForUpdate(d);
    expect(installed.kind).toBe('installed');
    const sequence = (installed as { manifest: PackManifest }).manifest.sequence;
    resign(out, (manifest) => ({ ...manifest, sequence: sequence - 1 }));
    expect(await checkForUpdate(d)).toMatchObject({ kind: 'failed', reason: 'rollback' });
    resign(out, (manifest) => ({ ...manifest, sequence: sequence + 1, expires: '2026-11-01T00:00:00.000Z' }));
    expect(await checkForUpdate(d)).toMatchObject({ kind: 'failed', reason: 'expired' });
  });

  it('on a full disk keeps the data in use (quota)', async () => {
    const out = emptyDir();
    await publish(contentDir(20), out);
    const { deps: d, store } = deps(out, memoryPackStore({ quotaBytes: 2_000 }));
    expect(await checkForUpdate(d)).toMatchObject({ kind: 'failed', reason: 'quota' });
    expect((await store.readState()).current).toBeNull();
  });

  it('an interrupted download resumes: the next check fetches only what is missing', async () => {
    const out = emptyDir();
    const { manifest } = await publish(contentDir(200), out);
    let served = 0;
    const store = memoryPackStore();
    const first = deps(out, store, (path) => (path.startsWith('files/') && ++served > 3 ? new TypeError('the worker stopped') : null));
    expect(await checkForUpdate({ ...first.deps, concurrency: 1 })).toMatchObject({ kind: 'failed', reason: 'network' });
    expect(store.files.size).toBe(3);
    const second = deps(out, store);
    const result = await checkForUpdate(second.deps);
    expect(result).toMatchObject({ kind: 'installed', fetchedFiles: 2 + manifest.files.length - 3 });
  });

  it('switches atomically: a reader opened on the old pack reads the old pack to the end; then unused files go', async () => {
    const content = contentDir(30);
    const out = emptyDir();
    await publish(content, out);
    const store = memoryPackStore();
    await checkForUpdate(deps(out, store).deps);
    const before = (await store.readState()).current!;
    const oldReader = await loadContentIndex(packIndexFiles(store, before));

    writeFileSync(join(content, 'zz-new.md'), `---\n${JSON.stringify(NEW_ARTICLE['zz-new.md'])}\n---\n`);
    await publish(content, out, new Date('2026-12-01T07:00:00Z'));
    expect((await checkForUpdate(deps(out, store).deps)).kind).toBe('installed');
    expect(await articleTitle(store, 'https://fresh.example/news/tidal-power')).toBe('A brand new article on tidal power');
    // The old reader still answers from the old version, complete (its files are kept as `previous`).
    expect((await oldReader.describe('https://fresh.example/news/tidal-power')).kind).not.toBe('article');
    expect((await oldReader.describe('https://site1.example/news/001')).kind).toBe('article');

    // A third pack: the first one's files no version uses are deleted, the current and previous ones' kept.
    rmSync(join(content, 'a-001.md'));
    await publish(content, out, new Date('2026-12-01T07:30:00Z'));
    expect((await checkForUpdate(deps(out, store).deps)).kind).toBe('installed');
    const state = await store.readState();
    const inUse = new Set([state.current!, state.previous!].flatMap((pack) => pack.manifest.files.map((file) => file.sha256)));
    expect(new Set(store.files.keys())).toEqual(inUse);
    expect(before.manifest.files.some((file) => !store.files.has(file.sha256))).toBe(true);
  });
});

describe('collectGarbage', () => {
  it('deletes exactly the files neither the current nor the previous pack lists', async () => {
    const store = memoryPackStore();
    for (const hash of ['a', 'b', 'c', 'd']) await store.putFile(hash.repeat(64), new Uint8Array(1));
    const pack = (hashes: string[]) => ({
      installedAt: 0,
      manifest: { files: hashes.map((h) => ({ name: 'meta.json', path: '', size: 1, sha256: h.repeat(64) })) } as PackManifest,
    });
    const deleted = await collectGarbage(store, { current: pack(['a']), previous: pack(['b']) });
    expect(deleted.sort()).toEqual(['c'.repeat(64), 'd'.repeat(64)]);
    expect([...store.files.keys()].sort()).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
  });
});

describe('publish', () => {
  it('keeps ids stable: one added article changes a few files, and the sequence only goes up', async () => {
    const content = contentDir(330);
    const out = emptyDir();
    const first = await publish(content, out);
    writeFileSync(join(content, 'm-new.md'), `---\n${JSON.stringify(NEW_ARTICLE['zz-new.md'])}\n---\n`);
    const second = await publish(content, out, new Date('2026-12-01T05:00:00Z')); // a clock that went back
    expect(second.manifest.sequence).toBe(first.manifest.sequence + 1);
    const bytes = (manifest: PackManifest) => manifest.files.reduce((sum, file) => sum + file.size, 0);
    const before = new Set(first.manifest.files.map((file) => file.sha256));
    const changed = second.manifest.files.filter((file) => !before.has(file.sha256));
    const names = changed.map((file) => file.name);
    // The new article takes the next id (330, in the last shard of 160); no earlier article shard changes. (The 1%
    // budget is measured at 100,000 articles by the benchmark: pack_delta_ratio.)
    expect(names.filter((name) => name.startsWith('articles-'))).toEqual(['articles-2.json.gz']);
    expect(names).toContain('meta.json');
    expect(changed.reduce((sum, file) => sum + file.size, 0)).toBeLessThan(bytes(second.manifest) / 2);
    // Every file in the folder is listed by this pack or the one before.
    const listed = new Set([...first.manifest.files, ...second.manifest.files].map((file) => file.path.slice('files/'.length)));
    for (const name of readdirSync(join(out, 'files'))) expect(listed.has(name)).toBe(true);
  });

  it('refuses content with errors and leaves OUT_DIR as it was', async () => {
    const content = contentDir(3, { 'broken.md': { webUrl: 'https://x.example/no-title' } });
    const out = emptyDir();
    const result = await publishPack({ contentDir: content, privateKey: keys.privateKey, outDir: out });
    expect(result.published).toBe(false);
    expect(readdirSync(out)).toEqual([]);
    expect(statSync(out).isDirectory()).toBe(true);
  });
});
