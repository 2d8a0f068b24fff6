/**
 * A catalogue (issue 22): a content pack that a curator publishes (`content publish`), plus this small descriptor,
 * `catalogue.json`, beside its `pack.json`. A reader adds a catalogue by the descriptor's URL; from then on the
 * extension downloads the pack from `updateUrl` and adopts only packs signed by `publicKey`, the key pinned when the
 * catalogue was added.
 */
export const CATALOGUE_FILE = 'catalogue.json';
/** The descriptor format this extension reads. */
export const CATALOGUE_FORMAT_VERSION = 1;

export interface CatalogueDescriptor {
  formatVersion: number;
  /** What the reader sees in the options, the popup and the search page. */
  name: string;
  description: string;
  /** The curator's own page (https), or null. */
  homepage: string | null;
  /** The pack's folder, ending in `/`: pack.json, pack.sig and files/ are fetched from there. */
  updateUrl: string;
  /** The Ed25519 public key the packs are signed with: base64 of its raw 32 bytes. */
  publicKey: string;
  /** The licence of the catalogue's metadata, as the curator names it (e.g. `CC-BY-4.0`), or null. */
  licence: string | null;
}

const MAX_NAME = 80;
const MAX_DESCRIPTION = 400;
const MAX_LICENCE = 80;
const MAX_URL = 2048;
const PUBLIC_KEY = /^[A-Za-z0-9+/]{43}=$/;

/**
 * The URL a catalogue may be fetched from: https, or http on 127.0.0.1 and localhost (a curator's own machine,
 * and tests); no credentials, query or fragment. Returns the parsed URL, or a message saying what is wrong.
 */
export function checkCatalogueUrl(raw: unknown): URL | string {
  if (typeof raw !== 'string' || raw.trim() === '' || raw.length > MAX_URL) return 'not a URL';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'not a URL';
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return 'not an https address';
  if (url.username || url.password || url.search || url.hash) return 'has credentials, a query or a fragment';
  return url;
}

/**
 * Reads `catalogue.json` as downloaded from `descriptorUrl`; throws a plain message naming the field for anything
 * malformed. `updateUrl` may be relative to the descriptor, and must be on the descriptor's own origin, so that the
 * one host the reader gives access to is the only one the catalogue is ever fetched from.
 */
export function parseCatalogueDescriptor(bytes: ArrayBuffer | Uint8Array, descriptorUrl: string): CatalogueDescriptor {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error(`${CATALOGUE_FILE} is not JSON`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${CATALOGUE_FILE} is not an object`);
  const d = raw as Record<string, unknown>;
  const fail = (field: string, what: string): never => {
    throw new Error(`${CATALOGUE_FILE}: ${field}: ${what}`);
  };
  if (d.formatVersion !== CATALOGUE_FORMAT_VERSION) fail('formatVersion', `${JSON.stringify(d.formatVersion)}; this version reads ${CATALOGUE_FORMAT_VERSION}`);
  const text = (field: string, max: number, required: boolean): string | null => {
    const value = d[field];
    if (value === undefined || value === null || value === '') return required ? fail(field, 'missing') : null;
    if (typeof value !== 'string') return fail(field, 'not text');
    const trimmed = value.trim();
    if (trimmed === '' && required) return fail(field, 'missing');
    if (trimmed.length > max) return fail(field, `longer than ${max} characters`);
    return trimmed || null;
  };
  const name = text('name', MAX_NAME, true)!;
  const description = text('description', MAX_DESCRIPTION, false) ?? '';
  const licence = text('licence', MAX_LICENCE, false);
  const homepageText = text('homepage', MAX_URL, false);
  let homepage: string | null = null;
  if (homepageText) {
    const url = URL.canParse(homepageText) ? new URL(homepageText) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) fail('homepage', 'not an http(s) URL');
    homepage = url!.href;
  }
  if (typeof d.updateUrl !== 'string' || !URL.canParse(d.updateUrl, descriptorUrl)) fail('updateUrl', 'not a URL');
  const update = checkCatalogueUrl(new URL(d.updateUrl as string, descriptorUrl).href);
  if (typeof update === 'string') fail('updateUrl', update);
  const updateUrl = update as URL;
  if (updateUrl.origin !== new URL(descriptorUrl).origin) fail('updateUrl', `not on ${new URL(descriptorUrl).host}, the catalogue's own host`);
  if (typeof d.publicKey !== 'string' || !PUBLIC_KEY.test(d.publicKey)) fail('publicKey', 'not a base64 Ed25519 public key');
  const path = updateUrl.pathname.endsWith('/') ? updateUrl.pathname : `${updateUrl.pathname}/`;
  return {
    formatVersion: CATALOGUE_FORMAT_VERSION,
    name,
    description,
    homepage,
    updateUrl: `${updateUrl.origin}${path}`,
    publicKey: d.publicKey as string,
    licence,
  };
}

/**
 * The key's fingerprint as the reader compares it with the curator's: the first 128 bits of the SHA-256 of the raw
 * public key, in eight groups of four hex digits (`3f2a 91c0 …`). Its first 16 digits are the catalogue's id.
 */
export async function keyFingerprint(publicKey: string, subtle: SubtleCrypto = crypto.subtle): Promise<string> {
  const raw = Uint8Array.from(atob(publicKey), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await subtle.digest('SHA-256', raw));
  const hex = Array.from(digest.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return hex.match(/.{4}/g)!.join(' ');
}

/** The id a catalogue is stored under: its key fingerprint's first 64 bits, so one key is one catalogue. */
export function catalogueIdOf(fingerprint: string): string {
  return fingerprint.replaceAll(' ', '').slice(0, 16);
}

/**
 * The access asked for when a catalogue is added: its host, every port (Firefox's match patterns have no port), on
 * its scheme. With it, requests to the host carry no `Origin` naming this installation (see update-host-access.ts).
 */
export function catalogueHostPermission(url: string): { origins: string[] } {
  const { protocol, hostname } = new URL(url);
  return { origins: [`${protocol}//${hostname}/*`] };
}
