import { hashKey } from './hash-key';

/**
 * The URL key tables, shipped as `keys-N.bin`. Keys are spread over 2^bucketBits buckets by the top bits of
 * their 64-bit hash, so a lookup reads one small file, however large the corpus. Each bucket is an
 * open-addressed hash table in one Uint32Array, used as is (no parsing). Layout, in 32-bit little-endian words:
 *   [MAGIC, FORMAT_VERSION, capacity, count, ...slots]
 * with `capacity` (a power of two) slots of three words each: [hashHigh, hashLow, value], value 0 = empty,
 * otherwise `(id << 3 | kind << 1 | isAmp) + 1`, `kind` the position in {@link TARGET_KINDS}. A lookup is one
 * hash and a short linear probe: O(1).
 */
const KEY_TABLE_MAGIC = 0x4b534242; // "BBSK"
const KEY_TABLE_VERSION = 3;
const HEADER_WORDS = 4;
const SLOT_WORDS = 3;
/** At most this share of slots is used, which keeps probes short. */
const MAX_LOAD = 0.6;
/** Buckets hold about this many keys at most: a few tens of kB to read per lookup. */
const KEYS_PER_BUCKET = 2048;

/**
 * What a key can lead to: a bundled article (`id` an article id), a related story that bundled articles list
 * (`id` a story id), or a site with bundled articles (`id` a site id; site keys are `site:` + domain).
 */
const TARGET_KINDS = ['article', 'related', 'site'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** What a key leads to, and whether the key is one of the target's AMP forms. */
export interface KeyTarget {
  kind: TargetKind;
  id: number;
  isAmp: boolean;
}

/** Ids fit in the 29 bits a slot value leaves them. */
const MAX_TARGET_ID = 2 ** 29 - 2;

/** Finds what a key leads to, or null. Synchronous: the buckets it needs are already in memory. */
export type KeyLookup = (key: string) => KeyTarget | null;

/** How many hash bits choose the bucket, for `keyCount` keys: 0 (one bucket) for small corpora. */
export function bucketBitsFor(keyCount: number, keysPerBucket = KEYS_PER_BUCKET): number {
  let bits = 0;
  while (keyCount / 2 ** bits > keysPerBucket && bits < 16) bits++;
  return bits;
}

/** The bucket of `key`: the top `bucketBits` bits of its hash. */
export function bucketOf(key: string, bucketBits: number): number {
  return bucketBits === 0 ? 0 : hashKey(key)[0] >>> (32 - bucketBits);
}

/** Builds the bucket tables from distinct keys. Returns them with the keys left out because their 64-bit hash collided. */
export function buildKeyTables(targets: ReadonlyMap<string, KeyTarget>, bucketBits: number): { tables: Uint32Array[]; collisions: string[] } {
  const buckets: [string, KeyTarget][][] = Array.from({ length: 2 ** bucketBits }, () => []);
  for (const entry of targets) buckets[bucketOf(entry[0], bucketBits)].push(entry);
  const collisions: string[] = [];
  const tables = buckets.map((entries) => {
    let capacity = 16;
    while (capacity * MAX_LOAD < entries.length) capacity *= 2;
    const table = new Uint32Array(HEADER_WORDS + capacity * SLOT_WORDS);
    table.set([KEY_TABLE_MAGIC, KEY_TABLE_VERSION, capacity, 0]);
    for (const [key, target] of entries) {
      const [high, low] = hashKey(key);
      const slot = findSlot(table, high, low);
      if (table[slot + 2] !== 0) {
        collisions.push(key);
        continue;
      }
      table.set([high, low, encodeTarget(target)], slot);
      table[3]++;
    }
    return table;
  });
  return { tables, collisions };
}

/** Word offset of the slot holding (high, low), or of the empty slot where it would go. */
function findSlot(table: Uint32Array, high: number, low: number): number {
  const mask = table[2] - 1;
  for (let probe = 0, index = low & mask; probe <= mask; probe++, index = (index + 1) & mask) {
    const slot = HEADER_WORDS + index * SLOT_WORDS;
    if (table[slot + 2] === 0 || (table[slot] === high && table[slot + 1] === low)) return slot;
  }
  return -1;
}

/** Checks the header of a table read from a `keys-N.bin`; throws a clear error for anything else. */
export function checkKeyTable(table: Uint32Array): Uint32Array {
  if (table.length < HEADER_WORDS || table[0] !== KEY_TABLE_MAGIC || table[1] !== KEY_TABLE_VERSION) {
    throw new Error('not a Backstory key table: wrong magic number or version');
  }
  if (table.length !== HEADER_WORDS + table[2] * SLOT_WORDS) throw new Error('key table file is truncated');
  return table;
}

/** Looks `key` up in the table of its bucket; null when nothing has it. */
export function lookupKey(table: Uint32Array, key: string): KeyTarget | null {
  const [high, low] = hashKey(key);
  const slot = findSlot(table, high, low);
  const value = slot < 0 ? 0 : table[slot + 2];
  if (value === 0) return null;
  const word = value - 1;
  return { kind: TARGET_KINDS[(word >>> 1) & 3], id: word >>> 3, isAmp: (word & 1) === 1 };
}

function encodeTarget({ kind, id, isAmp }: KeyTarget): number {
  if (!Number.isInteger(id) || id < 0 || id > MAX_TARGET_ID) throw new RangeError(`key table: id ${id} is out of range`);
  return (id * 8 + TARGET_KINDS.indexOf(kind) * 2 + (isAmp ? 1 : 0) + 1) >>> 0;
}

/** A lookup over all bucket tables held in memory (Node: the CLI, tests, the build). */
export function lookupInTables(tables: readonly Uint32Array[], bucketBits: number): KeyLookup {
  return (key) => lookupKey(tables[bucketOf(key, bucketBits)], key);
}
