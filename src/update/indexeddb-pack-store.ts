import { EMPTY_PACK_STATE, type PackState, type PackStore } from './pack-store';

/** The database of the build-time update source's pack (issue 10); each catalogue has its own (catalogue-storage.ts). */
export const UPDATE_PACK_DB = 'backstory-packs';
const DB_VERSION = 1;
const FILES = 'files';
const STATE = 'state';
const STATE_KEY = 'state';

/**
 * The browser's PackStore: one IndexedDB database (the build-time update source's, or one catalogue's) with two object stores, `files` (SHA-256 → bytes) and
 * `state` (the one {@link PackState} record). IndexedDB rather than the Cache API because both Chrome's service
 * worker and Firefox's event page have it, and a put of one record is atomic.
 */
export function indexedDbPackStore(dbName: string, factory: IDBFactory = indexedDB): PackStore {
  let opening: Promise<IDBDatabase> | undefined;
  const open = () => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(dbName, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(FILES)) db.createObjectStore(FILES);
        if (!db.objectStoreNames.contains(STATE)) db.createObjectStore(STATE);
      };
      request.onsuccess = () => {
        const db = request.result;
        // A removed catalogue's database is deleted from another page: let go of it, and open afresh if asked again.
        db.onversionchange = () => {
          db.close();
          opening = undefined;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new DOMException('request failed', 'UnknownError'));
    });
    opening.catch(() => (opening = undefined));
    return opening;
  };
  const run = async <T>(store: string, mode: IDBTransactionMode, act: (objects: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    return new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(store, mode);
      const request = act(transaction.objectStore(store));
      // Resolved on commit, not on the request's success: only then is the write durable.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? request.error ?? new DOMException('transaction failed', 'UnknownError'));
      transaction.onabort = () => reject(transaction.error ?? new DOMException('transaction aborted', 'AbortError'));
    });
  };
  return {
    async readState() {
      const state = (await run<unknown>(STATE, 'readonly', (objects) => objects.get(STATE_KEY))) as PackState | undefined;
      return state ?? { ...EMPTY_PACK_STATE };
    },
    async writeState(state) {
      await run(STATE, 'readwrite', (objects) => objects.put(state, STATE_KEY));
    },
    async getFile(sha256) {
      const bytes = (await run<unknown>(FILES, 'readonly', (objects) => objects.get(sha256))) as ArrayBuffer | undefined;
      return bytes ? new Uint8Array(bytes) : null;
    },
    async putFile(sha256, bytes) {
      const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      await run(FILES, 'readwrite', (objects) => objects.put(copy, sha256));
    },
    async deleteFile(sha256) {
      await run(FILES, 'readwrite', (objects) => objects.delete(sha256));
    },
    async listFiles() {
      return (await run<IDBValidKey[]>(FILES, 'readonly', (objects) => objects.getAllKeys())).map(String);
    },
  };
}
