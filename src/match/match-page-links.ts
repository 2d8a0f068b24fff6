import type { KeyLookup, TargetKind } from '../index/key-table';
import { urlKeys } from '../url/normalize-url';
import { lookupKeysOf, matchUrlTo, type MatchVia, type TargetMatch } from './match-url';

/** The links a page declares about itself, read on popup open. */
export interface PageLinks {
  canonical?: string | null;
  ogUrl?: string | null;
}

/**
 * When the tab's own URL does not match, tries the page's `<link rel="canonical">`, then its `og:url`, for
 * targets of `kind`. A link to a home page or to another site is ignored: a page cannot claim to be someone
 * else's article.
 */
export function matchPageLinkTo(lookup: KeyLookup, tabUrl: string, links: PageLinks, kind: Exclude<TargetKind, 'site'>): TargetMatch | null {
  const tabHost = hostOfKey(urlKeys(tabUrl)?.key);
  if (!tabHost || typeof links !== 'object') return null;
  const candidates: [unknown, MatchVia][] = [
    [links.canonical, 'canonical'],
    [links.ogUrl, 'og:url'],
  ];
  for (const [link, via] of candidates) {
    const linkKeys = urlKeys(link);
    if (!linkKeys || linkKeys.isHomePage || !isSameSite(tabHost, hostOfKey(linkKeys.key))) continue;
    const match = matchUrlTo(lookup, link, kind);
    if (match) return { id: match.id, via };
  }
  return null;
}

/** The keys `matchPageLinkTo` may look up. */
export function pageLinkKeys(links: PageLinks): string[] {
  return typeof links === 'object' ? [...lookupKeysOf(links.canonical), ...lookupKeysOf(links.ogUrl)] : [];
}

function hostOfKey(key: string | undefined): string | null {
  return key ? key.slice(0, key.indexOf('/')).replace(/:\d+$/, '') : null;
}

/** Same host once `www.`/`m.`/`amp.` are gone, or one a subdomain of the other (`edition.cnn.com`, `cnn.com`). */
function isSameSite(a: string, b: string | null): boolean {
  return b !== null && (a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`));
}
