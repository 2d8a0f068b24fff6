import type { PackManifest } from './pack-manifest';

/** A pack that is fully downloaded and verified: its manifest, and when it was switched to. */
export interface InstalledPack {
  manifest: PackManifest;
  installedAt: number;
}

/**
 * The one record that says which pack is in use. It is written in one write, which is the switch-over: a reader
 * opens the index from `current` and reads every file of that one version. `previous` is the version before, whose
 * files are kept until the next switch so that a page opened just before a switch can finish reading.
 */
export interface PackState {
  current: InstalledPack | null;
  previous: InstalledPack | null;
}

export const EMPTY_PACK_STATE: Readonly<PackState> = { current: null, previous: null };

/** Where downloaded pack files live (IndexedDB in the browser, memory in tests), by their SHA-256. */
export interface PackStore {
  readState(): Promise<PackState>;
  writeState(state: PackState): Promise<void>;
  getFile(sha256: string): Promise<Uint8Array | null>;
  /** Stores a file; rejects (a DOMException named QuotaExceededError in browsers) when space runs out. */
  putFile(sha256: string, bytes: Uint8Array): Promise<void>;
  deleteFile(sha256: string): Promise<void>;
  /** The hashes of every stored file. */
  listFiles(): Promise<string[]>;
}

/** A PackStore in memory, for tests and tools. `quotaBytes` makes putFile fail as a full disk does. */
export function memoryPackStore(options: { quotaBytes?: number } = {}): PackStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  let state: PackState = EMPTY_PACK_STATE;
  const used = () => [...files.values()].reduce((sum, bytes) => sum + bytes.byteLength, 0);
  return {
    files,
    async readState() {
      return structuredClone(state);
    },
    async writeState(next) {
      state = structuredClone(next);
    },
    async getFile(sha256) {
      return files.get(sha256) ?? null;
    },
    async putFile(sha256, bytes) {
      if (options.quotaBytes !== undefined && used() + bytes.byteLength > options.quotaBytes) {
        throw new DOMException('quota exceeded', 'QuotaExceededError');
      }
      files.set(sha256, bytes.slice());
    },
    async deleteFile(sha256) {
      files.delete(sha256);
    },
    async listFiles() {
      return [...files.keys()];
    },
  };
}
