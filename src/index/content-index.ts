import { describePage, describePageKeys, type NoAnswerReason, type PageAnswer } from '../match/describe-page';
import type { PageLinks } from '../match/match-page-links';
import { lookupKeysOf, matchUrl, type MatchVia, refineVia, type UrlMatch } from '../match/match-url';
import { type UrlKeys, withUrlKeysCache } from '../url/normalize-url';
import type { IndexedArticle, IndexedRelatedStory, IndexedStory } from './indexed-article';
import { bucketOf, checkKeyTable, type KeyLookup, lookupKey } from './key-table';
import type { SiteProfile } from './site-profile';
import { gunzipJson } from './inflate';
import { storyCoverage } from './story-coverage';

/**
 * The index as the extension ships it, under `content-index/` in the built extension:
 * - `meta.json`: {@link IndexMeta};
 * - `keys-N.bin`: the URL and site key tables, one per hash bucket (see key-table.ts): all the badge needs;
 * - `articles-N.json.gz`, `stories-N.json.gz`, `sites-N.json.gz`: articles, related stories and site profiles
 *   N×shardSize … (N+1)×shardSize−1 as gzip'd JSON, read when one is shown;
 * - `search-N.bin.gz`: the search page's index (see search-catalog.ts), read by the search page only.
 * Nothing is read until a lookup needs it, and each file is read once.
 */
export const INDEX_DIR = 'content-index';
export const META_FILE = 'meta.json';
export const INDEX_FORMAT_VERSION = 7;

export function keysFileName(bucket: number): string {
  return `keys-${bucket}.bin`;
}

export function shardFileName(shard: number): string {
  return `articles-${shard}.json.gz`;
}

export function storyShardFileName(shard: number): string {
  return `stories-${shard}.json.gz`;
}

export function siteShardFileName(shard: number): string {
  return `sites-${shard}.json.gz`;
}

/** Ids per quality file: one added article changes one 32 kB file, not the whole table (content pack deltas). */
export const QUALITY_CHUNK = 4096;

/**
 * The quality scores of articles (`quality-article-N.bin`) or related stories (`quality-related-N.bin`), ids
 * N×QUALITY_CHUNK … (N+1)×QUALITY_CHUNK−1, as little-endian float64, NaN for unscored: what a link mark shows
 * without reading the shards.
 */
export function qualityFileName(kind: 'article' | 'related', chunk: number): string {
  return `quality-${kind}-${chunk}.bin`;
}

export interface IndexMeta {
  formatVersion: number;
  /** Number of bundled articles. */
  articles: number;
  /**
   * Article ids run 0 … articleIds−1, when that is more than `articles`: a content pack keeps the id of a removed
   * article unused (null in its shard) until a new article takes it, so that no other article moves. Absent when
   * every id holds an article.
   */
  articleIds?: number;
  /** Number of related stories (not themselves bundled) that bundled articles list. */
  stories: number;
  /** Number of sites with bundled articles. */
  sites: number;
  /** Number of keys in the key tables. */
  keys: number;
  /** The key tables are split into 2^keyBucketBits files. */
  keyBucketBits: number;
  shardSize: number;
  /** Related stories per shard, when not `shardSize` (content packs: see build-content-index.ts, PACK_STORY_SHARD_SIZE). */
  storyShardSize?: number;
  /** Sites per shard, when not `shardSize` (content packs: see build-content-index.ts, PACK_SITE_SHARD_SIZE). */
  siteShardSize?: number;
  /** Ids per quality file, when not QUALITY_CHUNK (content packs: see build-content-index.ts, PACK_QUALITY_CHUNK). */
  qualityChunk?: number;
  /** Number of search index segments. */
  searchSegments: number;
  /** The newest publishedDateTime among the bundled articles (ISO 8601), or null when none has one. */
  newestPublished: string | null;
}

/** Reads the index's files, wherever they live (the extension package, a folder in Node, memory). */
export interface IndexFiles {
  readBytes(name: string): Promise<ArrayBuffer>;
}

/**
 * What Backstory knows about a page, with what the views show for it: {@link describePage}'s answer with the
 * article, story or site it names read from the index, and `exact` set where the address is literally theirs.
 */
export type PageDescription =
  | ({ kind: 'article'; via: MatchVia; articleId: number; article: IndexedArticle } & FromCatalogues)
  | ({ kind: 'related'; via: MatchVia; storyId: number; story: IndexedStory; coverage: IndexedRelatedStory[] } & FromCatalogues)
  | ({ kind: 'site'; siteId: number; site: SiteProfile; reason: Exclude<NoAnswerReason, 'not-web'> } & FromCatalogues)
  | { kind: 'none'; reason: NoAnswerReason };

/** A catalogue as an answer names it (src/catalogues/): `bundled` for the index the extension ships. */
export interface CatalogueRef {
  id: string;
  name: string;
}

/**
 * Set only by an index that answers from several catalogues (combine-indexes.ts): the catalogue the answer was read
 * from, and the other catalogues that have the same page as the same kind of answer.
 */
interface FromCatalogues {
  catalogue?: CatalogueRef;
  alsoIn?: CatalogueRef[];
}

/** One catalogue's index, and the catalogue it is. */
export interface CatalogueIndex {
  catalogue: CatalogueRef;
  index: ContentIndex;
}

export interface ContentIndex {
  meta: IndexMeta;
  /**
   * The catalogues an index combined from several answers from, in order of precedence (combine-indexes.ts);
   * absent for one catalogue's index. Ids (`articleId`, `PageAnswer.id`) are per catalogue: `part` below is the
   * position of the catalogue in this list (0 for one catalogue's index).
   */
  parts?: readonly CatalogueIndex[];
  /** What Backstory knows about `url` (and the page's own canonical/og:url links, when read). */
  describe(url: unknown, links?: PageLinks | null): Promise<PageDescription>;
  /** {@link describePage}'s answer for `url`, without reading any article, story or site. */
  answer(url: unknown, links?: PageLinks | null): Promise<PageAnswer>;
  /** Reads the key buckets these keys (describePageKeys) fall in, so that `answerLoaded` can look them up. */
  loadKeys(keys: readonly string[]): Promise<void>;
  /** {@link describePage}'s answer, at once: every key it needs must be loaded first (`loadKeys`). */
  answerLoaded(url: unknown, links?: PageLinks | null): PageAnswer;
  /** The description of an answer this index gave for `url`: its article, story or site read from its shard. */
  describeAnswer(answer: PageAnswer, url: unknown): Promise<PageDescription>;
  /**
   * {@link describePage}'s answer for each URL, in order, without reading any article, story or site (link marks:
   * many URLs at once). The key buckets all of them need are read first, in one round.
   */
  answerMany(urls: readonly unknown[]): Promise<PageAnswer[]>;
  /** The quality score of an article or related story by id (undefined when unscored or unknown), from the quality tables. */
  qualityOf(kind: 'article' | 'related', id: number, part?: number): Promise<number | undefined>;
  /** The article a URL names, and how it was found (see match-url.ts); null when none. */
  match(url: unknown): Promise<UrlMatch | null>;
  getArticle(articleId: number, part?: number): Promise<IndexedArticle | null>;
  getStory(storyId: number, part?: number): Promise<IndexedStory | null>;
  getSite(siteId: number, part?: number): Promise<SiteProfile | null>;
  /** Reads one of the index's other files (the search page's segments), through the same reader. */
  readFile(name: string): Promise<ArrayBuffer>;
}

/** A related-coverage page shows the coverage of at most this many of the bundled articles that list it. */
const MAX_COVERAGE_SOURCES = 5;

/** The `formatVersion` a `meta.json` names (anything, for a file that is not one): only INDEX_FORMAT_VERSION is read. */
export function indexFormatOf(metaBytes: ArrayBuffer | Uint8Array): unknown {
  try {
    return (JSON.parse(new TextDecoder().decode(metaBytes)) as { formatVersion?: unknown } | null)?.formatVersion;
  } catch {
    return undefined;
  }
}

/** Opens the index: reads meta.json now, everything else on demand. */
export async function loadContentIndex(files: IndexFiles): Promise<ContentIndex> {
  const meta = JSON.parse(new TextDecoder().decode(await files.readBytes(META_FILE))) as IndexMeta;
  if (meta.formatVersion !== INDEX_FORMAT_VERSION) throw new Error(`content index format ${meta.formatVersion} is not supported`);
  // Each file is read once, also when several lookups ask for it at the same time: the promise is kept at once.
  // A read that fails is forgotten, so the next lookup tries again. Key tables and quality tables are kept (every
  // lookup needs them; they are compact typed arrays); parsed shards only the most recently used few, so that a
  // background that has looked up thousands of pages does not end up holding the whole corpus as objects.
  const tables = readCache(Infinity);
  const shards = readCache(CACHED_SHARDS);
  const readOnce = <T>(name: string, parse: (bytes: ArrayBuffer) => T | Promise<T>, cache = tables): Promise<T> =>
    cache.get(name, () => files.readBytes(name).then(parse));

  const buckets = new Map<number, Uint32Array>();
  const loadBucketsFor = async (keys: readonly string[]) => {
    const needed = new Set(keys.map((key) => bucketOf(key, meta.keyBucketBits)));
    await Promise.all(
      [...needed].map((bucket) =>
        readOnce(keysFileName(bucket), (bytes) => {
          const table = checkKeyTable(new Uint32Array(bytes));
          buckets.set(bucket, table);
          return table;
        }),
      ),
    );
  };
  const lookup: KeyLookup = (key) => lookupKey(buckets.get(bucketOf(key, meta.keyBucketBits))!, key);

  /** Item `id` of a sharded table of `count` items (articles, stories, sites). */
  const readItem = async <T>(fileName: (shard: number) => string, count: number, id: number, shardSize = meta.shardSize): Promise<T | null> => {
    if (!Number.isInteger(id) || id < 0 || id >= count) return null;
    const items = await readOnce(fileName(Math.floor(id / shardSize)), gunzipJson<unknown[]>, shards);
    return (items[id % shardSize] as T | undefined) ?? null;
  };
  const articleIds = meta.articleIds ?? meta.articles;
  const getArticle = (id: number) => readItem<IndexedArticle>(shardFileName, articleIds, id);
  const getStory = (id: number) => readItem<IndexedStory>(storyShardFileName, meta.stories, id, meta.storyShardSize);
  const getSite = (id: number) => readItem<SiteProfile>(siteShardFileName, meta.sites, id, meta.siteShardSize);
  const qualityTable = (kind: 'article' | 'related', chunk: number) => readOnce(qualityFileName(kind, chunk), (bytes) => new Float64Array(bytes));

  /** The article, story or site an answer names, read from its shard: what the views show. */
  const describeAnswer = async (answer: PageAnswer, url: unknown): Promise<PageDescription> => {
    const href = typeof url === 'string' ? url : '';
    if (answer.kind === 'article') {
      const article = await getArticle(answer.id);
      if (article) return { kind: 'article', articleId: answer.id, article, via: refineVia(answer.via, [article.webUrl, article.originalUrl], href) };
    } else if (answer.kind === 'related') {
      const story = await getStory(answer.id);
      if (story) {
        const listedBy = await Promise.all(story.listedBy.slice(0, MAX_COVERAGE_SOURCES).map((link) => getArticle(link.articleId)));
        const coverage = storyCoverage(
          story,
          listedBy.filter((article) => article !== null),
        );
        return { kind: 'related', storyId: answer.id, story, coverage, via: refineVia(answer.via, [story.url], href) };
      }
    } else if (answer.kind === 'site') {
      const site = await getSite(answer.id);
      if (site) return { kind: 'site', siteId: answer.id, site, reason: answer.reason };
    } else {
      return answer;
    }
    throw new Error(`content index: ${answer.kind} ${answer.id} is missing from its shard`);
  };

  return {
    meta,
    async answer(url, links) {
      await loadBucketsFor(describePageKeys(url, links));
      return describePage(lookup, url, links);
    },
    loadKeys: loadBucketsFor,
    answerLoaded: (url, links) => describePage(lookup, url, links),
    async describe(url, links) {
      await loadBucketsFor(describePageKeys(url, links));
      return describeAnswer(describePage(lookup, url, links), url);
    },
    describeAnswer,
    async answerMany(urls) {
      const cache = new Map<string, UrlKeys | null>();
      await loadBucketsFor(withUrlKeysCache(cache, () => urls.flatMap((url) => describePageKeys(url))));
      return withUrlKeysCache(cache, () => urls.map((url) => describePage(lookup, url)));
    },
    async qualityOf(kind, id) {
      if (!Number.isInteger(id) || id < 0 || id >= (kind === 'article' ? articleIds : meta.stories)) return undefined;
      const chunk = meta.qualityChunk ?? QUALITY_CHUNK;
      const quality = (await qualityTable(kind, Math.floor(id / chunk)))[id % chunk];
      return quality === undefined || Number.isNaN(quality) ? undefined : quality;
    },
    async match(url) {
      await loadBucketsFor(lookupKeysOf(url));
      return matchUrl(lookup, url);
    },
    getArticle,
    getStory,
    getSite,
    readFile: (name) => files.readBytes(name),
  };
}

/** Parsed shards (articles, stories, sites) kept in memory at once, most recently used first. */
const CACHED_SHARDS = 16;

/** A map of reads in flight or done, by file name: at most `limit`, the least recently used dropped first. */
function readCache(limit: number) {
  const reads = new Map<string, Promise<unknown>>();
  return {
    get<T>(name: string, read: () => Promise<T>): Promise<T> {
      let promise = reads.get(name) as Promise<T> | undefined;
      if (promise)
        reads.delete(name); // set again below: now the most recently used
      else {
        promise = read();
        promise.catch(() => reads.get(name) === promise && reads.delete(name));
      }
      reads.set(name, promise);
      if (reads.size > limit) reads.delete(reads.keys().next().value!);
      return promise;
    },
  };
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
