import type { IndexedArticle } from './indexed-article';
import { checkKeyTable } from './key-table';

/**
 * The index as the extension ships it, under `content-index/` in the built extension:
 * - `keys.bin`: the URL key table (see key-table.ts), all the background needs to light the badge;
 * - `articles-N.json`: articles N×shardSize … (N+1)×shardSize−1, loaded one shard at a time on a match;
 * - `meta.json`: {@link IndexMeta}.
 */
export const INDEX_DIR = 'content-index';
export const KEYS_FILE = 'keys.bin';
export const META_FILE = 'meta.json';
export const INDEX_FORMAT_VERSION = 1;

export function shardFileName(shard: number): string {
  return `articles-${shard}.json`;
}

export interface IndexMeta {
  formatVersion: number;
  /** Number of bundled articles. */
  articles: number;
  /** Number of URL keys in keys.bin. */
  keys: number;
  shardSize: number;
  /** The newest publishedDateTime among the bundled articles (ISO 8601), or null when none has one. */
  newestPublished: string | null;
}

/** Reads the index's files, wherever they live (the extension package, a folder in Node, memory). */
export interface IndexFiles {
  readBytes(name: string): Promise<ArrayBuffer>;
  readText(name: string): Promise<string>;
}

/** A loaded index: the key table in memory, article shards read on demand and kept once read. */
export interface ContentIndex {
  meta: IndexMeta;
  keys: Uint32Array;
  getArticle(articleId: number): Promise<IndexedArticle | null>;
}

/** Loads `keys.bin` and `meta.json`; shards are read when an article is first asked for. */
export async function loadContentIndex(files: IndexFiles): Promise<ContentIndex> {
  const [keyBytes, metaText] = await Promise.all([files.readBytes(KEYS_FILE), files.readText(META_FILE)]);
  const keys = checkKeyTable(new Uint32Array(keyBytes));
  const meta = JSON.parse(metaText) as IndexMeta;
  if (meta.formatVersion !== INDEX_FORMAT_VERSION) throw new Error(`content index format ${meta.formatVersion} is not supported`);
  const shards = new Map<number, Promise<IndexedArticle[]>>();
  return {
    meta,
    keys,
    async getArticle(articleId) {
      if (!Number.isInteger(articleId) || articleId < 0 || articleId >= meta.articles) return null;
      const shard = Math.floor(articleId / meta.shardSize);
      let articles = shards.get(shard);
      if (!articles) {
        articles = files.readText(shardFileName(shard)).then((text) => JSON.parse(text) as IndexedArticle[]);
        shards.set(shard, articles);
        articles.catch(() => shards.delete(shard));
      }
      return (await articles)[articleId % meta.shardSize] ?? null;
    },
  };
}

/** The index files of the running extension, read with fetch from its own package (no network). */
export function extensionIndexFiles(getUrl: (path: string) => string): IndexFiles {
  const read = async (name: string) => {
    const response = await fetch(getUrl(`/${INDEX_DIR}/${name}`));
    if (!response.ok) throw new Error(`cannot read ${INDEX_DIR}/${name}: HTTP ${response.status}`);
    return response;
  };
  return {
    readBytes: async (name) => (await read(name)).arrayBuffer(),
    readText: async (name) => (await read(name)).text(),
  };
}
