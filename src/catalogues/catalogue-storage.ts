import { storage } from '#imports';
import { indexedDbPackStore } from '../update/indexeddb-pack-store';
import type { PackStore } from '../update/pack-store';
import type { UpdateStatus } from '../update/update-status';
import { type CatalogueStatuses, parseCatalogueStatuses, parseSubscriptions, type Subscription } from './subscriptions';

/** The catalogues the reader added (subscriptions.ts), in the extension's local storage. Read repaired. */
const subscriptionsItem = storage.defineItem<unknown>('local:catalogues');
/** What each catalogue's last check found, by catalogue id. Written by the background only, one check at a time. */
const statusesItem = storage.defineItem<unknown>('local:catalogue-status');

export async function loadSubscriptions(): Promise<Subscription[]> {
  try {
    return parseSubscriptions(await subscriptionsItem.getValue());
  } catch {
    return [];
  }
}

export async function saveSubscriptions(subscriptions: readonly Subscription[]): Promise<void> {
  await subscriptionsItem.setValue(parseSubscriptions(subscriptions));
}

/** Calls `onChange` with the repaired list whenever it changes. Returns the function that stops watching. */
export function watchSubscriptions(onChange: (subscriptions: Subscription[], previous: Subscription[]) => void): () => void {
  return subscriptionsItem.watch((value, old) => onChange(parseSubscriptions(value), parseSubscriptions(old)));
}

export async function loadCatalogueStatuses(): Promise<CatalogueStatuses> {
  try {
    return parseCatalogueStatuses(await statusesItem.getValue());
  } catch {
    return {};
  }
}

/** Sets one catalogue's status (null: forgets it, for a removed catalogue), keeping the others'. */
export async function saveCatalogueStatus(id: string, status: UpdateStatus | null): Promise<void> {
  const statuses = await loadCatalogueStatuses();
  if (status) statuses[id] = status;
  else delete statuses[id];
  await statusesItem.setValue(statuses);
}

export function watchCatalogueStatuses(onChange: (statuses: CatalogueStatuses) => void): () => void {
  return statusesItem.watch((value) => onChange(parseCatalogueStatuses(value)));
}

/** The IndexedDB database of one catalogue's pack files (one database each, so a removal deletes exactly its own). */
function catalogueDbName(id: string): string {
  return `backstory-catalogue-${id}`;
}

export function cataloguePackStore(id: string, factory: IDBFactory = indexedDB): PackStore {
  return indexedDbPackStore(catalogueDbName(id), factory);
}

/**
 * Deletes a catalogue's stored pack. Other pages holding the database open close it when asked (see
 * indexeddb-pack-store.ts), so the deletion is not left waiting.
 */
export function deleteCataloguePack(id: string, factory: IDBFactory = indexedDB): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(catalogueDbName(id));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new DOMException('delete failed', 'UnknownError'));
  });
}
