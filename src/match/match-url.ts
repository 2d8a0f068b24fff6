import type { KeyLookup, TargetKind } from '../index/key-table';
import { parseWebUrl } from '../url/parse-web-url';
import { urlKeys } from '../url/normalize-url';

/**
 * How a page was found:
 * - `exact`: the tab's address is the article's webUrl or originalUrl, as the browser writes it (host case,
 *   default port and unicode hosts are already tidied by the browser);
 * - `normalised`: the same address once tidied (scheme, `www.`, tracking parameters, trailing slash, ...);
 * - `amp`: the tab shows the AMP version (an AMP address of the article, an AMP cache, or AMP markers removed);
 * - `canonical` / `og:url`: the tab's address did not match, but the page's `<link rel="canonical">` or
 *   `og:url` did (the popup reads those).
 */
export type MatchVia = 'exact' | 'normalised' | 'amp' | 'canonical' | 'og:url';

export interface UrlMatch {
  articleId: number;
  via: MatchVia;
}

/** A URL found among the targets of one kind: the target's id, and how it was found. */
export interface TargetMatch {
  id: number;
  via: MatchVia;
}

/** The keys `matchUrl` may look up for `url`, in order: its own key, then its AMP-free forms. */
export function lookupKeysOf(url: unknown): string[] {
  const candidate = urlKeys(url);
  return !candidate || candidate.isHomePage ? [] : [candidate.key, ...candidate.ampFreeKeys];
}

/**
 * Finds the target of `kind` (a bundled article, or a related story) whose URLs include `url` or a variant of
 * it: one hash lookup per candidate key (at most three), never a scan. Home pages never match. Pure; never
 * throws, whatever `url` is.
 */
export function matchUrlTo(lookup: KeyLookup, url: unknown, kind: Exclude<TargetKind, 'site'>): TargetMatch | null {
  const candidate = urlKeys(url);
  if (!candidate || candidate.isHomePage) return null;
  const direct = lookup(candidate.key);
  if (direct?.kind === kind) return { id: direct.id, via: candidate.isAmp || direct.isAmp ? 'amp' : 'normalised' };
  for (const ampFreeKey of candidate.ampFreeKeys) {
    const target = lookup(ampFreeKey);
    if (target?.kind === kind) return { id: target.id, via: 'amp' };
  }
  return null;
}

/** The bundled article `url` names, and how it was found (see {@link matchUrlTo}). */
export function matchUrl(lookup: KeyLookup, url: unknown): UrlMatch | null {
  const match = matchUrlTo(lookup, url, 'article');
  return match && { articleId: match.id, via: match.via };
}

/** Upgrades a match to `exact` when `url` is literally one of the target's own addresses. */
export function refineVia(via: MatchVia, ownUrls: readonly (string | undefined)[], url: string): MatchVia {
  if (via !== 'normalised' && via !== 'amp') return via;
  const href = parseWebUrl(url)?.href;
  return href !== undefined && ownUrls.includes(href) ? 'exact' : via;
}
