import type { CatalogueRef, ContentIndex } from '../index/content-index';
import { gunzipBytes } from '../index/inflate';
import { type QualityBandId, qualityBand } from '../quality/quality-band';
import { type MatchCache, querySpecs, searchCompactIndex } from './compact-search-index';
import { type CatalogEntry, searchSegmentFileName } from './search-catalog';
import { decodeSearchSegment, qualityOf, type SearchSegmentColumns, textOf } from './search-segment-file';

/** One search segment as the search page holds it. */
interface LoadedSegment extends SearchSegmentColumns {
  /** The catalogue the segment is of, when several answer (combine-indexes.ts). */
  catalogue: CatalogueRef | null;
  /** Rows whose article an earlier catalogue has too (the same address): never shown twice. */
  repeated: Uint8Array | null;
  /** For a row whose article later catalogues have too: those catalogues. */
  alsoIn: Map<number, CatalogueRef[]>;
  /** Each row's publication date ('' when none), sliced from the text the first time a query needs it. */
  dates: string[] | null;
  /** The matches of the words typed so far (compact-search-index.ts). */
  matchCache: MatchCache;
}

/** The search index as the search page holds it: every segment loaded. */
export interface LoadedSearch {
  segments: LoadedSegment[];
  /** Topics, providers and types across all articles, for the filters: most articles first (types by name). */
  facets: { topics: { value: string; count: number }[]; providers: { value: string; count: number }[]; types: string[] };
  /** Articles that can be found (an article several catalogues have counts once). */
  articleCount: number;
}

/**
 * Reads every search segment through the index's own reader, each catalogue's from its own index when several
 * answer (combine-indexes.ts); their entries then name their catalogue, and an article in several catalogues is one
 * entry, from the first, naming the others. Only the search page calls it.
 */
export async function loadSearch(index: ContentIndex): Promise<LoadedSearch> {
  const parts = index.parts ?? [{ catalogue: null, index }];
  const loadedParts = await Promise.all(
    parts.map(async ({ catalogue, index: part }) => {
      const names = Array.from({ length: part.meta.searchSegments }, (_, n) => searchSegmentFileName(n));
      return Promise.all(
        names.map(async (name): Promise<LoadedSegment> => {
          const columns = decodeSearchSegment(await gunzipBytes(await part.readFile(name)));
          return { ...columns, catalogue, repeated: null, alsoIn: new Map(), dates: null, matchCache: new Map() };
        }),
      );
    }),
  );
  const segments = loadedParts.flat();
  let articleCount = segments.reduce((count, segment) => count + segment.ids.length, 0);
  if (parts.length > 1) articleCount -= markRepeated(segments);
  return { segments, articleCount, facets: facetsOf(segments) };
}

/** Marks the rows whose address an earlier catalogue's row has, and names their catalogue on that row; returns how many. */
function markRepeated(segments: readonly LoadedSegment[]): number {
  const first = new Map<string, { segment: LoadedSegment; row: number }>();
  let repeated = 0;
  for (const segment of segments) {
    for (let row = 0; row < segment.ids.length; row++) {
      const url = textOf(segment, row, 'address');
      if (!url) continue;
      const earlier = first.get(url);
      if (!earlier) {
        first.set(url, { segment, row });
        continue;
      }
      (segment.repeated ??= new Uint8Array(segment.ids.length))[row] = 1;
      repeated++;
      const alsoIn = earlier.segment.alsoIn.get(earlier.row) ?? [];
      alsoIn.push(segment.catalogue!);
      earlier.segment.alsoIn.set(earlier.row, alsoIn);
    }
  }
  return repeated;
}

function datesOf(segment: LoadedSegment): string[] {
  return (segment.dates ??= Array.from(segment.ids, (_, row) => textOf(segment, row, 'date')));
}

/** A row as a result shows it. */
function entryOf(segment: LoadedSegment, row: number): CatalogEntry {
  const entry: CatalogEntry = {
    id: segment.ids[row],
    title: textOf(segment, row, 'title'),
    type: segment.types[segment.type[row]],
    topics: Array.from(segment.topicIds.subarray(segment.topicStart[row], segment.topicStart[row + 1]), (topic) => segment.topics[topic]),
  };
  const url = textOf(segment, row, 'address');
  if (url) entry.url = url;
  if (segment.provider[row] >= 0) entry.provider = segment.providers[segment.provider[row]];
  const date = textOf(segment, row, 'date');
  if (date) entry.publishedDateTime = date;
  const quality = qualityOf(segment, row);
  if (quality !== undefined) entry.quality = quality;
  if (segment.catalogue) entry.catalogue = segment.catalogue;
  const alsoIn = segment.alsoIn.get(row);
  if (alsoIn) entry.alsoIn = alsoIn;
  return entry;
}

export type SearchSort = 'relevance' | 'newest' | 'quality';

/** Words beyond this many characters are ignored: a pasted page of text must not stall the search page. */
const MAX_QUERY_LENGTH = 200;

export interface SearchQuery {
  text: string;
  topic?: string;
  provider?: string;
  band?: QualityBandId;
  type?: string;
  /** Earliest and latest publication day, `YYYY-MM-DD`, both included. */
  from?: string;
  to?: string;
  sort: SearchSort;
}

/** True when the reader has asked for something: words, or at least one filter. */
export function isActiveQuery(query: SearchQuery): boolean {
  return query.text.trim() !== '' || Boolean(query.topic || query.provider || query.band || query.type || query.from || query.to);
}

/** What a search found, in order: a result becomes an entry only when it is shown (a short word finds tens of thousands). */
export interface FoundArticles {
  readonly length: number;
  slice(start?: number, end?: number): CatalogEntry[];
}

export const NOTHING_FOUND: FoundArticles = { length: 0, slice: () => [] };

interface Found {
  segment: LoadedSegment;
  row: number;
  score: number;
  date: string;
  quality: number;
  id: number;
}

/**
 * The articles that match the words (titles weigh most, then topics and providers, then excerpts; every word must
 * match, the last one as a prefix) and every filter, in the order asked for. Without words, every article that
 * passes the filters, newest first unless sorted by quality. Pure over the loaded index.
 */
export function searchArticles(loaded: LoadedSearch, query: SearchQuery): FoundArticles {
  const text = query.text.trim().slice(0, MAX_QUERY_LENGTH);
  const specs = text === '' ? null : querySpecs(text);
  const found: Found[] = [];
  for (const segment of loaded.segments) {
    const passes = filterOf(query, segment);
    if (!passes) continue;
    const dates = datesOf(segment);
    const add = (row: number, score: number) => {
      if (passes(row) && !segment.repeated?.[row]) {
        found.push({ segment, row, score, date: dates[row], quality: qualityOf(segment, row) ?? -1, id: segment.ids[row] });
      }
    };
    if (specs) for (const { document, score } of searchCompactIndex(segment.index, specs, segment.matchCache)) add(document, score);
    else for (let row = 0; row < segment.ids.length; row++) add(row, 0);
  }
  return foundInOrder(found, orderOf(specs ? query.sort : query.sort === 'quality' ? 'quality' : 'newest'));
}

/** What a page of results shows at first: only these many are put in order until more are asked for. */
const FIRST_SORTED = 200;

/**
 * The found articles in `order`, put in order only as far as they are read: the first FIRST_SORTED by one pass
 * that keeps the best ones (a short word finds tens of thousands, and the page shows 50), the rest by a full sort
 * when a later page is asked for. Either way the order is that of a stable sort of everything found.
 */
function foundInOrder(found: Found[], order: (a: Found, b: Found) => number): FoundArticles {
  let sorted: Found[] = [];
  let sortedAll = false;
  return {
    length: found.length,
    slice(start = 0, end = found.length) {
      const wanted = Math.min(end, found.length);
      if (!sortedAll && wanted > sorted.length) {
        if (wanted <= FIRST_SORTED) sorted = firstInOrder(found, FIRST_SORTED, order);
        else [sorted, sortedAll] = [found.sort(order), true];
      }
      return sorted.slice(start, end).map(({ segment, row }) => entryOf(segment, row));
    },
  };
}

/** The first `count` items of `items` in `order` (stable: of items the order puts level, the earlier first). */
function firstInOrder<T>(items: readonly T[], count: number, order: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  for (const item of items) {
    if (best.length === count && order(item, best[count - 1]) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (order(best[middle], item) <= 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}

/** The rows of a segment that pass the query's filters, or null when none can (a topic or provider it does not have). */
function filterOf(query: SearchQuery, segment: LoadedSegment): ((row: number) => boolean) | null {
  const topic = query.topic ? segment.topics.indexOf(query.topic) : -1;
  const provider = query.provider ? segment.providers.indexOf(query.provider) : -1;
  const type = query.type ? segment.types.indexOf(query.type) : -1;
  if ((query.topic && topic < 0) || (query.provider && provider < 0) || (query.type && type < 0)) return null;
  const dates = query.from || query.to ? datesOf(segment) : [];
  const hasTopic = (row: number) => segment.topicIds.subarray(segment.topicStart[row], segment.topicStart[row + 1]).includes(topic);
  return (row) =>
    (!query.topic || hasTopic(row)) &&
    (!query.provider || segment.provider[row] === provider) &&
    (!query.band || qualityBand(qualityOf(segment, row)).id === query.band) &&
    (!query.type || segment.type[row] === type) &&
    (!query.from || dates[row] >= query.from) &&
    (!query.to || (dates[row] !== '' && dates[row].slice(0, 10) <= query.to));
}

/** The order of what was found, ties broken by id (the comparisons read no maps and build no entries). */
function orderOf(sort: SearchSort): (a: Found, b: Found) => number {
  const newest = (a: Found, b: Found) => compareText(b.date, a.date);
  const quality = (a: Found, b: Found) => b.quality - a.quality;
  const orders: Record<SearchSort, (a: Found, b: Found) => number> = {
    relevance: (a, b) => b.score - a.score || newest(a, b),
    newest: (a, b) => newest(a, b) || quality(a, b),
    quality: (a, b) => quality(a, b) || newest(a, b),
  };
  const order = orders[sort];
  return (a, b) => order(a, b) || a.id - b.id;
}

function facetsOf(segments: readonly LoadedSegment[]): LoadedSearch['facets'] {
  const topics = new Map<string, number>();
  const providers = new Map<string, number>();
  const types = new Set<string>();
  for (const segment of segments) {
    const topicCounts = new Uint32Array(segment.topics.length);
    const providerCounts = new Uint32Array(segment.providers.length);
    for (let row = 0; row < segment.ids.length; row++) {
      if (segment.repeated?.[row]) continue;
      for (let at = segment.topicStart[row]; at < segment.topicStart[row + 1]; at++) topicCounts[segment.topicIds[at]]++;
      if (segment.provider[row] >= 0) providerCounts[segment.provider[row]]++;
      types.add(segment.types[segment.type[row]]);
    }
    topicCounts.forEach((count, topic) => count && topics.set(segment.topics[topic], (topics.get(segment.topics[topic]) ?? 0) + count));
    providerCounts.forEach((count, provider) => count && providers.set(segment.providers[provider], (providers.get(segment.providers[provider]) ?? 0) + count));
  }
  const byCount = (counts: Map<string, number>) =>
    [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { topics: byCount(topics), providers: byCount(providers), types: [...types].sort() };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
