/**
 * AMP ("Accelerated Mobile Pages") forms of an article URL, as publishers and caches really produce them.
 * Each rule removes a marker that says "this is the AMP rendering"; what is left names the same article.
 */

/** Host suffix of the Google AMP cache: `www-cnbc-com.cdn.ampproject.org/c/s/www.cnbc.com/amp/...`. */
const AMP_CACHE_HOST_SUFFIX = '.cdn.ampproject.org';
/** Path prefixes of the AMP cache: content (`c`), viewer (`v`), web package (`wp`); `s/` means https. */
const AMP_CACHE_PATH = /^\/(?:c|v|wp)\/(s\/)?(.+)$/;
/** Search engines' AMP viewers: `www.google.com/amp/s/www.example.com/story`, also google.co.uk, bing.com. */
const AMP_VIEWER_HOST = /^(?:www\.)?(?:google\.[a-z.]{2,6}|bing\.com)$/;
const AMP_VIEWER_PATH = /^\/amp\/(s\/)?(.+)$/;

/**
 * If `url` is an AMP cache or AMP viewer address, returns the publisher's URL inside it; otherwise null.
 * `https://www-cnbc-com.cdn.ampproject.org/c/s/www.cnbc.com/amp/x.html?q=1` → `https://www.cnbc.com/amp/x.html?q=1`.
 */
export function unwrapAmpCacheUrl(url: URL): URL | null {
  const host = url.hostname;
  let match: RegExpExecArray | null = null;
  if (host.endsWith(AMP_CACHE_HOST_SUFFIX)) match = AMP_CACHE_PATH.exec(url.pathname);
  else if (AMP_VIEWER_HOST.test(host)) match = AMP_VIEWER_PATH.exec(url.pathname);
  if (!match) return null;
  const [, secure, rest] = match;
  if (!rest.includes('.') || rest.startsWith('/')) return null;
  try {
    const inner = new URL(`${secure ? 'https' : 'http'}://${rest}${url.search}`);
    return inner.hostname.includes('.') ? inner : null;
  } catch {
    return null;
  }
}

/** Host labels that only say "mobile" or "AMP" rendering of the same site (also `www`, handled with them). */
const RENDERING_HOST_LABELS: ReadonlySet<string> = new Set(['www', 'm', 'mobile', 'amp']);

/** True for a first host label that names a rendering, not a site: those above, and `www2`, `www3`, ... */
export function isRenderingHostLabel(label: string): boolean {
  return RENDERING_HOST_LABELS.has(label) || /^www\d+$/.test(label);
}

/** Path segments that mark the AMP rendering: `/amp/2021/...`, `/2021/.../amp/`, zdnet's `/google-amp/`. */
const AMP_PATH_SEGMENTS: ReadonlySet<string> = new Set(['amp', 'google-amp']);

/** Query parameters that mark the AMP rendering or come from an AMP cache; with `onlyValue`, just that value. */
const AMP_QUERY_PARAMS: ReadonlyMap<string, string | null> = new Map([
  ['amp', null], // ?amp, ?amp=1, ?amp=true
  ['_amp', null], // ?_amp=true
  ['amp_js_v', null], // AMP cache
  ['amp_gsa', null], // AMP cache
  ['usqp', null], // AMP cache
  ['__amp_source_origin', null],
  ['outputtype', 'amp'], // ?outputType=amp (Washington Post, Chicago Tribune)
  ['view', 'amp'], // ?view=AMP
  ['output', 'amp'],
  ['format', 'amp'],
]);

/** True when the query parameter `name=value` marks the AMP rendering of a page. */
export function isAmpQueryParam(name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (!AMP_QUERY_PARAMS.has(lower)) return false;
  const onlyValue = AMP_QUERY_PARAMS.get(lower);
  return onlyValue === null || value.toLowerCase() === onlyValue;
}

/**
 * The paths a normalised AMP path may stand for, AMP markers removed: `amp`/`google-amp` segments,
 * `.amp.html` → `.html`, and a `.amp` suffix, which sites use for both `/story` and `/story.html`.
 * `/amp/2021/06/x.html` → [`/2021/06/x.html`]; `/news/leukemia.amp` → [`/news/leukemia`, `/news/leukemia.html`].
 */
export function ampFreePaths(path: string): string[] {
  let stripped = path
    .split('/')
    .filter((segment) => !AMP_PATH_SEGMENTS.has(segment.toLowerCase()))
    .join('/');
  if (!stripped.startsWith('/')) stripped = `/${stripped}`;
  if (/\.amp\.html?$/i.test(stripped)) return [stripped.replace(/\.amp\.html?$/i, '.html')];
  if (/\.amp$/i.test(stripped)) {
    const base = stripped.replace(/\.amp$/i, '');
    return [base, `${base}.html`];
  }
  return [stripped];
}
