import type { QualityBandId } from '../quality/quality-band';

/**
 * The messages between the marks content script and the background. The page never sees them: they go through the
 * extension's own runtime messaging, from the content script's isolated world.
 */

/** At most this many hrefs per batch; the content script splits larger sets. */
export const MAX_HREFS_PER_BATCH = 500;
/** Longer hrefs are not looked up (no bundled article has one; a page could send huge ones). */
export const MAX_HREF_LENGTH = 2048;

export const MARKS_LOOKUP = 'backstory:marks-lookup';
export const MARK_CARD = 'backstory:mark-card';

/** Content script → background: what marks do these links get? */
interface MarksLookupRequest {
  type: typeof MARKS_LOOKUP;
  hrefs: string[];
}

/** Content script → background: the card of one marked link (on hover, focus or activation). */
interface MarkCardRequest {
  type: typeof MARK_CARD;
  href: string;
}

export type MarksRequest = MarksLookupRequest | MarkCardRequest;

/** What a link's mark shows: a bundled article, or related coverage of a bundled story (quieter). */
export interface LinkMark {
  kind: 'article' | 'related';
  /** The quality score, rounded; absent when unscored (the mark shows `•`). */
  quality?: number;
  band: QualityBandId;
}

/** The answer to a lookup: one entry per href, in order; null for no mark. */
export interface MarksLookupResponse {
  marks: (LinkMark | null)[];
}

/** What the card of a mark shows. All text, rendered as text. */
export interface MarkCard {
  kind: 'article' | 'related';
  title: string;
  provider?: string;
  publishedDateTime?: string;
  quality?: number;
  band: QualityBandId;
  topics: string[];
  /** Related coverage: the title of the first bundled article that lists it, and how many do. */
  coverageOf?: { title: string; count: number };
  /** When several catalogues answer: the one the answer comes from, then the others that have the page. */
  catalogues?: string[];
}

/** An http(s) href the background will look up: a string, not too long, starting with the scheme. */
export function isLookupHref(href: unknown): href is string {
  return typeof href === 'string' && href.length <= MAX_HREF_LENGTH && /^https?:\/\//i.test(href);
}

/**
 * Checks a message that claims to come from the marks content script: its exact shape, sizes and that every href
 * is an http(s) string. Returns the request, or null for anything else (which gets no answer). Pure; never throws.
 */
export function parseMarksRequest(message: unknown): MarksRequest | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const { type, hrefs, href } = message as Record<string, unknown>;
  if (type === MARKS_LOOKUP) {
    if (!Array.isArray(hrefs) || hrefs.length === 0 || hrefs.length > MAX_HREFS_PER_BATCH) return null;
    if (!hrefs.every(isLookupHref)) return null;
    return { type, hrefs: [...hrefs] };
  }
  if (type === MARK_CARD) return isLookupHref(href) ? { type, href } : null;
  return null;
}
