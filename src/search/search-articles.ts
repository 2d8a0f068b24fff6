import MiniSearch from 'minisearch';
import { type ContentIndex, gunzipJson } from '../index/content-index';
import { type QualityBandId, qualityBand } from '../quality/quality-band';
import { type CatalogEntry, SEARCH_OPTIONS, type SearchDocument, type SearchSegment, searchSegmentFileName } from './search-catalog';

/** The search index as the search page holds it: every segment loaded. */
export interface LoadedSearch {
  segments: { catalog: CatalogEntry[]; search: MiniSearch<SearchDocument> }[];
  /** Topics, providers and types across all articles, for the filters: most articles first (types by name). */
  facets: { topics: { value: string; count: number }[]; providers: { value: string; count: number }[]; types: string[] };
  /** Every article, id order (catalogue by catalogue); an article that an earlier catalogue has too is left out. */
  catalog: CatalogEntry[];
  /** Entries of a later catalogue whose article an earlier one has (the same address): never shown twice. */
  repeated: ReadonlySet<CatalogEntry>;
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
      const raw = await Promise.all(names.map(async (name) => gunzipJson<SearchSegment>(await part.readFile(name))));
      if (catalogue) for (const segment of raw) for (const entry of segment.catalog) entry.catalogue = catalogue;
      return raw;
    }),
  );
  const segments = loadedParts.flat().map(({ catalog, index: serialised }) => ({
    catalog,
    search: MiniSearch.loadJS<SearchDocument>(serialised as Parameters<typeof MiniSearch.loadJS>[0], SEARCH_OPTIONS),
  }));
  const repeated = new Set<CatalogEntry>();
  let catalog = segments.flatMap((segment) => segment.catalog);
  if (parts.length > 1) {
    const first = new Map<string, CatalogEntry>();
    for (const entry of catalog) {
      const earlier = entry.url ? first.get(entry.url) : undefined;
      if (!earlier) {
        if (entry.url) first.set(entry.url, entry);
        continue;
      }
      repeated.add(entry);
      (earlier.alsoIn ??= []).push(entry.catalogue!);
    }
    catalog = catalog.filter((entry) => !repeated.has(entry));
  }
  return { segments, catalog, repeated, facets: facetsOf(catalog) };
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

/**
 * The articles that match the words (titles weigh most, then topics and providers, then excerpts; every word must
 * match, the last one as a prefix) and every filter, in the order asked for. Without words, every article that
 * passes the filters, newest first unless sorted by quality. Pure over the loaded index.
 */
export function searchArticles(loaded: LoadedSearch, query: SearchQuery): CatalogEntry[] {
  const passes = filterOf(query);
  const text = query.text.trim().slice(0, MAX_QUERY_LENGTH);
  if (text === '') {
    const browsed = loaded.catalog.filter(passes).map((entry) => ({ entry, score: 0 }));
    return sortEntries(browsed, query.sort === 'quality' ? 'quality' : 'newest');
  }
  const found: { entry: CatalogEntry; score: number }[] = [];
  for (const { catalog, search } of loaded.segments) {
    for (const result of search.search(text)) {
      // A segment holds consecutive ids (of any segment size: a content pack's are smaller than the bundled ones).
      const entry = catalog[(result.id as number) - (catalog[0]?.id ?? 0)];
      if (entry && passes(entry) && !loaded.repeated.has(entry)) found.push({ entry, score: result.score });
    }
  }
  return sortEntries(found, query.sort);
}

function filterOf(query: SearchQuery): (entry: CatalogEntry) => boolean {
  return (entry) =>
    (!query.topic || entry.topics.includes(query.topic)) &&
    (!query.provider || entry.provider === query.provider) &&
    (!query.band || qualityBand(entry.quality).id === query.band) &&
    (!query.type || entry.type === query.type) &&
    (!query.from || (entry.publishedDateTime ?? '') >= query.from) &&
    (!query.to || (entry.publishedDateTime !== undefined && entry.publishedDateTime.slice(0, 10) <= query.to));
}

/** Sorts scored entries (a large corpus finds tens of thousands for a short word: the comparisons read no maps). */
function sortEntries(found: { entry: CatalogEntry; score: number }[], sort: SearchSort): CatalogEntry[] {
  type Scored = (typeof found)[number];
  const newest = (a: Scored, b: Scored) => compareText(b.entry.publishedDateTime ?? '', a.entry.publishedDateTime ?? '');
  const quality = (a: Scored, b: Scored) => (b.entry.quality ?? -1) - (a.entry.quality ?? -1);
  const order: Record<SearchSort, (a: Scored, b: Scored) => number> = {
    relevance: (a, b) => b.score - a.score || newest(a, b),
    newest: (a, b) => newest(a, b) || quality(a, b),
    quality: (a, b) => quality(a, b) || newest(a, b),
  };
  return found.sort((a, b) => order[sort](a, b) || a.entry.id - b.entry.id).map(({ entry }) => entry);
}

function facetsOf(catalog: readonly CatalogEntry[]): LoadedSearch['facets'] {
  const count = (values: Iterable<string>) => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  };
  return {
    topics: count(catalog.flatMap((entry) => entry.topics)),
    providers: count(catalog.flatMap((entry) => (entry.provider ? [entry.provider] : []))),
    types: [...new Set(catalog.map((entry) => entry.type))].sort(),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
