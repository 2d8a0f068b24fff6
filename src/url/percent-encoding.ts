/**
 * One spelling for each character of a URL's path and query, so that the forms browsers, sites and link
 * shorteners produce for one page give one key (issue 13). The input is what the URL parser left: ASCII, with
 * non-ASCII already as UTF-8 escapes, which only get upper-case hex (`%c3%a9` → `%C3%A9`).
 */

const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/**
 * Written bare in a path: unreserved characters, sub-delimiters, `:`, `@` and brackets (`%2B` → `+`,
 * `%28%29` → `()`, `%5B` → `[`). `%2F`, `%3F`, `%23` stay escaped: a bare `/`, `?` or `#` is structure.
 */
const PATH_BARE = asciiSet(`${UNRESERVED}!$&'()*+,;=:@[]`);

/**
 * Written bare in a query name or value: as in a path, except `&`, `=` and `+`, which are structure or a space
 * there (`%26`, `%3D` and `%2B` stay escaped), and `;`, which some servers split parameters on (Rack, older
 * CGI libraries), so `%3B` stays escaped too; `/` and `?` are data in a query and are written bare.
 */
const QUERY_BARE = asciiSet(`${UNRESERVED}!$'()*,:@/?[]`);

/** `%00` ... `%FF`. */
const ESCAPES = Array.from({ length: 256 }, (_, byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`);

/** The canonical spelling of a URL's pathname: escapes of the characters in PATH_BARE decoded, the rest upper-cased. */
export function canonicalPath(pathname: string): string {
  return pathname.includes('%') ? respell(pathname, PATH_BARE, false) : pathname;
}

/**
 * The canonical spelling of one query name or value, taken as application/x-www-form-urlencoded: `+` and `%20`
 * are a space, written `%20` (`?q=a+b` = `?q=a%20b` = `?q=a b`); `%2B` is a plus and stays apart from `+`.
 * A bare `=` in a value (`?t=a=b`) is the same data as `%3D` and is written `%3D`.
 */
export function canonicalQueryPart(text: string): string {
  return text.includes('%') || text.includes('+') || text.includes('=') ? respell(text, QUERY_BARE, true) : text;
}

function respell(text: string, bare: Uint8Array, inQuery: boolean): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let spelling: string;
    if (code === 0x25 /* % */) {
      const byte = hexByte(text, i + 1);
      if (byte < 0) continue;
      spelling = byte < 0x80 && bare[byte] === 1 ? String.fromCharCode(byte) : ESCAPES[byte];
      out += text.slice(copied, i) + spelling;
      i += 2;
    } else if (inQuery && code === 0x2b /* + */) {
      out += `${text.slice(copied, i)}%20`;
    } else if (inQuery && code === 0x3d /* = */) {
      out += `${text.slice(copied, i)}%3D`;
    } else {
      continue;
    }
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The byte of the two hex digits at `text[at]`, or -1. */
function hexByte(text: string, at: number): number {
  const high = hexDigit(text.charCodeAt(at));
  const low = high < 0 ? -1 : hexDigit(text.charCodeAt(at + 1));
  return low < 0 ? -1 : high * 16 + low;
}

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

function asciiSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}
