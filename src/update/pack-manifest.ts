import { META_FILE } from '../index/content-index';

/**
 * A content pack (issue 10): what an editor publishes with `npm run -s content -- publish`, and what the extension
 * adopts when the reader keeps articles up to date. On the host, next to each other:
 * - `pack.json`, the {@link PackManifest};
 * - `pack.sig`, the base64 Ed25519 signature of the exact bytes of `pack.json`;
 * - the index files, content-addressed (`files/<the first 128 bits of their SHA-256, in hex>`), so that a host or
 *   CDN may cache them forever.
 */
export const PACK_MANIFEST_FILE = 'pack.json';
export const PACK_SIGNATURE_FILE = 'pack.sig';
/** The pack format this extension reads. A pack of any other format is refused (the extension is too old). */
export const PACK_FORMAT_VERSION = 1;

/** One index file of a pack: `name` as the index reader asks for it, `path` relative to the pack's folder. */
export interface PackFile {
  name: string;
  path: string;
  size: number;
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: string;
}

export interface PackManifest {
  formatVersion: number;
  /** Only goes up: a pack is adopted only when its sequence is higher than the data in use (bundled or pack). */
  sequence: number;
  /** ISO 8601. */
  created: string;
  /** ISO 8601: an expired pack is never adopted (an attacker cannot replay an old pack forever). */
  expires: string;
  articles: number;
  newestPublished: string | null;
  files: PackFile[];
}

/**
 * The content-addressed path of a file in a pack's folder: its SHA-256's first 32 hex digits (128 bits: no two
 * files of a pack share them in practice, and `publish` refuses if two ever did; the full hash is in the manifest
 * and is what the reader checks). Shorter than the whole hash because every reader downloads the whole manifest at
 * each check, and at 100,000 articles it lists 2,538 files (the benchmark's corpus).
 */
export function packFilePath(sha256: string): string {
  return `files/${sha256.slice(0, 32)}`;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
/** Index file names: `meta.json`, `keys-3.bin`, `articles-12.json.gz`, `search-0.bin.gz`, ...: no folders, nothing else. */
const INDEX_FILE_NAME = /^[a-z]+(?:-[a-z]+)?(?:-\d+)?\.(?:json|bin|json\.gz|bin\.gz)$/;

/**
 * Reads a manifest already known to be signed; throws a plain message for anything malformed. The format
 * version is checked by the caller (so that "unsupported format" is its own reason).
 */
export function parsePackManifest(bytes: ArrayBuffer | Uint8Array): PackManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error('pack.json is not JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('pack.json is not an object');
  const m = raw as Record<string, unknown>;
  const fail = (field: string, what: string): never => {
    throw new Error(`pack.json: ${field}: ${what}`);
  };
  if (!Number.isInteger(m.formatVersion)) fail('formatVersion', 'not an integer');
  if (!Number.isSafeInteger(m.sequence) || (m.sequence as number) < 0) fail('sequence', 'not a non-negative integer');
  for (const field of ['created', 'expires'] as const) {
    if (typeof m[field] !== 'string' || !ISO_DATE.test(m[field]) || Number.isNaN(Date.parse(m[field]))) fail(field, 'not an ISO 8601 date-time');
  }
  if (!Number.isSafeInteger(m.articles) || (m.articles as number) < 0) fail('articles', 'not a count');
  if (m.newestPublished !== null && (typeof m.newestPublished !== 'string' || Number.isNaN(Date.parse(m.newestPublished))))
    fail('newestPublished', 'not a date or null');
  if (!Array.isArray(m.files)) fail('files', 'not a list');
  const names = new Set<string>();
  const files = (m.files as unknown[]).map((entry, i): PackFile => {
    const f = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof f.name !== 'string' || !INDEX_FILE_NAME.test(f.name)) fail(`files[${i}].name`, 'not an index file name');
    if (names.has(f.name as string)) fail(`files[${i}].name`, 'listed twice');
    names.add(f.name as string);
    if (typeof f.sha256 !== 'string' || !SHA256_HEX.test(f.sha256)) fail(`files[${i}].sha256`, 'not a hex SHA-256');
    if (f.path !== packFilePath(f.sha256 as string)) fail(`files[${i}].path`, 'not the content-addressed path of its hash');
    if (!Number.isSafeInteger(f.size) || (f.size as number) < 0) fail(`files[${i}].size`, 'not a size');
    return { name: f.name as string, path: f.path as string, size: f.size as number, sha256: f.sha256 as string };
  });
  if (!names.has(META_FILE)) fail('files', `no ${META_FILE}`);
  return {
    formatVersion: m.formatVersion as number,
    sequence: m.sequence as number,
    created: m.created as string,
    expires: m.expires as string,
    articles: m.articles as number,
    newestPublished: (m.newestPublished as string | null) ?? null,
    files,
  };
}
