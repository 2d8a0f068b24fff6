import type { KeyLookup } from '../index/key-table';
import { urlKeys } from '../url/normalize-url';
import { matchPageLinkTo, type PageLinks, pageLinkKeys } from './match-page-links';
import { lookupKeysOf, matchUrlTo, type MatchVia } from './match-url';
import { domainOfSiteKey, siteKeysOf } from './site-keys';

/** Why Backstory has nothing to say about a URL. */
export type NoAnswerReason =
  /** Not an http(s) address (a browser page, `javascript:`, `file:`, garbage). */
  | 'not-web'
  /** A site's home page, of a site Backstory has no articles from. Home pages never match an article. */
  | 'home-page'
  /** A web page that is neither a bundled article, nor related coverage, nor on a bundled site. */
  | 'unknown';

/**
 * What Backstory knows about a page, in order of precedence:
 * - `article`: the page is a bundled article (`id` is its article id);
 * - `related`: the page is a related story that one or more bundled articles list (`id` is its story id);
 * - `site`: neither, but the page's site has bundled articles (`id` is its site id; `reason` says why the page
 *   itself is not an article);
 * - `none`: nothing, and why.
 * `part` is set by an index combined from several catalogues: which one's ids these are (see content-index.ts).
 */
export type PageAnswer =
  | { kind: 'article'; id: number; via: MatchVia; part?: number }
  | { kind: 'related'; id: number; via: MatchVia; part?: number }
  | { kind: 'site'; id: number; reason: Exclude<NoAnswerReason, 'not-web'>; part?: number }
  | { kind: 'none'; reason: NoAnswerReason };

/**
 * The one answer for a URL, used by the badge, the popup, the side panel, link marks, the CLI and the search
 * page. `links` are the page's own canonical link and og:url, when the popup has read them: they are tried after
 * the URL itself, for each kind. Only hash lookups (a few per URL), whatever the size of the index. Pure; never
 * throws.
 */
export function describePage(lookup: KeyLookup, url: unknown, links?: PageLinks | null): PageAnswer {
  const keys = urlKeys(url);
  if (!keys) return { kind: 'none', reason: 'not-web' };
  for (const kind of ['article', 'related'] as const) {
    const match = matchUrlTo(lookup, url, kind) ?? (links ? matchPageLinkTo(lookup, url as string, links, kind) : null);
    if (match) return { kind, id: match.id, via: match.via };
  }
  const reason = keys.isHomePage ? 'home-page' : 'unknown';
  const site = findSite(lookup, url);
  return site ? { kind: 'site', id: site.id, reason } : { kind: 'none', reason };
}

/** The bundled site `url` is on, whatever the page: its site id and the registrable domain it matched. */
export function findSite(lookup: KeyLookup, url: unknown): { id: number; domain: string } | null {
  for (const key of siteKeysOf(url)) {
    const target = lookup(key);
    if (target?.kind === 'site') return { id: target.id, domain: domainOfSiteKey(key) };
  }
  return null;
}

/** Every key `describePage` may look up for these inputs: the key buckets to load first. */
export function describePageKeys(url: unknown, links?: PageLinks | null): string[] {
  return [...lookupKeysOf(url), ...(links ? pageLinkKeys(links) : []), ...siteKeysOf(url)];
}
