import { ampFreePaths, isAmpQueryParam, isRenderingHostLabel, unwrapAmpCacheUrl } from './amp-url';
import { parseWebUrl } from './parse-web-url';
import { isTrackingParam } from './tracking-params';

/** The matching keys of one URL. Two URLs name the same page when their keys are equal. */
export interface UrlKeys {
  /**
   * `host[:port]/path[?query]` with everything that does not name the page removed: scheme, host case,
   * `www.`/`m.`/`amp.` prefixes, default ports, trailing slash, `index.html`, fragment, tracking parameters,
   * parameter order and percent-encoding case. Unicode hosts are in punycode.
   */
  key: string;
  /**
   * The keys of the non-AMP page this URL may be the AMP rendering of (`/amp/`, `?amp=1`, `.amp` removed),
   * most likely first, home pages left out. Empty when the URL carries no AMP marker.
   */
  ampFreeKeys: string[];
  /** The URL is an AMP rendering: an AMP cache or viewer address, an `amp.` host or an AMP marker. */
  isAmp: boolean;
  /** The URL is a site's home page (`/` with no query): never matched to an article. */
  isHomePage: boolean;
}

/**
 * Computes the matching keys of `input`, or null when it is not an http(s) URL. Pure; never throws.
 * `HTTPS://WWW.Example.com:443/a/b/?utm_source=x#top` → key `example.com/a/b`.
 */
export function urlKeys(input: unknown): UrlKeys | null {
  try {
    const outer = parseWebUrl(input);
    if (!outer) return null;
    const inner = unwrapAmpCacheUrl(outer);
    const url = rewriteShortLink(inner ?? outer);
    const { host, hadAmpLabel } = normalizeHost(url.hostname);
    const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
    const path = normalizePath(url.pathname);
    const params = normalizeQuery(url.search);
    const hashbang = url.hash.startsWith('#!') ? url.hash : '';
    const key = joinKey(host + port, path, params, hashbang);
    const contentParams = params.filter(([name, value]) => !isAmpQueryParam(name, value));
    const ampFreeKeys = ampFreePaths(path)
      .map((ampFreePath) => joinKey(host + port, ampFreePath, contentParams, hashbang))
      .filter((ampFreeKey) => ampFreeKey !== key && !isHomePageKey(ampFreeKey));
    return {
      key,
      ampFreeKeys,
      isAmp: inner !== null || hadAmpLabel || ampFreeKeys.length > 0,
      isHomePage: isHomePageKey(key),
    };
  } catch {
    return null;
  }
}

/** The normalised key of `input` (see {@link UrlKeys.key}), or null when it is not an http(s) URL. */
export function normalizeUrl(input: unknown): string | null {
  return urlKeys(input)?.key ?? null;
}

/** True for the key of a site's home page: `example.com/` or `example.com:8080/`, no path, query or hashbang. */
export function isHomePageKey(key: string): boolean {
  return /^[^/?#]+\/$/.test(key);
}

type QueryParam = readonly [name: string, value: string];

function joinKey(host: string, path: string, params: readonly QueryParam[], hashbang: string): string {
  const query = params.map(([name, value]) => (value === '' ? name : `${name}=${value}`)).join('&');
  return `${host}${path}${query === '' ? '' : `?${query}`}${hashbang}`;
}

/** `youtu.be/ID?t=5` is YouTube's share form of `youtube.com/watch?v=ID&t=5`. */
function rewriteShortLink(url: URL): URL {
  if (url.hostname !== 'youtu.be' || url.pathname.length < 2) return url;
  const rewritten = new URL(`https://www.youtube.com/watch${url.search}`);
  rewritten.searchParams.set('v', decodeURIComponent(url.pathname.slice(1).split('/')[0]));
  return rewritten;
}

function normalizeHost(hostname: string): { host: string; hadAmpLabel: boolean } {
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  if (host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)) return { host, hadAmpLabel: false };
  const labels = host.split('.');
  let hadAmpLabel = false;
  while (labels.length > 2 && isRenderingHostLabel(labels[0])) {
    if (labels[0] === 'amp') hadAmpLabel = true;
    labels.shift();
  }
  return { host: labels.join('.'), hadAmpLabel };
}

/** Decodes percent-escapes of unreserved characters and upper-cases the rest: `%7e`→`~`, `%c3%a9`→`%C3%A9`. */
function normalizePercentEncoding(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

function normalizePath(pathname: string): string {
  let path = normalizePercentEncoding(pathname);
  path = path.replace(/\/index\.(?:html?|php)$/i, '/');
  path = path.replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Query parameters without tracking ones, percent-encoding normalised, sorted by name (stable for repeats). */
function normalizeQuery(search: string): QueryParam[] {
  const params: QueryParam[] = [];
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawName = equals < 0 ? part : part.slice(0, equals);
    const rawValue = equals < 0 ? '' : part.slice(equals + 1);
    const name = safeDecode(rawName);
    if (name === '' || isTrackingParam(name)) continue;
    params.push([normalizePercentEncoding(rawName), normalizePercentEncoding(rawValue)]);
  }
  return params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
