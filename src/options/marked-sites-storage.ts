import { storage } from '#imports';
import { parseMarkedSites } from './marked-sites';

/**
 * The sites the reader turned link marks on for (`example.com`, see mark-site.ts), in the extension's local storage.
 * Read through parseMarkedSites. The browser's host permissions for them are the other half: the background keeps
 * the two in step (reconcile-marks.ts).
 */
export const markedSitesItem = storage.defineItem<unknown>('local:markedSites');

/** The stored sites, repaired: a missing or corrupt value reads as no site. */
export async function loadMarkedSites(): Promise<string[]> {
  try {
    return parseMarkedSites(await markedSitesItem.getValue());
  } catch {
    return [];
  }
}

export async function saveMarkedSites(sites: readonly string[]): Promise<void> {
  await markedSitesItem.setValue(parseMarkedSites(sites));
}

/** Calls `onChange` with the repaired list whenever it changes. Returns the function that stops watching. */
export function watchMarkedSites(onChange: (sites: string[]) => void): () => void {
  return markedSitesItem.watch((value) => onChange(parseMarkedSites(value)));
}

/**
 * `loadMarkedSites`, remembered until the list changes: the background checks it for every batch of links a page
 * sends. Only a cache in memory (a restarted background reads storage again).
 */
export function createMarkedSitesCache(): () => Promise<string[]> {
  let sites: Promise<string[]> | null = null;
  watchMarkedSites(() => (sites = null));
  return () => (sites ??= loadMarkedSites());
}
