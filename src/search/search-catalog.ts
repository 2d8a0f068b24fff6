import type { Options } from 'minisearch';
import type { CatalogueRef } from '../index/content-index';

/**
 * The search index ships as `search-N.bin.gz` segments of {@link SEARCH_SEGMENT_SIZE} articles (by article id),
 * each a compact index over titles, excerpts, providers and topics (compact-search-index.ts) and the catalog of what
 * a result shows and what the filters read, in columns (search-segment-file.ts). Only the search page reads them.
 */
export const SEARCH_SEGMENT_SIZE = 10_000;

export function searchSegmentFileName(segment: number): string {
  return `search-${segment}.bin.gz`;
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
  /** Set by the search page when several catalogues answer (never stored in a segment): see search-articles.ts. */
  catalogue?: CatalogueRef;
  alsoIn?: CatalogueRef[];
}

/** The document MiniSearch indexes for an article. */
export interface SearchDocument {
  id: number;
  title: string;
  excerpt: string;
  provider: string;
  topics: string;
}

/** The fields searched, in the index's field order. */
export const SEARCH_FIELDS = ['title', 'excerpt', 'provider', 'topics'] as const;

/** The last word matches as a prefix from this many characters (shorter, as a whole word only). */
const PREFIX_MIN_LENGTH = 2;

/**
 * How search matches and scores, written as MiniSearch options: the compact index (compact-search-index.ts) answers
 * exactly as MiniSearch with these options would, and the unit tests check it against MiniSearch itself. Titles
 * weigh most. Every word must match; the last one, still being typed, as a prefix (from two characters: one
 * letter would match nearly every article of a large corpus); the words before it forgive a typo (one edit from
 * four characters, two from ten). Fuzzy matching of the word being typed, and prefixes of the words before it, made
 * a keystroke several times slower at 100,000 articles (npm run -s bench) and found mostly noise.
 */
export const SEARCH_OPTIONS: Options<SearchDocument> = {
  fields: [...SEARCH_FIELDS],
  storeFields: [],
  searchOptions: {
    boost: { title: 3, topics: 2, provider: 2 },
    prefix: (term, index, terms) => index === terms.length - 1 && term.length >= PREFIX_MIN_LENGTH,
    fuzzy: (_term, index, terms) => (index < terms.length - 1 ? 0.15 : false),
    combineWith: 'AND',
  },
};
