import type { CompactSearchIndex } from './compact-search-index';
import { pushVarint, VarintReader } from './varint';

/**
 * What one `search-N.bin.gz` holds (issue 20): a segment's search index and its catalog in columns, so that the
 * search page loads 100,000 articles without parsing 100,000 objects. Document `d` of the index is row `d` of the
 * catalog. Titles and addresses live in one UTF-8 text (`textBytes`), each decoded when it is read, the dates in a
 * text of their own; numbers in typed arrays.
 */
export interface SearchSegmentColumns {
  index: CompactSearchIndex;
  /** Article id of each row. */
  ids: Uint32Array;
  /**
   * Each row's title and address (without its origin) as UTF-8, `textStart` their byte offsets: read with
   * {@link textOf}. Decoding all of it at load took 11.6 ms a segment of 10,000 articles (Node), most of a segment's
   * decode; a search decodes only the rows it shows (index format 7; docs/performance.md, "Search, this round").
   */
  textBytes: Uint8Array;
  textStart: Uint32Array;
  /**
   * Each row's publication date ('' when none), `dateStart` their offsets in it: decoded at load (ISO dates are ASCII:
   * ~1 ms a segment in Node), because every query compares the dates of all it finds.
   */
  dateText: string;
  dateStart: Uint32Array;
  /** Index into `origins` of each row's address ('' for a row with no address or none: {@link splitAddress}). */
  origin: Uint32Array;
  origins: string[];
  /** Quality score of each row, NaN when it has none: read with {@link qualityOf}. */
  quality: Float64Array;
  /** Index into `providers` of each row, -1 when it has none. */
  provider: Int32Array;
  providers: string[];
  /** Index into `types` of each row. */
  type: Uint16Array;
  types: string[];
  /** Row r's topics are `topics[topicIds[topicStart[r] .. topicStart[r + 1])]`. */
  topicStart: Uint32Array;
  topicIds: Uint32Array;
  topics: string[];
}

/** A row's columns in `textBytes`, in this order. An address is kept without its origin (see `origin`). */
const TEXT_COLUMNS = ['title', 'address'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number] | 'date';

/** A row's title, address or publication date ('' when it has none). */
export function textOf(segment: SearchSegmentColumns, row: number, column: TextColumn): string {
  if (column === 'date') return segment.dateText.slice(segment.dateStart[row], segment.dateStart[row + 1]);
  const at = row * TEXT_COLUMNS.length + TEXT_COLUMNS.indexOf(column);
  const text = utf8.decode(segment.textBytes.subarray(segment.textStart[at], segment.textStart[at + 1]));
  return column === 'address' ? segment.origins[segment.origin[row]] + text : text;
}

const utf8 = new TextDecoder();

type TextColumns = Pick<SearchSegmentColumns, 'textBytes' | 'textStart' | 'dateText' | 'dateStart'>;

/** The text columns of rows as a segment holds them (the build's half of {@link textOf}). */
export function encodeTextColumns(rows: readonly Record<TextColumn, string>[]): TextColumns {
  const textStart = new Uint32Array(rows.length * TEXT_COLUMNS.length + 1);
  const chars = rows.reduce((sum, row) => sum + TEXT_COLUMNS.reduce((length, column) => length + row[column].length, 0), 0);
  // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, two units, takes 4).
  const bytes = new Uint8Array(chars * 3);
  const encoder = new TextEncoder();
  let length = 0;
  rows.forEach((row, r) =>
    TEXT_COLUMNS.forEach((column, c) => {
      textStart[r * TEXT_COLUMNS.length + c] = length;
      length += encoder.encodeInto(row[column], bytes.subarray(length)).written;
    }),
  );
  textStart[rows.length * TEXT_COLUMNS.length] = length;
  const dateStart = new Uint32Array(rows.length + 1);
  rows.forEach((row, r) => (dateStart[r + 1] = dateStart[r] + row.date.length));
  return { textBytes: bytes.slice(0, length), textStart, dateText: rows.map((row) => row.date).join(''), dateStart };
}

/**
 * An address split into its origin (`https://www.example.com`, kept once per segment) and the rest: the origins of
 * a segment are few, and they were a third of its addresses' bytes. `originOf(a) + rest` is `a`, whatever `a` is.
 */
export function splitAddress(address: string): [origin: string, rest: string] {
  const scheme = address.indexOf('://');
  if (scheme < 0) return ['', address];
  const path = address.indexOf('/', scheme + 3);
  return path < 0 ? [address, ''] : [address.slice(0, path), address.slice(path)];
}

/** A row's quality score, undefined when it has none. */
export function qualityOf(segment: SearchSegmentColumns, row: number): number | undefined {
  const quality = segment.quality[row];
  return Number.isNaN(quality) ? undefined : quality;
}

type Column = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
const COLUMN_TYPES = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array } as const;
type ColumnType = keyof typeof COLUMN_TYPES;

/**
 * How a column is written: 'raw', its typed array's bytes; 'varint', each number as a varint (varint.ts) after adding
 * `plus` (so that -1 takes one byte); 'delta', each number's difference from the one before as a varint (for columns
 * that never go down: offsets, ascending ids). The varint columns are read back into their typed arrays on load.
 */
type Encoding = { kind: 'raw' } | { kind: 'varint'; plus: number } | { kind: 'delta' };
const RAW: Encoding = { kind: 'raw' };
const VARINT: Encoding = { kind: 'varint', plus: 0 };
const DELTA: Encoding = { kind: 'delta' };

/** The columns of a segment file, in this order, each 8-byte aligned after the JSON header. */
const COLUMNS: [keyof SearchSegmentColumns | 'fieldLengths' | 'termStart' | 'postings' | 'dateBytes', ColumnType, Encoding][] = [
  ['quality', 'f64', RAW],
  ['ids', 'u32', DELTA],
  ['textStart', 'u32', DELTA],
  ['origin', 'u32', VARINT],
  ['provider', 'i32', { kind: 'varint', plus: 1 }],
  ['type', 'u16', VARINT],
  ['topicStart', 'u32', DELTA],
  ['topicIds', 'u32', VARINT],
  ['fieldLengths', 'u32', VARINT],
  ['termStart', 'u32', DELTA],
  // Varints already (compact-search-index.ts), and read as they are: no copy of the biggest column.
  ['postings', 'u8', RAW],
  // The text as UTF-8, read as it is (as a JSON string it took longer to parse than all the rest).
  ['textBytes', 'u8', RAW],
  ['dateStart', 'u32', DELTA],
  ['dateBytes', 'u8', RAW],
];

interface Header {
  documentCount: number;
  averageFieldLength: number[];
  /** The index's terms joined by '\n' (a term never holds one: the tokeniser splits there). */
  terms: string;
  providers: string[];
  types: string[];
  topics: string[];
  origins: string[];
  /** Element count of each column, COLUMNS order. */
  lengths: number[];
  /** Byte length of each column in the file, COLUMNS order. */
  byteLengths: number[];
}

function columnsOf(segment: SearchSegmentColumns): Column[] {
  const { fieldLengths, termStart, postings } = segment.index;
  const dateBytes = new TextEncoder().encode(segment.dateText);
  const all: Record<string, Column> = { ...segment, fieldLengths, termStart, postings, dateBytes } as unknown as Record<string, Column>;
  return COLUMNS.map(([name]) => all[name]);
}

function encodeColumn(column: Column, encoding: Encoding): Uint8Array {
  if (encoding.kind === 'raw') return new Uint8Array(column.buffer, column.byteOffset, column.byteLength);
  const bytes: number[] = [];
  let previous = 0;
  for (const value of column) {
    if (encoding.kind === 'delta') {
      if (value < previous) throw new Error('a delta column goes down');
      pushVarint(bytes, value - previous);
      previous = value;
    } else pushVarint(bytes, value + encoding.plus);
  }
  return Uint8Array.from(bytes);
}

function decodeColumn(buffer: ArrayBuffer, offset: number, byteLength: number, length: number, type: ColumnType, encoding: Encoding): Column {
  const Type = COLUMN_TYPES[type];
  if (encoding.kind === 'raw') {
    if (byteLength !== length * Type.BYTES_PER_ELEMENT) throw new Error('search segment is corrupt');
    return new Type(buffer, offset, length);
  }
  const column = new Type(length);
  const reader = new VarintReader(new Uint8Array(buffer, offset, byteLength));
  const plus = encoding.kind === 'varint' ? encoding.plus : 0;
  let value = 0;
  for (let i = 0; i < length; i++) {
    value = encoding.kind === 'delta' ? value + reader.next() : reader.next() - plus;
    column[i] = value;
  }
  if (reader.at !== byteLength) throw new Error('search segment is corrupt');
  return column;
}

/** The bytes of a segment file (before gzip): a 4-byte header length, the JSON header, then the columns. */
export function encodeSearchSegment(segment: SearchSegmentColumns): Uint8Array {
  const columns = columnsOf(segment).map((column, i) => ({ column, bytes: encodeColumn(column, COLUMNS[i][2]) }));
  const header: Header = {
    documentCount: segment.index.documentCount,
    averageFieldLength: segment.index.averageFieldLength,
    terms: segment.index.terms.join('\n'),
    providers: segment.providers,
    types: segment.types,
    topics: segment.topics,
    origins: segment.origins,
    lengths: columns.map(({ column }) => column.length),
    byteLengths: columns.map(({ bytes }) => bytes.length),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  let size = align(4 + json.length);
  const offsets = columns.map(({ bytes }) => {
    const offset = size;
    size = align(size + bytes.length);
    return offset;
  });
  const file = new Uint8Array(size);
  new DataView(file.buffer).setUint32(0, json.length, true);
  file.set(json, 4);
  columns.forEach(({ bytes }, i) => file.set(bytes, offsets[i]));
  return file;
}

/** Reads a segment file's bytes (after gunzip), its raw columns without copying. Throws on a file that is not one. */
export function decodeSearchSegment(buffer: ArrayBuffer): SearchSegmentColumns {
  const headerLength = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength))) as Header;
  if (!Array.isArray(header.lengths) || header.lengths.length !== COLUMNS.length || header.byteLengths?.length !== COLUMNS.length) {
    throw new Error('not a search segment');
  }
  let offset = align(4 + headerLength);
  const column: Record<string, Column> = {};
  COLUMNS.forEach(([name, type, encoding], i) => {
    if (offset + header.byteLengths[i] > buffer.byteLength) throw new Error('search segment is truncated');
    column[name] = decodeColumn(buffer, offset, header.byteLengths[i], header.lengths[i], type, encoding);
    offset = align(offset + header.byteLengths[i]);
  });
  return {
    index: {
      documentCount: header.documentCount,
      averageFieldLength: header.averageFieldLength,
      fieldLengths: column.fieldLengths as Uint32Array,
      terms: header.terms === '' ? [] : header.terms.split('\n'),
      termStart: column.termStart as Uint32Array,
      postings: column.postings as Uint8Array,
    },
    ids: column.ids as Uint32Array,
    textBytes: column.textBytes as Uint8Array,
    textStart: column.textStart as Uint32Array,
    dateText: new TextDecoder().decode(column.dateBytes),
    dateStart: column.dateStart as Uint32Array,
    origin: column.origin as Uint32Array,
    origins: header.origins,
    quality: column.quality as Float64Array,
    provider: column.provider as Int32Array,
    providers: header.providers,
    type: column.type as Uint16Array,
    types: header.types,
    topicStart: column.topicStart as Uint32Array,
    topicIds: column.topicIds as Uint32Array,
    topics: header.topics,
  };
}

function align(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}
