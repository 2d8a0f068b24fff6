/**
 * Content packs (issue 10) at scale: publish time, the bytes a reader who has the previous pack downloads for a
 * one-article change, and the time from a finished download to the new index answering a lookup.
 *
 * A corpus of `articles` + 1 generated files (make-corpus.ts: the first `articles` are the benchmark's corpus, the
 * last is one more article of the same shapes). The pack is published without the last file (timed: publish_ms),
 * then again with it; what the second pack lists that the first did not, plus its pack.json and pack.sig, is what a
 * reader downloads. The switch is timed in Node, with the in-memory pack store already holding every file of the
 * new pack (the download finished): checkForUpdate (manifest and signature, the switch, garbage collection), then
 * opening the index through openIndexFiles and the first lookup of the new article.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContentIndex } from '../../src/index/content-index';
import { publishPack, rawPublicKey } from '../../src/publish/publish-pack';
import { checkForUpdate } from '../../src/update/check-for-update';
import type { PackManifest } from '../../src/update/pack-manifest';
import { openIndexFiles } from '../../src/update/pack-index-files';
import { memoryPackStore } from '../../src/update/pack-store';
import { makeCorpus } from './make-corpus';

export interface PackResult {
  publishMs: number;
  packBytes: number;
  deltaBytes: number;
  deltaFiles: number;
  manifestBytes: number;
  switchMs: number;
  /** The changed files by kind (meta, keys, articles, ...): bytes, for the report. */
  deltaByKind: Record<string, number>;
  /** The same share for one changed article (its title edited) and one removed article, published after. */
  changedRatio: number;
  removedRatio: number;
}

export async function measurePack(root: string, articles: number, log: (message: string) => void): Promise<PackResult> {
  const corpusDir = join(root, `pack-corpus-${articles}`);
  const corpus = makeCorpus(corpusDir, articles + 1);
  const added = corpus.articles[corpus.articles.length - 1];
  const aside = join(root, 'pack-added-article.md');
  renameSync(join(corpusDir, added.file), aside);
  const outDir = join(root, 'pack-out');
  mkdirSync(outDir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  log(`  publish: ${articles} articles`);
  const start = performance.now();
  const first = await publishPack({ contentDir: corpusDir, privateKey, outDir, now: new Date('2026-12-01T06:00:00Z') });
  const publishMs = performance.now() - start;
  if (!first.published) throw new Error('publish refused the generated corpus');
  const firstFiles = readAll(outDir, first.manifest);

  renameSync(aside, join(corpusDir, added.file));
  log(`  publish again with one more article (${added.file})`);
  const second = await publishPack({ contentDir: corpusDir, privateKey, outDir, now: new Date('2026-12-01T07:00:00Z') });
  if (!second.published) throw new Error('publish refused the generated corpus');
  const before = new Set(first.manifest.files.map((file) => file.sha256));
  const changed = second.manifest.files.filter((file) => !before.has(file.sha256));
  const manifestBytes = statSync(join(outDir, 'pack.json')).size + statSync(join(outDir, 'pack.sig')).size;
  const deltaByKind: Record<string, number> = { manifest: manifestBytes };
  for (const file of changed) {
    const kind = file.name.replace(/-\d+\..*$|\..*$/, '');
    deltaByKind[kind] = (deltaByKind[kind] ?? 0) + file.size;
  }

  // The switch: the store holds the first pack, installed, and every file of the second (the download finished).
  const store = memoryPackStore();
  for (const [sha256, bytes] of firstFiles) await store.putFile(sha256, bytes);
  await store.writeState({ current: { manifest: first.manifest, installedAt: 0 }, previous: null });
  for (const [sha256, bytes] of readAll(outDir, second.manifest)) await store.putFile(sha256, bytes);
  const serve = (async (input: RequestInfo | URL) =>
    new Response(readFileSync(join(outDir, new URL(input instanceof Request ? input.url : input).pathname.slice(1))))) as typeof fetch;
  const bundled = {
    readBytes: async (): Promise<ArrayBuffer> => {
      throw new Error('not bundled');
    },
  };
  const switchStart = performance.now();
  const result = await checkForUpdate({ updateUrl: 'https://packs.invalid/', publicKey: rawPublicKey(publicKey), bundledSequence: 0, store, fetch: serve });
  const index = await loadContentIndex(await openIndexFiles({ bundled, bundledSequence: 0, store }));
  const answer = await index.describe(added.webUrl);
  const switchMs = performance.now() - switchStart;
  if (result.kind !== 'installed' || result.fetchedFiles !== 2) throw new Error(`switch: ${JSON.stringify(result).slice(0, 200)}`);
  if (answer.kind !== 'article') throw new Error(`switch: the added article is not found (${answer.kind})`);

  // One changed article (its title edited) and one removed, each published after the previous state.
  const middle = corpus.articles[Math.floor(articles / 2)].file;
  const path = join(corpusDir, middle);
  writeFileSync(
    path,
    readFileSync(path, 'utf8').replace(/^title: (.*)$/m, (_line, title: string) => `title: ${title.replace(/^(["']?)/, '$1Updated: ')}`),
  );
  log(`  publish again with one article changed (${middle})`);
  const changedRatio = await deltaRatio(
    second.manifest,
    async () => publishPack({ contentDir: corpusDir, privateKey, outDir, now: new Date('2026-12-01T08:00:00Z') }),
    outDir,
  );
  const removed = corpus.articles[Math.floor(articles / 3)].file;
  rmSync(join(corpusDir, removed));
  log(`  publish again with one article removed (${removed})`);
  const third = JSON.parse(readFileSync(join(outDir, 'pack.json'), 'utf8')) as PackManifest;
  const removedRatio = await deltaRatio(
    third,
    async () => publishPack({ contentDir: corpusDir, privateKey, outDir, now: new Date('2026-12-01T09:00:00Z') }),
    outDir,
  );

  return {
    changedRatio,
    removedRatio,
    publishMs,
    packBytes: second.manifest.files.reduce((sum, file) => sum + file.size, 0) + manifestBytes,
    deltaBytes: changed.reduce((sum, file) => sum + file.size, 0) + manifestBytes,
    deltaFiles: changed.length,
    manifestBytes,
    switchMs,
    deltaByKind,
  };
}

async function deltaRatio(previous: PackManifest, publish: () => ReturnType<typeof publishPack>, outDir: string): Promise<number> {
  const result = await publish();
  if (!result.published) throw new Error('publish refused the generated corpus');
  const before = new Set(previous.files.map((file) => file.sha256));
  const manifestBytes = statSync(join(outDir, 'pack.json')).size + statSync(join(outDir, 'pack.sig')).size;
  const changed = result.manifest.files.filter((file) => !before.has(file.sha256)).reduce((sum, file) => sum + file.size, 0);
  return (changed + manifestBytes) / (result.manifest.files.reduce((sum, file) => sum + file.size, 0) + manifestBytes);
}

function readAll(outDir: string, manifest: PackManifest): Map<string, Uint8Array> {
  return new Map(manifest.files.map((file) => [file.sha256, new Uint8Array(readFileSync(join(outDir, file.path)))]));
}

/** How many articles list each related story in the publish_ms corpus (issue 20: "every related story is listed by ~150 articles"). */
export const LISTINGS_PER_STORY = 150;

/**
 * publish_ms: `publish` of `articles` generated files whose related stories are widely shared (each listed by
 * about LISTINGS_PER_STORY articles), one run, into a folder of its own (removed afterwards).
 */
export async function measureSharedPublish(root: string, articles: number, log: (message: string) => void): Promise<number> {
  const corpusDir = join(root, `shared-corpus-${articles}`);
  const outDir = join(root, 'shared-out');
  makeCorpus(corpusDir, articles, undefined, LISTINGS_PER_STORY);
  mkdirSync(outDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  log(`  publish: ${articles} articles, each related story listed by ~${LISTINGS_PER_STORY}`);
  const start = performance.now();
  const result = await publishPack({ contentDir: corpusDir, privateKey, outDir, now: new Date('2026-12-01T06:00:00Z') });
  const publishMs = performance.now() - start;
  if (!result.published) throw new Error('publish refused the shared-stories corpus');
  rmSync(corpusDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  return publishMs;
}
