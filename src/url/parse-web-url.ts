/** The only schemes Backstory ever opens or matches. */
const WEB_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Parses `input` as an absolute http(s) URL. Returns null for anything else (relative, javascript:, data:,
 * chrome://, garbage). Surrounding whitespace is ignored, as in real data (`"https://amp.rte.ie/amp/1238952/ "`).
 * Never throws.
 */
export function parseWebUrl(input: unknown): URL | null {
  if (typeof input !== 'string') return null;
  const trimmed = input.trim();
  if (trimmed === '' || trimmed.length > 8192) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (!WEB_PROTOCOLS.has(url.protocol) || url.hostname === '') return null;
  return url;
}

/** True when `input` is an absolute http(s) URL: the only kind of link Backstory renders as clickable. */
export function isWebUrl(input: unknown): input is string {
  return parseWebUrl(input) !== null;
}
