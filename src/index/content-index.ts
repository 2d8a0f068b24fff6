import { matchPageLinks, type PageLinks, pageLinkKeys } from '../match/match-page-links';
import { lookupKeysOf, matchUrl, type UrlMatch } from '../match/match-url';
import type { IndexedArticle } from './indexed-article';
import { bucketOf, checkKeyTable, type KeyLookup, lookupKey } from './key-table';

/**
 * The index as the extension ships it, under `content-index/` in the built extension:
 * - `meta.json`: {@link IndexMeta};
 * - `keys-N.bin`: the URL key tables, one per hash bucket (see key-table.ts): all the badge needs;
 * - `articles-N.json.gz`: articles N×shardSize … (N+1)×shardSize−1 as gzip'd JSON, read when one is shown.
 * Nothing is read until a lookup needs it, and each file is read once.
 */
export const INDEX_DIR = 'content-index';
export const META_FILE = 'meta.json';
export const INDEX_FORMAT_VERSION = 2;

export function keysFileName(bucket: number): string {
  return `keys-${bucket}.bin`;
}

export function shardFileName(shard: number): string {
  return `articles-${shard}.json.gz`;
}

export interface IndexMeta {
  formatVersion: number;
  /** Number of bundled articles. */
  articles: number;
  /** Number of URL keys in the key tables. */
  keys: number;
  /** The key tables are split into 2^keyBucketBits files. */
  keyBucketBits: number;
  shardSize: number;
  /** The newest publishedDateTime among the bundled articles (ISO 8601), or null when none has one. */
  newestPublished: string | null;
}

/** Reads the index's files, wherever they live (the extension package, a folder in Node, memory). */
export interface IndexFiles {
  readBytes(name: string): Promise<ArrayBuffer>;
}

export interface ContentIndex {
  meta: IndexMeta;
  /** The article a URL names, and how it was found (see match-url.ts); null when none. */
  match(url: unknown): Promise<UrlMatch | null>;
  /** The article a page's canonical link or og:url names, for a tab whose own URL did not match. */
  matchPageLinks(tabUrl: string, links: PageLinks): Promise<UrlMatch | null>;
  getArticle(articleId: number): Promise<IndexedArticle | null>;
}

/** Opens the index: reads meta.json now, everything else on demand. */
export async function loadContentIndex(files: IndexFiles): Promise<ContentIndex> {
  const meta = JSON.parse(new TextDecoder().decode(await files.readBytes(META_FILE))) as IndexMeta;
  if (meta.formatVersion !== INDEX_FORMAT_VERSION) throw new Error(`content index format ${meta.formatVersion} is not supported`);
  // Each file is read once, also when several lookups ask for it at the same time: the promise is kept at once.
  const bucketReads = new Map<number, Promise<Uint32Array>>();
  const buckets = new Map<number, Uint32Array>();
  const shards = new Map<number, Promise<IndexedArticle[]>>();

  const loadBucketsFor = async (keys: readonly string[]) => {
    const needed = new Set(keys.map((key) => bucketOf(key, meta.keyBucketBits)));
    await Promise.all(
      [...needed].map((bucket) => {
        let read = bucketReads.get(bucket);
        if (!read) {
          read = files.readBytes(keysFileName(bucket)).then((bytes) => {
            const table = checkKeyTable(new Uint32Array(bytes));
            buckets.set(bucket, table);
            return table;
          });
          bucketReads.set(bucket, read);
          read.catch(() => bucketReads.delete(bucket));
        }
        return read;
      }),
    );
  };
  const lookup: KeyLookup = (key) => lookupKey(buckets.get(bucketOf(key, meta.keyBucketBits))!, key);

  return {
    meta,
    async match(url) {
      await loadBucketsFor(lookupKeysOf(url));
      return matchUrl(lookup, url);
    },
    async matchPageLinks(tabUrl, links) {
      await loadBucketsFor(pageLinkKeys(links));
      return matchPageLinks(lookup, tabUrl, links);
    },
    async getArticle(articleId) {
      if (!Number.isInteger(articleId) || articleId < 0 || articleId >= meta.articles) return null;
      const shard = Math.floor(articleId / meta.shardSize);
      let articles = shards.get(shard);
      if (!articles) {
        articles = files.readBytes(shardFileName(shard)).then(gunzipJson<IndexedArticle[]>);
        shards.set(shard, articles);
        articles.catch(() => shards.delete(shard));
      }
      return (await articles)[articleId % meta.shardSize] ?? null;
    },
  };
}

/** Inflates gzip'd JSON with the platform's DecompressionStream (browsers and Node alike). */
async function gunzipJson<T>(bytes: ArrayBuffer): Promise<T> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text()) as T;
}

/** The index files of the running extension, read with fetch from its own package (no network). */
export function extensionIndexFiles(getUrl: (path: string) => string): IndexFiles {
  return {
    async readBytes(name) {
      const response = await fetch(getUrl(`/${INDEX_DIR}/${name}`));
      if (!response.ok) throw new Error(`cannot read ${INDEX_DIR}/${name}: HTTP ${response.status}`);
      return response.arrayBuffer();
    },
  };
}
