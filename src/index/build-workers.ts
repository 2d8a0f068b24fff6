import type { Article } from '../content/article-schema';
import { bundledWorkerSource, runOnWorker } from '../content/bundle-worker';
import { buildCores } from '../content/parse-files';
import { gzipSync } from 'node:zlib';
import { searchSegmentFiles, toSearchSource } from '../search/build-search-index';
import { memoizedUrlKeys } from '../url/normalize-url';
import { type RelatedFacts, relatedFactsOf, toCoverageSource } from './build-related-coverage';
import type { IndexedArticle } from './indexed-article';
import type { TermStats } from './story-closeness';

/**
 * Parts of a build run on worker threads, each beside the others and beside the build's own thread: the related
 * entries' facts and the search segments. Each gives what the same function gives in this thread, byte for byte;
 * should a worker fail, that part is done in this thread instead (a slower build, never a different one), and
 * `onFallback` is told why.
 */

/** The related-facts worker: relatedFactsOf over its part of the articles, the arrays sent back without a copy. */
const FACTS_ENTRY = `
import { parentPort, workerData } from 'node:worker_threads';
import { relatedFactsOf } from '../index/build-related-coverage';
import { memoizedUrlKeys } from '../url/normalize-url';
const facts = relatedFactsOf(workerData.sources, workerData.stats, memoizedUrlKeys());
parentPort.postMessage(facts, [facts.scores.buffer, facts.keyCounts.buffer, facts.keyIsAmp.buffer]);
`;

/**
 * {@link relatedFactsOf} on one worker thread per core, each over a consecutive part of the articles (about as many
 * related entries in each), put back together in order: the same facts, to the last bit (the same functions, term
 * stats and order). At 100,000 articles (the benchmark's corpus) scoring and keying their 175,148 related entries is ~6 s of one core.
 * Resolves once the workers have their articles, so that this thread can go on with other work; `facts` resolves
 * when they are done.
 */
export async function startRelatedFactsOnWorkers(
  sources: readonly (Article | null)[],
  stats: TermStats,
  onFallback: (message: string) => void,
): Promise<{ facts: Promise<RelatedFacts> }> {
  const articles = sources.filter((article): article is Article => article !== null);
  const inThisThread = (error: unknown) => {
    onFallback(workerFailure('related coverage was worked out', error));
    return relatedFactsOf(articles, stats, memoizedUrlKeys());
  };
  try {
    const source = await bundledWorkerSource(FACTS_ENTRY);
    const parts = splitByEntries(articles, buildCores()).map((part) =>
      runOnWorker<RelatedFacts>(source, { sources: part.map(toCoverageSource), stats }, 'related-coverage'),
    );
    return { facts: Promise.all(parts).then(joinFacts, inThisThread) };
  } catch (error) {
    return { facts: Promise.resolve(inThisThread(error)) };
  }
}

/** The search-segments worker: searchSegmentFiles, gzip'd at the build's level. */
const SEARCH_ENTRY = `
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { searchSegmentFiles } from '../search/build-search-index';
const { articles, segmentSize, level } = workerData;
parentPort.postMessage(searchSegmentFiles(articles, segmentSize, (data) => gzipSync(data, { level })));
`;

/**
 * {@link searchSegmentFiles} on a worker thread, gzip'd at `level`: at 100,000 articles building the compact search
 * index is ~3 s of one core, which the build's own thread would otherwise spend while a core waits. Resolves once
 * the worker has the articles; `files` resolves when it is done.
 */
export async function startSearchSegmentsOnWorker(
  articles: readonly (IndexedArticle | null)[],
  segmentSize: number,
  level: number,
  onFallback: (message: string) => void,
): Promise<{ files: Promise<[string, Uint8Array][]> }> {
  const inThisThread = (error: unknown) => {
    onFallback(workerFailure('the search segments were built', error));
    return searchSegmentFiles(articles, segmentSize, (data) => gzipSync(data, { level }));
  };
  try {
    const source = await bundledWorkerSource(SEARCH_ENTRY);
    const sources = articles.map((article) => article && toSearchSource(article));
    return { files: runOnWorker<[string, Uint8Array][]>(source, { articles: sources, segmentSize, level }, 'search-segments').catch(inThisThread) };
  } catch (error) {
    return { files: Promise.resolve(inThisThread(error)) };
  }
}

/** The warning for a part of the build done in this thread because its worker failed: `what` and the error's first line. */
function workerFailure(what: string, error: unknown): string {
  return `${what} in one thread, as a worker failed: ${(error as Error).message.split('\n')[0]}`;
}

/** `articles` in up to `count` consecutive parts with about as many related entries in each. */
function splitByEntries(articles: readonly Article[], count: number): Article[][] {
  const total = articles.reduce((sum, article) => sum + 1 + (article.related?.length ?? 0), 0);
  const parts: Article[][] = [[]];
  let inPart = 0;
  for (const article of articles) {
    if (inPart >= total / count && parts.length < count) {
      parts.push([]);
      inPart = 0;
    }
    parts.at(-1)!.push(article);
    inPart += 1 + (article.related?.length ?? 0);
  }
  return parts;
}

function joinFacts(parts: readonly RelatedFacts[]): RelatedFacts {
  const join = <T extends Float64Array | Uint8Array>(arrays: readonly T[], make: new (length: number) => T): T => {
    const joined = new make(arrays.reduce((sum, array) => sum + array.length, 0));
    let at = 0;
    for (const array of arrays) {
      joined.set(array, at);
      at += array.length;
    }
    return joined;
  };
  return {
    scores: join(
      parts.map((part) => part.scores),
      Float64Array,
    ),
    keyCounts: join(
      parts.map((part) => part.keyCounts),
      Uint8Array,
    ),
    keys: parts.flatMap((part) => part.keys),
    keyIsAmp: join(
      parts.map((part) => part.keyIsAmp),
      Uint8Array,
    ),
  };
}
