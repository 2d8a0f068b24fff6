import type { Options } from 'minisearch';

/**
 * The search index ships as `search-N.json.gz` segments of {@link SEARCH_SEGMENT_SIZE} articles (by article
 * id), each `{ catalog, index }`: the catalog holds what a result shows and what the filters read, the index is
 * MiniSearch's own serialised form over titles, excerpts, providers and topics. Only the search page reads them.
 */
export const SEARCH_SEGMENT_SIZE = 10_000;

export function searchSegmentFileName(segment: number): string {
  return `search-${segment}.json.gz`;
}

/** One bundled article as a search result shows it and as the filters read it. */
export interface CatalogEntry {
  /** The article id. */
  id: number;
  title: string;
  url?: string;
  provider?: string;
  publishedDateTime?: string;
  quality?: number;
  type: string;
  topics: string[];
}

/** The document MiniSearch indexes for an article. */
export interface SearchDocument {
  id: number;
  title: string;
  excerpt: string;
  provider: string;
  topics: string;
}

export interface SearchSegment {
  catalog: CatalogEntry[];
  /** MiniSearch's `toJSON()` of the segment's documents. */
  index: unknown;
}

/**
 * The MiniSearch options, shared by the build (which indexes) and the search page (which loads): they must be
 * the same on both sides. Titles weigh most; prefix and light fuzzy matching forgive typing in progress.
 */
export const SEARCH_OPTIONS: Options<SearchDocument> = {
  fields: ['title', 'excerpt', 'provider', 'topics'],
  storeFields: [],
  searchOptions: {
    boost: { title: 3, topics: 2, provider: 2 },
    prefix: true,
    fuzzy: 0.15,
    combineWith: 'AND',
  },
};
