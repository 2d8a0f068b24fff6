import { ampFreePaths, isAmpQueryParam, isRenderingHostLabel, unwrapAmpCacheUrl } from './amp-url';
import { isHostIgnoredParam } from './host-ignored-params';
import { parseWebUrl } from './parse-web-url';
import { canonicalPath, canonicalQueryPart } from './percent-encoding';
import { isTrackingParam } from './tracking-params';

/** The matching keys of one URL. Two URLs name the same page when their keys are equal. */
export interface UrlKeys {
  /**
   * `host[:port]/path[?query]` with everything that does not name the page removed: scheme, host case,
   * `www.`/`m.`/`amp.` prefixes, default ports, trailing slash, `index.html`, fragment, tracking parameters
   * and a site's own such parameters (YouTube's start time, see `host-ignored-params.ts`),
   * parameter order and percent-encoding (one spelling per character, see `percent-encoding.ts`: `%2B` and `+`
   * are one in a path, `+` and `%20` in a query). Unicode hosts are in punycode.
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
  if (memo && typeof input === 'string') {
    let keys = memo.get(input);
    if (keys === undefined) memo.set(input, (keys = computeUrlKeys(input)));
    return keys;
  }
  return computeUrlKeys(input);
}

let memo: Map<string, UrlKeys | null> | null = null;

/**
 * Runs `run` with `urlKeys` remembering its answers in `cache`: for callers that look many URLs up through several
 * functions that each ask for the same URL's keys (link marks: describePageKeys, then describePage). Only while
 * `run` runs (synchronously); the rules are the same, each URL's keys are simply worked out once.
 */
export function withUrlKeysCache<T>(cache: Map<string, UrlKeys | null>, run: () => T): T {
  const outer = memo;
  memo = cache;
  try {
    return run();
  } finally {
    memo = outer;
  }
}

/** urlKeys with a cache for one build: an article's URLs are needed by several steps. */
export function memoizedUrlKeys(): (url: unknown) => UrlKeys | null {
  const cache = new Map<string, UrlKeys | null>();
  return (url) => {
    if (typeof url !== 'string') return null;
    let keys = cache.get(url);
    if (keys === undefined) {
      keys = computeUrlKeys(url);
      cache.set(url, keys);
    }
    return keys;
  };
}

function computeUrlKeys(input: unknown): UrlKeys | null {
  try {
    const outer = parseWebUrl(input);
    if (!outer) return null;
    const inner = unwrapAmpCacheUrl(outer);
    const url = inner ?? outer;
    const { host: siteHost, hadAmpLabel } = normalizeHost(url.hostname);
    // `youtu.be/ID?t=5` is YouTube's share form of `youtube.com/watch?v=ID&t=5`.
    const isShortLink = siteHost === 'youtu.be' && url.pathname.length > 1;
    const host = isShortLink ? 'youtube.com' : siteHost;
    const port = isShortLink || url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
    const path = isShortLink ? '/watch' : normalizePath(url.pathname);
    const query = normalizeQuery(url.search, host);
    const params = isShortLink ? withVideoId(query, url.pathname) : query;
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
function isHomePageKey(key: string): boolean {
  return /^[^/?#]+\/$/.test(key);
}

type QueryParam = readonly [name: string, value: string];

function joinKey(host: string, path: string, params: readonly QueryParam[], hashbang: string): string {
  const query = params.map(([name, value]) => (value === '' ? name : `${name}=${value}`)).join('&');
  return `${host}${path}${query === '' ? '' : `?${query}`}${hashbang}`;
}

/** `params` with `v` set to the video id of a `youtu.be/ID` path, as `youtube.com/watch?v=ID` has it. */
function withVideoId(params: readonly QueryParam[], pathname: string): QueryParam[] {
  // A literal `+` or `&` of the path segment is `%2B` or `%26` in a query value.
  const id = canonicalQueryPart(
    pathname
      .slice(1)
      .split('/')[0]
      .replace(/[+&]/g, (char) => (char === '+' ? '%2B' : '%26')),
  );
  return [...params.filter(([name]) => name !== 'v'), ['v', id] as const].sort(compareNames);
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

function normalizePath(pathname: string): string {
  let path = canonicalPath(pathname);
  path = path.replace(/\/index\.(?:html?|php)$/i, '/');
  path = path.replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Query parameters of a page on `host` without those that name nothing (tracking ones, and `host`'s own such as
 * YouTube's start time), each name and value in canonical spelling, sorted by name (stable for repeats).
 */
function normalizeQuery(search: string, host: string): QueryParam[] {
  const params: QueryParam[] = [];
  if (search.length < 2) return params;
  for (const part of search.slice(1).split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = canonicalQueryPart(equals < 0 ? part : part.slice(0, equals));
    const decodedName = name.includes('%') ? safeDecode(name) : name;
    if (name === '' || isTrackingParam(decodedName) || isHostIgnoredParam(host, decodedName)) continue;
    params.push([name, equals < 0 ? '' : canonicalQueryPart(part.slice(equals + 1))]);
  }
  return params.sort(compareNames);
}

function compareNames([a]: QueryParam, [b]: QueryParam): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
