import type { PackState, PackStore } from './pack-store';

/**
 * Deletes every stored file that neither the current nor the previous pack lists: what older packs used, and what
 * the download of a pack that was superseded before it finished left. Run after a switch or an up-to-date check,
 * never after a failed one (its files are what the next check resumes from). Returns the hashes deleted.
 */
export async function collectGarbage(store: PackStore, state: PackState): Promise<string[]> {
  const inUse = new Set([state.current, state.previous].flatMap((pack) => pack?.manifest.files.map((file) => file.sha256) ?? []));
  const unused = (await store.listFiles()).filter((sha256) => !inUse.has(sha256));
  for (const sha256 of unused) await store.deleteFile(sha256);
  return unused;
}
