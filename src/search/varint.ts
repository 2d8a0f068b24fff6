/**
 * Unsigned integers in as few bytes as they need (LEB128: seven bits a byte, low bits first, the high bit set on every
 * byte but the last), for the search segments' postings and integer columns (issue 20: the search page's load time
 * is bound by the bytes it inflates). Values below 128 take one byte; every value must be below 2^32.
 */

/** Appends `value`'s bytes to `into`. */
export function pushVarint(into: number[], value: number): void {
  while (value >= 0x80) {
    into.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  into.push(value);
}

/** Reads varints one after another from `bytes`, starting at `at`. */
export class VarintReader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}

  next(): number {
    let byte = this.bytes[this.at++];
    if (byte < 0x80) return byte;
    let value = byte & 0x7f;
    let shift = 7;
    do {
      byte = this.bytes[this.at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte >= 0x80 && shift < 35);
    return value >>> 0;
  }
}
