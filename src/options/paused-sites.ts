import { urlKeys } from '../url/normalize-url';

/** Most sites kept in the paused list: a stored value beyond it is corrupt or hostile, not a reader's list. */
const MAX_PAUSED_SITES = 1000;

/**
 * The site a URL is paused as: its host without `www.`/`m.`/`amp.` (the URL key's host, port left out), so
 * pausing `www.forbes.com` also quiets `forbes.com` and its subdomains. Null for anything that is not a web page.
 */
export function pauseKeyOf(url: unknown): string | null {
  const key = urlKeys(url)?.key;
  return key ? key.slice(0, key.indexOf('/')).replace(/:\d+$/, '') : null;
}

/** True when `url` is on a paused site (the site itself or one of its subdomains). Pure. */
export function isPausedUrl(url: unknown, paused: readonly string[]): boolean {
  const host = pauseKeyOf(url);
  return host !== null && paused.some((site) => host === site || host.endsWith(`.${site}`));
}

/** Reads a stored paused list, whatever storage holds: only well-formed host names, each once, sorted. Pure. */
export function parsePausedSites(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  const hosts = stored.slice(0, MAX_PAUSED_SITES).filter((item): item is string => typeof item === 'string' && pauseKeyOf(`https://${item}/`) === item);
  return [...new Set(hosts)].sort();
}
