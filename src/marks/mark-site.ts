/**
 * Which "site" turning marks on covers, and the match patterns asked for it. A site is the page's host, as the
 * browser writes it (lower case, punycode): `https://news.example.com/today` → `news.example.com`, covered with
 * `*://*.news.example.com/*` (that host and its subdomains, http and https, any port). Not the registrable domain
 * (`example.com`): that would need the Public Suffix List in the extension (it is build-time only) and reach
 * further than the page the reader chose; and `www.` is not stripped, since without the list `www.gov.uk` cannot be
 * told from `www.example.com` (stripping it would ask for every `*.gov.uk`). IP addresses and one-label hosts
 * (`localhost`) are covered as they are, without subdomains.
 */

/** Hosts are at most this long (DNS); longer input is not a site. */
const MAX_HOST_LENGTH = 253;

/** The site of an http(s) URL (see above), or null for anything else. Pure; never throws. */
export function markSiteOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return normalizeMarkSite(parsed.hostname);
}

/**
 * A site as typed by the reader or stored (`Example.com`, `www.example.com`, `https://example.com/x`), tidied to the
 * form {@link markSiteOf} gives; null when it is not a host name. Pure.
 */
export function normalizeMarkSite(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const text = input.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:/.test(text) && text.includes('//')) return markSiteOf(text);
  let host: string;
  try {
    host = new URL(`https://${text.replace(/[/?#].*$/, '')}/`).hostname.replace(/\.+$/, '');
  } catch {
    return null;
  }
  if (host.length === 0 || host.length > MAX_HOST_LENGTH) return null;
  if (!isIp(host) && !/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(host)) return null;
  return host;
}

function isIp(host: string): boolean {
  return host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host);
}

/** The host permission patterns of a site (what `permissions.request` asks for, and scripts are registered on). */
export function originPatternsOf(site: string): string[] {
  return isIp(site) || !site.includes('.') ? [`*://${site}/*`] : [`*://*.${site}/*`];
}

/** The site whose patterns include `pattern` exactly, or null (for a pattern that is not one of ours). */
export function markSiteOfPattern(pattern: string): string | null {
  const match = /^\*:\/\/(\*\.)?([^/*]+)\/\*$/.exec(pattern);
  if (!match) return null;
  const site = normalizeMarkSite(match[2]);
  return site !== null && originPatternsOf(site)[0] === pattern ? site : null;
}

/** Whether `url` is on `site` (its host is the site or one of its subdomains; IP addresses and one-label hosts exactly). */
export function isOnMarkSite(site: string, url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
    host = parsed.hostname;
  } catch {
    return false;
  }
  if (host === site) return true;
  return !isIp(site) && site.includes('.') && host.endsWith(`.${site}`);
}
