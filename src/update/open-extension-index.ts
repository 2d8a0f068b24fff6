import { browser } from '#imports';
import { extensionIndexFiles, type IndexFiles } from '../index/content-index';
import { indexedDbPackStore, UPDATE_PACK_DB } from './indexeddb-pack-store';
import { openIndexFiles } from './pack-index-files';

/**
 * The index files every extension page and the background read: the bundled ones, or, in a build with an update
 * source, the installed pack when it is newer (pack-index-files.ts). In a build without one, the condition is the
 * constant '' and the pack branch is removed from the bundle.
 */
export async function extensionIndexFilesInUse(): Promise<IndexFiles> {
  const bundled = extensionIndexFiles((path) => browser.runtime.getURL(path as '/'));
  if (!import.meta.env.BACKSTORY_UPDATE_URL) return bundled;
  return openIndexFiles({ bundled, bundledSequence: import.meta.env.BACKSTORY_BUNDLE_SEQUENCE, store: indexedDbPackStore(UPDATE_PACK_DB) });
}
