import { urlKeys } from '../url/normalize-url';

/** Site keys live in the same key tables as URL keys; URL keys always hold a `/`, site keys never do. */
const SITE_KEY_PREFIX = 'site:';

/** The key-table key of a site, by its registrable domain (`bbc.co.uk`). */
export function siteKey(domain: string): string {
  return SITE_KEY_PREFIX + domain;
}

/** The domain a site key names. */
export function domainOfSiteKey(key: string): string {
  return key.slice(SITE_KEY_PREFIX.length);
}

/**
 * The site keys a URL may belong to, longest first: every suffix of its host with two labels or more
 * (`news.bbc.co.uk` → `news.bbc.co.uk`, `bbc.co.uk`, `co.uk`). The table only holds registrable domains (worked
 * out at build time with the Public Suffix List), and exactly one suffix of a host is its registrable domain,
 * so the extension finds the site without shipping the list. IP addresses and one-label hosts have no site.
 */
export function siteKeysOf(url: unknown): string[] {
  const keys = urlKeys(url);
  if (!keys) return [];
  const host = keys.key.slice(0, keys.key.indexOf('/')).replace(/:\d+$/, '');
  if (host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)) return [];
  const labels = host.split('.');
  const suffixes: string[] = [];
  for (let start = 0; start <= labels.length - 2; start++) suffixes.push(siteKey(labels.slice(start).join('.')));
  return suffixes;
}
