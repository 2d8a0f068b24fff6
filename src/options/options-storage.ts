import { storage } from '#imports';
import { DEFAULT_OPTIONS, type Options, parseOptions } from './options';
import { parsePausedSites } from './paused-sites';

/** The reader's options, in the extension's local storage (never synced anywhere). Read through parseOptions. */
export const optionsItem = storage.defineItem<unknown>('local:options');

/** The stored options, repaired: missing or corrupt values read as their defaults. */
export async function loadOptions(): Promise<Options> {
  try {
    return parseOptions(await optionsItem.getValue());
  } catch {
    return { ...DEFAULT_OPTIONS };
  }
}

export async function saveOptions(options: Options): Promise<void> {
  await optionsItem.setValue(parseOptions(options));
}

/** Calls `onChange` with the repaired options whenever they change. Returns the function that stops watching. */
export function watchOptions(onChange: (options: Options) => void): () => void {
  return optionsItem.watch((value) => onChange(parseOptions(value)));
}

/** The sites the reader paused Backstory on (host names, see paused-sites.ts), in local storage. */
const pausedSitesItem = storage.defineItem<unknown>('local:pausedSites');

/** The paused sites, repaired: anything that is not a list of host names reads as an empty list. */
export async function loadPausedSites(): Promise<string[]> {
  try {
    return parsePausedSites(await pausedSitesItem.getValue());
  } catch {
    return [];
  }
}

/** Pauses (or resumes) Backstory on `site`, keeping the rest of the list. */
export async function setSitePaused(site: string, paused: boolean): Promise<void> {
  const current = await loadPausedSites();
  await pausedSitesItem.setValue(parsePausedSites(paused ? [...current, site] : current.filter((item) => item !== site)));
}

/** Calls `onChange` with the repaired list whenever it changes. Returns the function that stops watching. */
export function watchPausedSites(onChange: (sites: string[]) => void): () => void {
  return pausedSitesItem.watch((value) => onChange(parsePausedSites(value)));
}
