import { hashKey } from './hash-key';

/**
 * The URL key tables, shipped as `keys-N.bin`. Keys are spread over 2^bucketBits buckets by the top bits of
 * their 64-bit hash, so a lookup reads one small file, however large the corpus. Each bucket is one Uint32Array,
 * used as is (no parsing). Layout, in 32-bit little-endian words:
 *   [MAGIC, FORMAT_VERSION, count, 0, ...entries]
 * with `count` entries of three words each, [hashHigh, hashLow, value], sorted by hash, and value
 * `(id << 3 | kind << 1 | isAmp) + 1`, `kind` the position in {@link TARGET_KINDS}. A lookup is one hash and a
 * binary search of at most a few thousand entries (about 11 steps). Sorted entries leave no empty slots: the
 * tables are 12 bytes per key, where the open-addressed tables of format 3 were 20 to 40.
 */
const KEY_TABLE_MAGIC = 0x4b534242; // "BBSK"
const KEY_TABLE_VERSION = 4;
const HEADER_WORDS = 4;
const ENTRY_WORDS = 3;
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
  return bucketOfHash(hashKey(key)[0], bucketBits);
}

function bucketOfHash(high: number, bucketBits: number): number {
  return bucketBits === 0 ? 0 : high >>> (32 - bucketBits);
}

/** Builds the bucket tables from distinct keys. Returns them with the keys left out because their 64-bit hash collided. */
export function buildKeyTables(targets: ReadonlyMap<string, KeyTarget>, bucketBits: number): { tables: Uint32Array[]; collisions: string[] } {
  const buckets: { high: number; low: number; key: string; target: KeyTarget }[][] = Array.from({ length: 2 ** bucketBits }, () => []);
  for (const [key, target] of targets) {
    const [high, low] = hashKey(key);
    buckets[bucketOfHash(high, bucketBits)].push({ high, low, key, target });
  }
  const collisions: string[] = [];
  const tables = buckets.map((entries) => {
    entries.sort((a, b) => a.high - b.high || a.low - b.low);
    // Keys whose 64-bit hashes are equal cannot be told apart: every one of them is left out.
    const kept = entries.filter((entry, i) => {
      const same = (other: (typeof entries)[number] | undefined) => other !== undefined && other.high === entry.high && other.low === entry.low;
      if (!same(entries[i - 1]) && !same(entries[i + 1])) return true;
      collisions.push(entry.key);
      return false;
    });
    const table = new Uint32Array(HEADER_WORDS + kept.length * ENTRY_WORDS);
    table.set([KEY_TABLE_MAGIC, KEY_TABLE_VERSION, kept.length, 0]);
    kept.forEach((entry, i) => table.set([entry.high, entry.low, encodeTarget(entry.target)], HEADER_WORDS + i * ENTRY_WORDS));
    return table;
  });
  return { tables, collisions };
}

/** Checks the header of a table read from a `keys-N.bin`; throws a clear error for anything else. */
export function checkKeyTable(table: Uint32Array): Uint32Array {
  if (table.length < HEADER_WORDS || table[0] !== KEY_TABLE_MAGIC || table[1] !== KEY_TABLE_VERSION) {
    throw new Error('not a Backstory key table: wrong magic number or version');
  }
  if (table.length !== HEADER_WORDS + table[2] * ENTRY_WORDS) throw new Error('key table file is truncated');
  return table;
}

/** Looks `key` up in the table of its bucket; null when nothing has it. */
export function lookupKey(table: Uint32Array, key: string): KeyTarget | null {
  const [high, low] = hashKey(key);
  let first = 0;
  let last = table[2] - 1;
  let value = 0;
  while (first <= last) {
    const middle = (first + last) >>> 1;
    const at = HEADER_WORDS + middle * ENTRY_WORDS;
    const order = table[at] - high || table[at + 1] - low;
    if (order === 0) {
      value = table[at + 2];
      break;
    }
    if (order < 0) first = middle + 1;
    else last = middle - 1;
  }
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
