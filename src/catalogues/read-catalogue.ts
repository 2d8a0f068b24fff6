import { type CatalogueDescriptor, catalogueIdOf, checkCatalogueUrl, keyFingerprint, parseCatalogueDescriptor } from './catalogue-descriptor';
import type { Subscription } from './subscriptions';

/** A catalogue read from its descriptor's URL, as the options page shows it before the reader subscribes. */
export interface CataloguePreview {
  descriptor: CatalogueDescriptor;
  descriptorUrl: string;
  host: string;
  fingerprint: string;
  id: string;
}

/** Why a catalogue could not be added (each has its message: catalogues.error.* in locales/*.yml). */
export type AddCatalogueError =
  | { reason: 'url'; detail: string }
  | { reason: 'unreachable'; detail: string }
  | { reason: 'malformed'; detail: string }
  | { reason: 'duplicate'; detail: string }
  | { reason: 'keyMismatch'; detail: string };

export interface ReadCatalogueDeps {
  fetch?: typeof fetch;
  subtle?: SubtleCrypto;
  timeoutMs?: number;
}

/** The largest descriptor read (a real one is a few hundred bytes). */
const MAX_DESCRIPTOR_BYTES = 64 * 1024;

/**
 * Reads the descriptor at `url` (the reader's access to its host already asked for): fetched in `same-origin` mode,
 * which that access lets through without an `Origin` header, with no cookies, no referrer and no redirects; then
 * checked (catalogue-descriptor.ts), and refused when the reader already has a catalogue with that key, or when
 * `listedKey` (a known catalogue's key, from the repository's list) is not the key it serves. Never throws.
 */
export async function readCatalogue(
  url: string,
  existing: readonly Subscription[],
  { fetch: doFetch = (input, init) => fetch(input, init), subtle, timeoutMs = 30_000 }: ReadCatalogueDeps = {},
  listedKey?: string,
): Promise<CataloguePreview | AddCatalogueError> {
  const checked = checkCatalogueUrl(url);
  if (typeof checked === 'string') return { reason: 'url', detail: checked };
  const descriptorUrl = checked.href;
  let bytes: Uint8Array;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await doFetch(descriptorUrl, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
      mode: 'same-origin',
      cache: 'no-store',
      signal: controller.signal,
    });
    if (!response.ok) return { reason: 'unreachable', detail: `HTTP ${response.status}` };
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    return { reason: 'unreachable', detail: String((error as Error)?.message ?? error) };
  } finally {
    clearTimeout(timer);
  }
  if (bytes.byteLength > MAX_DESCRIPTOR_BYTES) return { reason: 'malformed', detail: `larger than ${MAX_DESCRIPTOR_BYTES / 1024} kB` };
  let descriptor: CatalogueDescriptor;
  try {
    descriptor = parseCatalogueDescriptor(bytes, descriptorUrl);
  } catch (error) {
    return { reason: 'malformed', detail: (error as Error).message };
  }
  if (listedKey !== undefined && listedKey !== descriptor.publicKey) return { reason: 'keyMismatch', detail: descriptor.name };
  const fingerprint = await keyFingerprint(descriptor.publicKey, subtle);
  const id = catalogueIdOf(fingerprint);
  const same = existing.find((subscription) => subscription.id === id);
  if (same) return { reason: 'duplicate', detail: same.name };
  return { descriptor, descriptorUrl, host: checked.host, fingerprint, id };
}

/** The subscription a preview becomes when the reader subscribes: on, its key pinned. */
export function subscriptionOf(preview: CataloguePreview, addedAt: number): Subscription {
  const { name, description, homepage, updateUrl, publicKey, licence } = preview.descriptor;
  return {
    name,
    description,
    homepage,
    updateUrl,
    publicKey,
    licence,
    id: preview.id,
    fingerprint: preview.fingerprint,
    descriptorUrl: preview.descriptorUrl,
    enabled: true,
    addedAt,
  };
}
