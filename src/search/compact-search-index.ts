import type { SearchOptions } from 'minisearch';
import { SEARCH_FIELDS, SEARCH_OPTIONS, type SearchDocument } from './search-catalog';
import { pushVarint, VarintReader } from './varint';

/**
 * The search index of one segment, in a compact form that loads without building an object per term or per
 * posting (issue 20): a sorted term list, and every posting in one byte array. It answers exactly as MiniSearch
 * would with {@link SEARCH_OPTIONS} (same tokens, BM25+ scores, prefix and fuzzy weights, AND of the words); the
 * unit tests hold the two side by side on the bundled corpus. MiniSearch built and loaded this index until issue 20:
 * loading rebuilt its radix tree and a Map entry per posting (~390,000 a segment of 10,000 of the benchmark's
 * articles; `MiniSearch.loadJS` of the 10 segments of 100,000 took 1,106 ms in Node, docs/performance.md).
 */
export interface CompactSearchIndex {
  /** Documents in the segment; document `d` is the segment's catalog entry `d`. */
  documentCount: number;
  /** Per field ({@link SEARCH_FIELDS} order): the average field length over the documents, as MiniSearch works it out. */
  averageFieldLength: number[];
  /** `fieldLengths[field * documentCount + d]`: distinct tokens of that field of document `d`. */
  fieldLengths: Uint32Array;
  /** Every term, sorted by UTF-16 code units (so the terms with a prefix are consecutive). */
  terms: string[];
  /** Term `t`'s postings are the bytes `postings[termStart[t] .. termStart[t + 1])`. */
  termStart: Uint32Array;
  /**
   * Per term, per field that has it (field order): `field, n`, then `n` pairs `(document gap, term frequency)`; the
   * first gap is the document itself, the next ones the difference from the one before. Each number a varint
   * (varint.ts): most take one byte, half the 16-bit pairs they were until index format 6.
   */
  postings: Uint8Array;
}

/** MiniSearch's default tokeniser: runs of space and punctuation split words. */
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

const SEARCH = SEARCH_OPTIONS.searchOptions as Required<Pick<SearchOptions, 'boost' | 'prefix' | 'fuzzy'>>;
/** MiniSearch's defaults for what SEARCH_OPTIONS leaves unset. */
const MAX_FUZZY = 6;
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const FIELD_BOOSTS = SEARCH_FIELDS.map((field) => SEARCH.boost[field] ?? 1);

function wordsOf(text: string): string[] {
  return text.split(SPACE_OR_PUNCTUATION);
}

/** Builds a segment's index from its documents (document `d` is `documents[d]`). Pure. */
export function buildCompactIndex(documents: readonly SearchDocument[]): CompactSearchIndex {
  const documentCount = documents.length;
  const fieldLengths = new Uint32Array(SEARCH_FIELDS.length * documentCount);
  const averageFieldLength = SEARCH_FIELDS.map(() => 0);
  /** term → per field, the flat list of (document, frequency), documents ascending. */
  const postingsOf = new Map<string, number[][]>();
  documents.forEach((document, d) => {
    SEARCH_FIELDS.forEach((field, f) => {
      const words = wordsOf(document[field]);
      const length = new Set(words).size;
      fieldLengths[f * documentCount + d] = length;
      // The running mean, as MiniSearch keeps it (the same floating-point steps, so the same scores).
      averageFieldLength[f] = (averageFieldLength[f] * d + length) / (d + 1);
      const counts = new Map<string, number>();
      for (const word of words) {
        const term = word.toLowerCase();
        if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      for (const [term, count] of counts) {
        let fields = postingsOf.get(term);
        if (!fields) postingsOf.set(term, (fields = SEARCH_FIELDS.map(() => [])));
        fields[f].push(d, count);
      }
    });
  });
  const terms = [...postingsOf.keys()].sort(compareCodeUnits);
  const termStart = new Uint32Array(terms.length + 1);
  const postings: number[] = [];
  terms.forEach((term, t) => {
    termStart[t] = postings.length;
    postingsOf.get(term)!.forEach((pairs, f) => {
      if (pairs.length === 0) return;
      pushVarint(postings, f);
      pushVarint(postings, pairs.length / 2);
      for (let i = 0; i < pairs.length; i += 2) {
        pushVarint(postings, i === 0 ? pairs[0] : pairs[i] - pairs[i - 2]);
        pushVarint(postings, pairs[i + 1]);
      }
    });
  });
  termStart[terms.length] = postings.length;
  return { documentCount, averageFieldLength, fieldLengths, terms, termStart, postings: Uint8Array.from(postings) };
}

/** One word of a query, with how it may match: as a prefix, and within how many edits. */
interface WordSpec {
  word: string;
  prefix: boolean;
  maxDistance: number;
}

/** The query's words, processed as MiniSearch processes them, with SEARCH_OPTIONS' prefix and fuzzy rules. */
export function querySpecs(query: string): WordSpec[] {
  const words = wordsOf(query)
    .map((word) => word.toLowerCase())
    .filter(Boolean);
  return words.map((word, i) => {
    const fuzzy = typeof SEARCH.fuzzy === 'function' ? SEARCH.fuzzy(word, i, words) : SEARCH.fuzzy;
    const prefix = typeof SEARCH.prefix === 'function' ? SEARCH.prefix(word, i, words) : SEARCH.prefix === true;
    const fraction = fuzzy === true ? 0.2 : fuzzy || 0;
    const maxDistance = fraction < 1 ? Math.min(MAX_FUZZY, Math.round(word.length * fraction)) : fraction;
    return { word, prefix, maxDistance };
  });
}

/** A term of the index a query word matches, and the weight MiniSearch gives that kind of match. */
interface TermMatch {
  term: number;
  weight: number;
}

/** A query word's matches in one index, kept while the reader types: see {@link searchCompactIndex}. */
export type MatchCache = Map<string, TermMatch[]>;

/**
 * The documents of the segment that match every word (`specs` from {@link querySpecs}), each with its score, in
 * document order. `cache` keeps each word's matches across keystrokes (the words before the last one stay
 * the same while the reader types); pass the same Map for the same index.
 */
export function searchCompactIndex(index: CompactSearchIndex, specs: readonly WordSpec[], cache?: MatchCache): { document: number; score: number }[] {
  if (specs.length === 0 || index.documentCount === 0) return [];
  const { documentCount } = index;
  const total = new Float64Array(documentCount);
  const matched = new Uint8Array(documentCount);
  const wordScores = new Float64Array(documentCount);
  const touched: number[] = [];
  let candidates = documentCount;
  for (let w = 0; w < specs.length && candidates > 0; w++) {
    touched.length = 0;
    for (const { term, weight } of matchesOf(index, specs[w], cache)) addTermScores(index, term, weight, wordScores, touched, matched, w);
    candidates = 0;
    for (const d of touched) {
      if (matched[d] !== w) continue;
      matched[d] = w + 1;
      total[d] += wordScores[d];
      wordScores[d] = 0;
      candidates++;
    }
  }
  if (candidates === 0) return [];
  const quality = new Set(specs.map((spec) => spec.word)).size;
  const found: { document: number; score: number }[] = [];
  for (let d = 0; d < documentCount; d++) if (matched[d] === specs.length) found.push({ document: d, score: total[d] * quality });
  return found;
}

/** The word's exact term, then its prefix matches, then its fuzzy ones (a term that is both counts as a prefix match). */
function matchesOf(index: CompactSearchIndex, spec: WordSpec, cache: MatchCache | undefined): TermMatch[] {
  const key = `${spec.prefix ? 'p' : 'w'}${spec.maxDistance}:${spec.word}`;
  const cached = cache?.get(key);
  if (cached) return cached;
  const { terms } = index;
  const { word } = spec;
  const matches: TermMatch[] = [];
  const first = lowerBound(terms, word);
  if (terms[first] === word) matches.push({ term: first, weight: 1 });
  if (spec.prefix) {
    for (let t = first; t < terms.length && terms[t].startsWith(word); t++) {
      const { length } = terms[t];
      if (length !== word.length) matches.push({ term: t, weight: (PREFIX_WEIGHT * length) / (length + 0.3 * (length - word.length)) });
    }
  }
  if (spec.maxDistance > 0) {
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t];
      if (Math.abs(term.length - word.length) > spec.maxDistance || term === word || (spec.prefix && term.startsWith(word))) continue;
      const distance = editDistanceWithin(word, term, spec.maxDistance);
      if (distance > 0) matches.push({ term: t, weight: (FUZZY_WEIGHT * term.length) / (term.length + distance) });
    }
  }
  if (cache) {
    if (cache.size > 64) cache.clear();
    cache.set(key, matches);
  }
  return matches;
}

/** Adds a term's BM25+ scores (times `weight` and the field's boost) to the documents that still match all words before word `w`. */
function addTermScores(index: CompactSearchIndex, term: number, weight: number, wordScores: Float64Array, touched: number[], matched: Uint8Array, w: number): void {
  const { postings, documentCount } = index;
  const lengthNorms = lengthNormsOf(index);
  const end = index.termStart[term + 1];
  const reader = new VarintReader(postings, index.termStart[term]);
  while (reader.at < end) {
    const field = reader.next();
    const count = reader.next();
    const inverseFrequency = Math.log(1 + (documentCount - count + 0.5) / (count + 0.5));
    const fieldWeight = weight * FIELD_BOOSTS[field];
    const lengths = field * documentCount;
    let d = 0;
    for (let i = 0; i < count; i++) {
      d += reader.next(); // the first gap is the document itself (d starts at 0)
      const frequency = reader.next();
      if (matched[d] !== w) continue;
      const score = inverseFrequency * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + lengthNorms[lengths + d]));
      if (wordScores[d] === 0) touched.push(d);
      wordScores[d] += fieldWeight * score;
    }
  }
}

/** Two rows of the edit-distance table, reused (terms are short; a longer one gets new rows). */
let rows = [new Int32Array(64), new Int32Array(64)];

const lengthNormsByIndex = new WeakMap<CompactSearchIndex, Float64Array>();

/** BM25's length term of each field of each document, `k · (1 − b + b · length / average)`, worked out once per index. */
function lengthNormsOf(index: CompactSearchIndex): Float64Array {
  let norms = lengthNormsByIndex.get(index);
  if (!norms) {
    const { fieldLengths, averageFieldLength, documentCount } = index;
    norms = Float64Array.from(fieldLengths, (length, at) => BM25.k * (1 - BM25.b + (BM25.b * length) / averageFieldLength[Math.floor(at / documentCount)]));
    lengthNormsByIndex.set(index, norms);
  }
  return norms;
}

/** The Levenshtein distance of `a` and `b` when it is at most `max`, else -1 (stops once a whole row is above `max`). */
function editDistanceWithin(a: string, b: string, max: number): number {
  if (rows[0].length <= b.length) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let [previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = previous[j - 1] + (code === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(cost, previous[j] + 1, current[j - 1] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return -1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] <= max ? previous[b.length] : -1;
}

function lowerBound(terms: readonly string[], word: string): number {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (terms[middle] < word) low = middle + 1;
    else high = middle;
  }
  return low;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
