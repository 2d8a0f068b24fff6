import { normalizeMarkSite } from '../marks/mark-site';

/** At most this many sites with marks on: the list is typed by hand, one site at a time. */
const MAX_MARKED_SITES = 200;

/**
 * Reads the stored list of sites with link marks on, whatever storage holds: not a list reads as empty; entries
 * that are not sites are dropped; the rest are tidied (see normalizeMarkSite), without repeats, sorted. Pure.
 */
export function parseMarkedSites(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  const sites = new Set<string>();
  for (const entry of stored) {
    const site = normalizeMarkSite(entry);
    if (site) sites.add(site);
  }
  return [...sites].sort().slice(0, MAX_MARKED_SITES);
}
