import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, relative, sep } from 'node:path';
import type { Article } from '../content/article-schema';
import { type ParsedArticleFile, parseArticleFile } from '../content/parse-article-file';
import { buildCores, parseFiles, usesWorkers } from '../content/parse-files';
import type { Problem } from '../content/problem';
import { searchSegmentFiles } from '../search/build-search-index';
import { SEARCH_SEGMENT_SIZE } from '../search/search-catalog';
import { memoizedUrlKeys, type UrlKeys, type urlKeys } from '../url/normalize-url';
import { buildRelatedCoverage, closenessTexts, type RelatedFacts, relatedFactsOf } from './build-related-coverage';
import { buildSiteProfiles } from './build-site-profiles';
import { startGzipWorkers } from './gzip-worker';
import {
  INDEX_FORMAT_VERSION,
  type IndexMeta,
  keysFileName,
  META_FILE,
  QUALITY_CHUNK,
  qualityFileName,
  shardFileName,
  siteShardFileName,
  storyShardFileName,
} from './content-index';
import { type IndexedArticle, type IndexedStory, toIndexedArticle } from './indexed-article';
import { bucketBitsFor, buildKeyTables, type KeyLookup, type KeyTarget, lookupInTables } from './key-table';
import { type KeptTermStats, packTermStats } from './pack-term-stats';
import { startRelatedFactsOnWorkers, startSearchSegmentsOnWorker } from './build-workers';
import type { SiteProfile } from './site-profile';
import { type IndexIds, renumberStoriesAndSites, stableBucketBits, stableSlots } from './stable-ids';
import { buildTermStats, type TermStats } from './story-closeness';

/** Articles (and stories, and sites) per shard file: the popup reads one shard (a few tens of kB) to show one. */
const SHARD_SIZE = 64;
/** gzip level of shards and search segments. At 10,000 articles: level 1 9.58 MB, 6 8.57 MB, 9 8.50 MB, where 9 took 1.0 s more than 6 (docs/performance.md). */
const SHARD_GZIP_LEVEL = 6;

/** Markdown files that document a content folder rather than hold an article. Compared lower-case. */
const NOTE_FILE_NAMES: ReadonlySet<string> = new Set(['readme.md', 'source.md', 'license.md', 'changelog.md', 'contributing.md']);

/** What `check` reports, and what fails the build when `errors` is not empty. */
interface ContentReport {
  /** Article files read (notes such as SOURCE.md are not counted). */
  files: number;
  /** Articles in the index, after rejected files and duplicates are left out. */
  articles: number;
  errors: Problem[];
  warnings: Problem[];
}

export interface BuiltContentIndex<ArticleSlot = IndexedArticle | null, FileBytes = Uint8Array> {
  report: ContentReport;
  meta: IndexMeta;
  /**
   * Articles in id order: the id is the position here. Dense in the extension's build; in a content pack's, an id
   * a removed article left and no new one took yet is null (see stable-ids.ts, stableSlots).
   */
  articles: ArticleSlot[];
  /** Related stories that are not bundled articles, in story id order. */
  stories: IndexedStory[];
  /** Sites with bundled articles, in site id order. */
  sites: SiteProfile[];
  /** URL key (or site key) → article, story or site, as stored in the key tables. */
  keyTargets: Map<string, KeyTarget>;
  /** Looks keys up in the built tables (for matchUrl in Node: the CLI, tests). */
  lookup: KeyLookup;
  /** The files to ship under `content-index/`, by name. */
  files: Map<string, FileBytes>;
  /** Who holds which id: only for a content pack's build (see {@link PackBuild}). */
  ids?: IndexIds;
  /** A content pack's build only: why closeness term stats were taken afresh, or null when the previous pack's were kept. */
  termStatsRecomputed?: string | null;
}

/** The extension's own build (no {@link PackBuild}): every id holds an article. */
export type ExtensionBuiltIndex = BuiltContentIndex<IndexedArticle>;

/**
 * A content pack's build (issue 10): ids are kept from the previous publication (see stable-ids.ts), and the files
 * have a layout of their own (below), so that one changed article changes a small part of the pack. The default
 * build (no `pack`) is unchanged, byte for byte.
 */
export interface PackBuild {
  previousIds: IndexIds | null;
}
/**
 * A pack's layout (the bundled index: 2,048 keys per bucket, shards of 64, search segments of 10,000). A reader
 * downloads the changed files and the whole manifest (~165 bytes per file): at 100,000 articles, files that are
 * too small make the manifest the biggest part of a one-article change (1.8 MB with shards of 64 and buckets of
 * 128 keys), files that are too big make each changed file costly. For a kind of file with n files of B bytes in
 * all, of which a change touches c, the cost is 165·n + c·B/n, least at n = √(c·B/165). The sizes below were
 * chosen near that optimum for a removal, when a removal still moved the last item into the gap (c ≈ 1.5), measured
 * at 100,000 articles (scripts/bench: pack_delta_ratio and the removed ratio). A removed article now leaves its id
 * unused (stable-ids.ts, stableSlots); stories and sites still move their last item. Search segments stay at 500.
 */
const PACK_KEYS_PER_BUCKET = 512;
const PACK_SHARD_SIZE = 160;
const PACK_STORY_SHARD_SIZE = 384;
/** Site profiles are larger (~440 bytes gzip'd each) and few: 256 a shard made one changed site cost 111 kB. */
const PACK_SITE_SHARD_SIZE = 16;
const PACK_SEARCH_SEGMENT_SIZE = 500;
/** Quality scores are 8 bytes an id: 4,096 ids a file made one changed score cost a 32 kB file. */
const PACK_QUALITY_CHUNK = 1024;

export interface ContentFile {
  /** Path relative to the content folder, with `/` separators. */
  file: string;
  bytes: Uint8Array;
}

/** Lists the article files under `dir`, recursively (`**\/*.md`), sorted, skipping dot-folders and notes. */
export function listContentFiles(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.md'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => !file.split('/').some((part) => part.startsWith('.')))
    .filter((file) => !NOTE_FILE_NAMES.has(file.split('/').pop()!.toLowerCase()))
    .sort();
}

/**
 * Reads every article file under `dir` and builds the index; large folders are parsed on all cores (see
 * parse-files.ts), and their related coverage, search segments and gzip use worker threads too (build-workers.ts,
 * gzip-worker.ts). Throws only if `dir` cannot be read at all.
 */
export async function buildContentIndexFromDir(dir: string, options?: { parallel?: boolean }): Promise<ExtensionBuiltIndex>;
export async function buildContentIndexFromDir(dir: string, options: { parallel?: boolean; pack: PackBuild }): Promise<BuiltContentIndex>;
export async function buildContentIndexFromDir(dir: string, options?: { parallel?: boolean; pack?: PackBuild }): Promise<BuiltContentIndex> {
  const files = listContentFiles(dir);
  const parsed = await parseFiles(dir, files, options);
  const ided = settleArticles(parsed, options?.pack);
  if (!usesWorkers(files.length, options?.parallel)) return indexInThisThread(ided);
  // The search segments and the related entries' facts are worked out on workers while this thread does the rest.
  const onFallback = (message: string) => ided.warnings.push({ file: '(index)', field: '(build)', message });
  const search = await startSearchSegmentsOnWorker(ided.articles, searchSegmentSize(ided.pack), SHARD_GZIP_LEVEL, onFallback);
  const settled = keyAndWeigh(ided);
  const related = await startRelatedFactsOnWorkers(settled.sources, settled.termStats.stats, onFallback);
  const gzipWorkers = startGzipWorkers(SHARD_GZIP_LEVEL, buildCores());
  try {
    const sites = buildSiteProfiles(settled.articles, settled.keyTargets);
    const built = finishIndex<Promise<Uint8Array>>(settled, { sites, searchSegments: await search.files }, await related.facts, gzipWorkers.gzip);
    const compressed = await Promise.all([...built.files].map(async ([name, bytes]) => [name, await bytes] as const));
    return { ...built, files: new Map(compressed) };
  } finally {
    await gzipWorkers.close();
  }
}

/** Builds the index from content files held in memory (tests, tools). */
export function buildContentIndex(contentFiles: readonly ContentFile[]): ExtensionBuiltIndex;
export function buildContentIndex(contentFiles: readonly ContentFile[], options: { pack: PackBuild }): BuiltContentIndex;
export function buildContentIndex(contentFiles: readonly ContentFile[], options?: { pack?: PackBuild }): BuiltContentIndex {
  return indexInThisThread(
    settleArticles(
      contentFiles.map(({ file, bytes }) => parseArticleFile(file, bytes)),
      options?.pack,
    ),
  );
}

/** The rest of the build without worker threads: small folders, in-memory builds. */
function indexInThisThread(ided: ArticlesWithIds): BuiltContentIndex {
  const settled = keyAndWeigh(ided);
  const sites = buildSiteProfiles(settled.articles, settled.keyTargets);
  const searchSegments = searchSegmentFiles(settled.articles, searchSegmentSize(settled.pack), gzipNow);
  return finishIndex(settled, { sites, searchSegments }, relatedFactsOf(settled.sources, settled.termStats.stats, settled.keysOf), gzipNow);
}

function searchSegmentSize(pack: PackBuild | undefined): number {
  return pack ? PACK_SEARCH_SEGMENT_SIZE : SEARCH_SEGMENT_SIZE;
}

/**
 * How the index's files are gzip'd (level {@link SHARD_GZIP_LEVEL}): at once, in this thread, or, for a folder large
 * enough to be parsed on workers, on a worker thread (gzip-worker.ts), so that compressing the shards of 100,000
 * articles (~4.6 s of one core) runs on another core while this thread builds the site profiles, key tables and
 * search segments. The bytes are the same either way.
 */
type Gzip<Bytes> = (data: string | Uint8Array) => Bytes;
const gzipNow: Gzip<Uint8Array> = (data) => gzipSync(data, { level: SHARD_GZIP_LEVEL });

interface Candidate {
  file: string;
  article: Article;
  primaryKeys: string[];
}

/** The articles of a build once duplicates are settled and ids given, with their keys and term stats: what {@link finishIndex} goes on from. */
interface SettledArticles {
  pack: PackBuild | undefined;
  parsedFiles: number;
  errors: Problem[];
  warnings: Problem[];
  /** The articles kept, in file order. */
  settled: Candidate[];
  /** The article of each id (null: an unused id, in a pack). */
  winners: (Candidate | null)[];
  sources: (Article | null)[];
  articles: (IndexedArticle | null)[];
  /** The articles' own URL keys so far. */
  keyTargets: Map<string, KeyTarget>;
  keysOf: (url: unknown) => UrlKeys | null;
  /** What closeness is scored with; a pack's also says what its next publication keeps. */
  termStats: { stats: TermStats; kept?: KeptTermStats; recomputed?: string | null };
}

/** The articles once duplicates are settled and ids given, before their keys and term stats ({@link keyAndWeigh}). */
type ArticlesWithIds = Omit<SettledArticles, 'keyTargets' | 'termStats'>;

/**
 * The first part of a build: settle duplicates, assign ids, the articles as shipped.
 * Every problem of every file is collected; none stops the others.
 */
function settleArticles(parsedFiles: readonly ParsedArticleFile[], pack: PackBuild | undefined): ArticlesWithIds {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const candidates: Candidate[] = [];
  const keysOf = memoizedUrlKeys();
  for (const parsed of parsedFiles) {
    const { file } = parsed;
    errors.push(...parsed.errors);
    warnings.push(...parsed.warnings);
    if (!parsed.article) continue;
    const primaryKeys = [parsed.article.webUrl, parsed.article.originalUrl]
      .map((url) => keysOf(url))
      .filter((keys) => keys !== null && !keys.isHomePage)
      .map((keys) => keys!.key);
    for (const field of ['webUrl', 'originalUrl'] as const) {
      if (keysOf(parsed.article[field])?.isHomePage) {
        warnings.push({ file, field, message: "is a site's home page, not an article: it is not used for matching" });
      }
    }
    candidates.push({ file, article: parsed.article, primaryKeys: [...new Set(primaryKeys)] });
  }

  const settled = settleDuplicates(candidates, warnings);
  settled.sort((a, b) => compareText(a.file, b.file));
  const winners = pack ? stableSlots(settled, (candidate) => candidate.file, pack.previousIds?.articles) : settled;
  const sources = winners.map((candidate) => candidate?.article ?? null);
  const articles = winners.map((candidate) => candidate && toIndexedArticle(candidate.article, candidate.file));
  return { pack, parsedFiles: parsedFiles.length, errors, warnings, settled, winners, sources, articles, keysOf };
}

/** The second part: the articles' own URL keys and the closeness term stats. */
function keyAndWeigh(ided: ArticlesWithIds): SettledArticles {
  const { pack, settled, sources, keysOf } = ided;
  const keyTargets = new Map<string, KeyTarget>();
  sources.forEach((article, articleId) => article && addArticleKeys(keyTargets, article, articleId, keysOf));
  // A pack scores closeness with its lineage's term stats (pack-term-stats.ts); the extension build takes them afresh.
  const termStats = pack
    ? packTermStats(
        () => closenessTexts(sources),
        settled.map((candidate) => candidate.file),
        pack.previousIds,
      )
    : { stats: buildTermStats(closenessTexts(sources)) };
  return { ...ided, keyTargets, termStats };
}

/**
 * What a build makes of its articles without their related coverage: site profiles (built before the coverage, so
 * their `site:` keys are in the key targets first) and the gzip'd search segments, by file name.
 */
interface BesideCoverage<Bytes> {
  sites: SiteProfile[];
  searchSegments: (readonly [string, Bytes | Uint8Array])[];
}

/**
 * The rest of a build, from the settled articles, what was built beside their coverage and their related entries'
 * {@link RelatedFacts}: related coverage, key tables, and the files, gzip'd by `compress`.
 */
function finishIndex<Bytes extends Uint8Array | Promise<Uint8Array>>(
  { pack, parsedFiles, errors, warnings, settled, winners, sources, articles, keyTargets, termStats }: SettledArticles,
  { sites: builtSites, searchSegments }: BesideCoverage<Bytes>,
  facts: RelatedFacts,
  compress: Gzip<Bytes>,
): BuiltContentIndex<IndexedArticle | null, Bytes | Uint8Array> {
  let stories = buildRelatedCoverage(sources, articles, keyTargets, facts, (id, field, message) => warnings.push({ file: winners[id]!.file, field, message }));
  // Each kind of shard is compressed as soon as it is final: on a build with workers, on the gzip workers while this thread goes on.
  const shardSize = pack ? PACK_SHARD_SIZE : SHARD_SIZE;
  const articleShards = shardFiles(articles, shardFileName, shardSize, compress);
  let sites = builtSites;
  let ids: IndexIds | undefined;
  let keyBucketBits = bucketBitsFor(keyTargets.size);
  if (pack) {
    const renumbered = renumberStoriesAndSites(stories, sites, keyTargets, pack.previousIds);
    ({ stories, sites } = renumbered);
    keyBucketBits = stableBucketBits(bucketBitsFor(keyTargets.size, PACK_KEYS_PER_BUCKET), pack.previousIds);
    ids = {
      articles: winners.map((candidate) => candidate?.file ?? null),
      stories: renumbered.storyIds,
      sites: renumbered.siteIds,
      keyBucketBits,
      termStats: termStats.kept!,
    };
  }
  const storyShards = shardFiles(stories, storyShardFileName, pack ? PACK_STORY_SHARD_SIZE : shardSize, compress);
  const siteShards = shardFiles(sites, siteShardFileName, pack ? PACK_SITE_SHARD_SIZE : shardSize, compress);
  const { tables, collisions } = buildKeyTables(keyTargets, keyBucketBits);
  for (const key of collisions) {
    const target = keyTargets.get(key)!;
    const file = target.kind === 'article' ? winners[target.id]!.file : '(index)';
    warnings.push({ file, field: '(urls)', message: `URL key ${key} has the same 64-bit hash as another key; it will not match` });
  }

  const newestPublished = articles.reduce<string | null>(
    (newest, article) => (article?.publishedDateTime && (!newest || article.publishedDateTime > newest) ? article.publishedDateTime : newest),
    null,
  );
  const meta: IndexMeta = {
    formatVersion: INDEX_FORMAT_VERSION,
    articles: settled.length,
    ...(settled.length < articles.length ? { articleIds: articles.length } : {}),
    stories: stories.length,
    sites: sites.length,
    keys: keyTargets.size - collisions.length,
    keyBucketBits,
    shardSize,
    ...(pack ? { storyShardSize: PACK_STORY_SHARD_SIZE, siteShardSize: PACK_SITE_SHARD_SIZE, qualityChunk: PACK_QUALITY_CHUNK } : {}),
    searchSegments: searchSegments.length,
    newestPublished,
  };
  const files = new Map<string, Bytes | Uint8Array>();
  files.set(META_FILE, new TextEncoder().encode(JSON.stringify(meta)));
  tables.forEach((table, bucket) => files.set(keysFileName(bucket), new Uint8Array(table.buffer, table.byteOffset, table.byteLength)));
  for (const [name, bytes] of [...articleShards, ...storyShards, ...siteShards]) files.set(name, bytes);
  writeQualityTables(files, 'article', articles, meta.qualityChunk);
  writeQualityTables(files, 'related', stories, meta.qualityChunk);
  for (const [name, bytes] of searchSegments) files.set(name, bytes);
  return {
    report: { files: parsedFiles, articles: settled.length, errors, warnings },
    meta,
    articles,
    stories,
    sites,
    keyTargets,
    lookup: lookupInTables(tables, keyBucketBits),
    files,
    ...(ids ? { ids, termStatsRecomputed: termStats.recomputed ?? null } : {}),
  };
}

/**
 * Two files with the same article URL (webUrl or originalUrl, normalised) are one article. The winner is the
 * newest publishedDateTime, then the first file name; the other is left out with a warning naming both.
 */
function settleDuplicates(candidates: Candidate[], warnings: Problem[]): Candidate[] {
  // Dates are ISO 8601 in UTC (the schema writes them so): plain string order is time order.
  const ordered = [...candidates].sort((a, b) => compareText(b.article.publishedDateTime ?? '', a.article.publishedDateTime ?? '') || compareText(a.file, b.file));
  const ownerOfKey = new Map<string, Candidate>();
  const winners: Candidate[] = [];
  for (const candidate of ordered) {
    const owner = candidate.primaryKeys.map((key) => ownerOfKey.get(key)).find(Boolean);
    if (owner) {
      const sameDate = owner.article.publishedDateTime === candidate.article.publishedDateTime;
      warnings.push({
        file: candidate.file,
        field: 'webUrl',
        message: `same article URL as ${owner.file}, which is kept (${sameDate ? 'same date, earlier file name' : 'newer publishedDateTime'}); this file is left out`,
      });
      continue;
    }
    for (const key of candidate.primaryKeys) ownerOfKey.set(key, candidate);
    winners.push(candidate);
  }
  return winners;
}

/** `items` as gzip'd JSON shards of `size`, by file name: item n is in shard ⌊n / size⌋ (an unused id: null). */
function shardFiles<Bytes>(items: readonly unknown[], fileName: (shard: number) => string, size: number, compress: Gzip<Bytes>): [string, Bytes][] {
  const shards: [string, Bytes][] = [];
  for (let shard = 0; shard * size < items.length; shard++) {
    shards.push([fileName(shard), compress(JSON.stringify(items.slice(shard * size, (shard + 1) * size)))]);
  }
  return shards;
}

/** The quality scores of `items` in id order, float64 little-endian, NaN for unscored, `size` (QUALITY_CHUNK) a file (see qualityFileName). */
function writeQualityTables(files: Map<string, unknown>, kind: 'article' | 'related', items: readonly ({ quality?: number } | null)[], size = QUALITY_CHUNK): void {
  for (let chunk = 0; chunk * size < items.length; chunk++) {
    const slice = items.slice(chunk * size, (chunk + 1) * size);
    const table = new Float64Array(slice.length);
    slice.forEach((item, n) => (table[n] = typeof item?.quality === 'number' && Number.isFinite(item.quality) ? item.quality : NaN));
    files.set(qualityFileName(kind, chunk), new Uint8Array(table.buffer));
  }
}

/** Adds the keys of all four article URLs, with and without AMP markers. A non-AMP claim beats an AMP one. */
function addArticleKeys(targets: Map<string, KeyTarget>, article: Article, articleId: number, keysOf: typeof urlKeys): void {
  const fields = [
    [article.webUrl, false],
    [article.originalUrl, false],
    [article.ampWebUrl, true],
    [article.cdnAmpWebUrl, true],
  ] as const;
  for (const [url, ampField] of fields) {
    const keys = keysOf(url);
    if (!keys || keys.isHomePage) continue;
    claimKey(targets, keys.key, { kind: 'article', id: articleId, isAmp: ampField || keys.isAmp });
    for (const ampFreeKey of keys.ampFreeKeys) claimKey(targets, ampFreeKey, { kind: 'article', id: articleId, isAmp: true });
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function claimKey(targets: Map<string, KeyTarget>, key: string, target: KeyTarget): void {
  const existing = targets.get(key);
  if (!existing || (existing.isAmp && !target.isAmp)) targets.set(key, target);
}
