import { hashKey } from './hash-key';

/**
 * The URL key table: an open-addressed hash table in one Uint32Array, shipped as `keys.bin` and used as is
 * (no parsing) by the background. Layout, in 32-bit little-endian words:
 *   [MAGIC, FORMAT_VERSION, capacity, count, ...slots]
 * with `capacity` (a power of two) slots of three words each: [hashHigh, hashLow, value], value 0 = empty,
 * otherwise `(articleId << 1 | isAmp) + 1`. Lookup is one hash and a short linear probe: O(1) in the number
 * of articles.
 */
export const KEY_TABLE_MAGIC = 0x4b534242; // "BBSK"
export const KEY_TABLE_VERSION = 1;
const HEADER_WORDS = 4;
const SLOT_WORDS = 3;
/** At most this share of slots is used, which keeps probes short. */
const MAX_LOAD = 0.5;

/** What a key leads to: an article, and whether the key is one of its AMP forms. */
export interface KeyTarget {
  articleId: number;
  isAmp: boolean;
}

/** Builds the table from distinct keys. Returns it with the keys left out because their 64-bit hash collided. */
export function buildKeyTable(targets: ReadonlyMap<string, KeyTarget>): { table: Uint32Array; collisions: string[] } {
  let capacity = 16;
  while (capacity * MAX_LOAD < targets.size) capacity *= 2;
  const table = new Uint32Array(HEADER_WORDS + capacity * SLOT_WORDS);
  table.set([KEY_TABLE_MAGIC, KEY_TABLE_VERSION, capacity, 0]);
  const collisions: string[] = [];
  let count = 0;
  for (const [key, target] of targets) {
    const [high, low] = hashKey(key);
    let slot = findSlot(table, capacity, high, low);
    if (table[slot + 2] !== 0) {
      collisions.push(key);
      continue;
    }
    table[slot] = high;
    table[slot + 1] = low;
    table[slot + 2] = ((target.articleId << 1) | (target.isAmp ? 1 : 0)) + 1;
    count++;
  }
  table[3] = count;
  return { table, collisions };
}

/** Word offset of the slot holding (high, low), or of the empty slot where it would go. */
function findSlot(table: Uint32Array, capacity: number, high: number, low: number): number {
  const mask = capacity - 1;
  for (let probe = 0, index = low & mask; probe < capacity; probe++, index = (index + 1) & mask) {
    const slot = HEADER_WORDS + index * SLOT_WORDS;
    if (table[slot + 2] === 0 || (table[slot] === high && table[slot + 1] === low)) return slot;
  }
  throw new Error('key table is full');
}

/** Checks the header of a table read from `keys.bin`; throws a clear error for anything else. */
export function checkKeyTable(table: Uint32Array): Uint32Array {
  if (table.length < HEADER_WORDS || table[0] !== KEY_TABLE_MAGIC || table[1] !== KEY_TABLE_VERSION) {
    throw new Error('not a Backstory key table (keys.bin): wrong magic number or version');
  }
  if (table.length !== HEADER_WORDS + table[2] * SLOT_WORDS) throw new Error('keys.bin is truncated');
  return table;
}

/** Number of keys in the table. */
export function keyCount(table: Uint32Array): number {
  return table[3];
}

/** Looks `key` up; null when no article has it. */
export function lookupKey(table: Uint32Array, key: string): KeyTarget | null {
  const [high, low] = hashKey(key);
  const slot = findSlot(table, table[2], high, low);
  const value = table[slot + 2];
  if (value === 0) return null;
  return { articleId: (value - 1) >>> 1, isAmp: ((value - 1) & 1) === 1 };
}
