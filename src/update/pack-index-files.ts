import { INDEX_FORMAT_VERSION, type IndexFiles, indexFormatOf, META_FILE } from '../index/content-index';
import type { InstalledPack, PackStore } from './pack-store';

/**
 * The index files of one installed pack: every name is read from that pack's own manifest, so a reader opened on it
 * answers from that one complete version, also if another pack is switched to meanwhile.
 */
export function packIndexFiles(store: PackStore, pack: InstalledPack): IndexFiles {
  const hashOf = new Map(pack.manifest.files.map((file) => [file.name, file.sha256]));
  return {
    async readBytes(name) {
      const sha256 = hashOf.get(name);
      if (!sha256) throw new Error(`content pack ${pack.manifest.sequence} has no ${name}`);
      const bytes = await store.getFile(sha256);
      if (!bytes) throw new Error(`content pack ${pack.manifest.sequence}: ${name} is missing from storage`);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}

export interface OpenIndexFilesDeps {
  /** The index bundled with the extension. */
  bundled: IndexFiles;
  /** The bundled index's sequence (see update-config.ts). */
  bundledSequence: number;
  store: PackStore;
}

/**
 * The index the background, the popup and the search page read: the installed pack when one is installed and newer
 * than the bundled index (a newer extension release carries its own, higher, sequence) and of the index format this
 * release reads (a pack installed by an older release may be of an older one), else the bundled files. Storage that
 * cannot be read falls back to the bundled index.
 */
export async function openIndexFiles({ bundled, bundledSequence, store }: OpenIndexFilesDeps): Promise<IndexFiles> {
  const { current } = await store.readState().catch(() => ({ current: null }));
  if (!current || current.manifest.sequence <= bundledSequence) return bundled;
  const pack = packIndexFiles(store, current);
  const format = await pack.readBytes(META_FILE).then(indexFormatOf, () => undefined);
  return format === INDEX_FORMAT_VERSION ? pack : bundled;
}
