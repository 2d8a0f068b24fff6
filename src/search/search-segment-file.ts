import type { CompactSearchIndex } from './compact-search-index';

/**
 * What one `search-N.bin.gz` holds (issue 20): a segment's search index and its catalog in columns, so that the
 * search page loads 100,000 articles without parsing 100,000 objects. Document `d` of the index is row `d` of the
 * catalog. Strings live in one text (`text`), sliced on demand; numbers in typed arrays.
 */
export interface SearchSegmentColumns {
  index: CompactSearchIndex;
  /** Article id of each row. */
  ids: Uint32Array;
  /** Each row's {@link TEXT_COLUMNS}: read with {@link textOf}. */
  text: string;
  textStart: Uint32Array;
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

/** A row's text columns, in their order in `text`. */
export const TEXT_COLUMNS = ['title', 'address', 'date'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];

/** A row's title, address or publication date ('' when it has none). */
export function textOf(segment: SearchSegmentColumns, row: number, column: TextColumn): string {
  const at = row * TEXT_COLUMNS.length + TEXT_COLUMNS.indexOf(column);
  return segment.text.slice(segment.textStart[at], segment.textStart[at + 1]);
}

/** A row's quality score, undefined when it has none. */
export function qualityOf(segment: SearchSegmentColumns, row: number): number | undefined {
  const quality = segment.quality[row];
  return Number.isNaN(quality) ? undefined : quality;
}

type Column = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
const COLUMN_TYPES = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array } as const;
type ColumnType = keyof typeof COLUMN_TYPES;

/** The typed arrays of a segment file, in this order, each 8-byte aligned after the JSON header. */
const COLUMNS: [keyof SearchSegmentColumns | 'fieldLengths' | 'termStart' | 'postings' | 'textBytes', ColumnType][] = [
  ['quality', 'f64'],
  ['ids', 'u32'],
  ['textStart', 'u32'],
  ['provider', 'i32'],
  ['type', 'u16'],
  ['topicStart', 'u32'],
  ['topicIds', 'u32'],
  ['fieldLengths', 'u32'],
  ['termStart', 'u32'],
  ['postings', 'u16'],
  // The text as UTF-8: one TextDecoder call reads it (as a JSON string it took longer to parse than all the rest).
  ['textBytes', 'u8'],
];

interface Header {
  documentCount: number;
  averageFieldLength: number[];
  /** The index's terms joined by '\n' (a term never holds one: the tokeniser splits there). */
  terms: string;
  providers: string[];
  types: string[];
  topics: string[];
  /** Element count of each column, COLUMNS order. */
  lengths: number[];
}

function columnsOf(segment: SearchSegmentColumns): Column[] {
  const { fieldLengths, termStart, postings } = segment.index;
  const textBytes = new TextEncoder().encode(segment.text);
  const all: Record<string, Column> = { ...segment, fieldLengths, termStart, postings, textBytes } as unknown as Record<string, Column>;
  return COLUMNS.map(([name]) => all[name]);
}

/** The bytes of a segment file (before gzip): a 4-byte header length, the JSON header, then the columns. */
export function encodeSearchSegment(segment: SearchSegmentColumns): Uint8Array {
  const columns = columnsOf(segment);
  const header: Header = {
    documentCount: segment.index.documentCount,
    averageFieldLength: segment.index.averageFieldLength,
    terms: segment.index.terms.join('\n'),
    providers: segment.providers,
    types: segment.types,
    topics: segment.topics,
    lengths: columns.map((column) => column.length),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  let size = align(4 + json.length);
  const offsets = columns.map((column) => {
    const offset = size;
    size = align(size + column.byteLength);
    return offset;
  });
  const bytes = new Uint8Array(size);
  new DataView(bytes.buffer).setUint32(0, json.length, true);
  bytes.set(json, 4);
  columns.forEach((column, i) => bytes.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), offsets[i]));
  return bytes;
}

/** Reads a segment file's bytes (after gunzip) without copying its columns. Throws on a file that is not one. */
export function decodeSearchSegment(buffer: ArrayBuffer): SearchSegmentColumns {
  const headerLength = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength))) as Header;
  if (!Array.isArray(header.lengths) || header.lengths.length !== COLUMNS.length) throw new Error('not a search segment');
  let offset = align(4 + headerLength);
  const column: Record<string, Column> = {};
  COLUMNS.forEach(([name, type], i) => {
    const Type = COLUMN_TYPES[type];
    column[name] = new Type(buffer, offset, header.lengths[i]);
    offset = align(offset + column[name].byteLength);
  });
  if (offset > align(buffer.byteLength)) throw new Error('search segment is truncated');
  return {
    index: {
      documentCount: header.documentCount,
      averageFieldLength: header.averageFieldLength,
      fieldLengths: column.fieldLengths as Uint32Array,
      terms: header.terms === '' ? [] : header.terms.split('\n'),
      termStart: column.termStart as Uint32Array,
      postings: column.postings as Uint16Array,
    },
    ids: column.ids as Uint32Array,
    text: new TextDecoder().decode(column.textBytes),
    textStart: column.textStart as Uint32Array,
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
