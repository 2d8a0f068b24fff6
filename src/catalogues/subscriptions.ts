import { type CatalogueDescriptor, checkCatalogueUrl } from './catalogue-descriptor';
import { parseUpdateStatus, type UpdateStatus } from '../update/update-status';

/** A catalogue the reader added: its descriptor as it was when added (the key is pinned), and whether it is on. */
export interface Subscription extends Omit<CatalogueDescriptor, 'formatVersion'> {
  /** The first 16 hex digits of the key's fingerprint (catalogue-descriptor.ts): one key, one catalogue. */
  id: string;
  /** The whole fingerprint, as shown when it was added. */
  fingerprint: string;
  /** Where the descriptor was read from. */
  descriptorUrl: string;
  enabled: boolean;
  /** When it was added, ms since the epoch: catalogues answer in that order, after the bundled one. */
  addedAt: number;
}

/** What one catalogue's last check found (the same status as the build-time update source's), by catalogue id. */
export type CatalogueStatuses = Record<string, UpdateStatus>;

const ID = /^[0-9a-f]{16}$/;
const FINGERPRINT = /^[0-9a-f]{4}( [0-9a-f]{4}){7}$/;

/**
 * Reads the stored list whatever storage holds: an entry that is not a whole, valid subscription is dropped (it can
 * be added again), and so is a second entry with the same id. Pure; never throws.
 */
export function parseSubscriptions(stored: unknown): Subscription[] {
  if (!Array.isArray(stored)) return [];
  const seen = new Set<string>();
  const subscriptions: Subscription[] = [];
  for (const entry of stored as unknown[]) {
    const s = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const urls = [s.descriptorUrl, s.updateUrl].map((url) => checkCatalogueUrl(url));
    const valid =
      typeof s.id === 'string' &&
      ID.test(s.id) &&
      !seen.has(s.id) &&
      typeof s.fingerprint === 'string' &&
      FINGERPRINT.test(s.fingerprint) &&
      s.fingerprint.replaceAll(' ', '').startsWith(s.id) &&
      typeof s.name === 'string' &&
      s.name !== '' &&
      typeof s.publicKey === 'string' &&
      urls.every((url) => typeof url !== 'string') &&
      typeof s.addedAt === 'number' &&
      Number.isFinite(s.addedAt);
    if (!valid) continue;
    seen.add(s.id as string);
    subscriptions.push({
      id: s.id as string,
      fingerprint: s.fingerprint as string,
      descriptorUrl: s.descriptorUrl as string,
      name: s.name as string,
      description: typeof s.description === 'string' ? s.description : '',
      homepage: typeof s.homepage === 'string' && /^https?:\/\//.test(s.homepage) ? s.homepage : null,
      updateUrl: s.updateUrl as string,
      publicKey: s.publicKey as string,
      licence: typeof s.licence === 'string' ? s.licence : null,
      enabled: s.enabled !== false,
      addedAt: s.addedAt as number,
    });
  }
  return subscriptions.sort((a, b) => a.addedAt - b.addedAt || (a.id < b.id ? -1 : 1));
}

/** Reads the stored statuses: one repaired status per catalogue id (see parseUpdateStatus). Pure; never throws. */
export function parseCatalogueStatuses(stored: unknown): CatalogueStatuses {
  const statuses: CatalogueStatuses = {};
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return statuses;
  for (const [id, status] of Object.entries(stored)) if (ID.test(id)) statuses[id] = parseUpdateStatus(status);
  return statuses;
}
