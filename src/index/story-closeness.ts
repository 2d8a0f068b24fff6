/**
 * How close a related story is to its article: the same news from another outlet ('close'), or a story that only
 * shares a company, a technology or a broad topic with it ('loose'). Build time only; pure and deterministic.
 *
 * The aggregator's related lists are keyword matches, so every related story shares *some* words with its article.
 * What tells the same news apart is sharing the *rare* words (names, products, numbers: "Stratego", "SiFive", "X70"),
 * and several of them, in the headline and in the lead. So the score is an IDF-weighted overlap of word sets: of the
 * two titles plus excerpts, and of each headline with the other story's whole text (a reworded headline often says in
 * its lead what the other says in its title), lowered when the two are more than two weeks apart. Tuned and
 * cross-validated on tests/fixtures/related-labels.json by scripts/tune-closeness.ts, which prints the figures.
 *
 * Use: `stats = buildTermStats(every article and related story)`, then per article `prepareStoryText(article, stats)`
 * once and `storyCloseness(prepared, story, stats)` for each related story; `closenessOf(score)` draws the line.
 */

/** Text of a story as the scorer reads it. */
export interface StoryText {
  title: string;
  excerpt?: string;
  /** ISO 8601 UTC. */
  publishedDateTime?: string;
}

/** Term document-frequencies over a corpus, built once per build from every article and related story. */
export interface TermStats {
  /** How many texts were counted. */
  readonly documents: number;
  /** A number for each term seen, indexing the arrays below. */
  readonly termIds: ReadonlyMap<string, number>;
  /** Each word form seen ("designs", "designing") and its term's id, or -1 for a function word: a cache of termOf. */
  readonly wordIds: ReadonlyMap<string, number>;
  /** In how many texts each term occurs (title or excerpt), by term id. */
  readonly documentFrequency: Uint32Array;
  /** Each term's weight, by term id: its inverse document frequency, squared. */
  readonly weight: Float64Array;
  /** The weight of a term the corpus never saw (as if seen once). */
  readonly unseenWeight: number;
}

/** The distinct terms of one text, read against the term stats: ids in ascending order, and their weights. */
interface WeighedTerms {
  readonly ids: readonly number[];
  readonly weights: readonly number[];
  /** Terms the stats never saw, sorted; each weighs `unseenWeight`. */
  readonly unseen: readonly string[];
  readonly total: number;
}

/** A story read once against the term stats, so an article is not re-read for each of its related stories. */
export interface PreparedStory {
  /** The title's terms. */
  readonly title: WeighedTerms;
  /** The terms of the title and the excerpt together. */
  readonly all: WeighedTerms;
  /** Publication time in ms since the epoch, or NaN when unknown. */
  readonly time: number;
}

/** The parts of a score, for tuning and for explaining a decision. Both similarities are 0..1. */
export interface ClosenessFeatures {
  titleSimilarity: number;
  textSimilarity: number;
  /**
   * How much of each headline the other story's title and excerpt carry: the share of the headline's term weight found
   * there, the smaller of the two ways round.
   */
  titleCoverage: number;
  /** Days between the two publication times, or NaN when either is unknown. */
  daysApart: number;
}

/** The few numbers the rule depends on. */
export interface ClosenessParams {
  /** Share of the title similarity in the score. */
  titleWeight: number;
  /** Share of the title coverage in the score; the rest (1 - titleWeight - coverageWeight) is the text similarity. */
  coverageWeight: number;
  /** Scores at or above this are 'close'. */
  threshold: number;
  /** Within this many days the dates do not matter (two weeks of coverage). */
  sameWeekDays: number;
  /** Beyond that, the score halves for every this many further days. */
  halfLifeDays: number;
}

/**
 * titleWeight, coverageWeight and threshold: tuned on the labels (scripts/tune-closeness.ts). sameWeekDays and
 * halfLifeDays are a prior, not tuned: every related entry of the bundled corpus is within 7 days of its article, so
 * the labels cannot tell what a month apart should cost; follow-up coverage of one event weeks later is common
 * (a study, then its press), so two weeks count in full and the score halves for every four weeks after that.
 */
export const DEFAULT_CLOSENESS_PARAMS: Readonly<ClosenessParams> = {
  titleWeight: 0,
  coverageWeight: 0.25,
  threshold: 0.14,
  sameWeekDays: 14,
  halfLifeDays: 28,
};

// Function words carry no news. Kept short and generic: IDF already discounts words that are merely common.
// ("us" is not here: in headlines it is mostly "U.S.".)
export const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does for from had has have he her here his how i if in ' +
    'into is it its just may me might more most my new no not now of on or our out over says said she should so ' +
    'than that the their them then there these they this those through to too up via was we were what when where ' +
    'which while who why will with would you your about after against all also any before between both during each ' +
    'few get gets got like many much off only other own same some such very yet one two'
  ).split(' '),
);

// Accented Latin, ligatures and full-width forms need folding; curly quotes, dashes and other scripts do not.
const NEEDS_FOLDING = /[\u00A0-\u036F\u1E00-\u1EFF\uFB00-\uFB06\uFF00-\uFFEF]/;
const COMBINING_MARK = /\p{M}/gu;
const NON_ASCII_WORD_CHAR = /^[\p{L}\p{N}]$/u;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const DOT = 0x2e;
const COMMA = 0x2c;
const LETTER_S = 0x73;
// Chinese and Japanese write no spaces: a run of these is read as its overlapping pairs of characters.
const CJK_CHAR = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
// "$2.5 million", "2.5M", "2.5mn", "2,5 Mio" are one figure: "25m". A word of digits and one of these ends is too.
const MULTIPLIERS = new Map([
  ['thousand', 'k'],
  ['million', 'm'],
  ['millions', 'm'],
  ['mn', 'm'],
  ['mln', 'm'],
  ['billion', 'b'],
  ['billions', 'b'],
  ['bn', 'b'],
  ['trillion', 't'],
  ['trillions', 't'],
  ['tn', 't'],
  ['mio', 'm'], // German, Spanish: "2,5 Mio", "2,5 millones", "3 Mrd", French "3 milliards"
  ['millionen', 'm'],
  ['millones', 'm'],
  ['mrd', 'b'],
  ['milliard', 'b'],
  ['milliards', 'b'],
  ['milliarden', 'b'],
]);
const FIGURE_WITH_MULTIPLIER = /^(\d+)(thousand|millions?|mn|mln|billions?|bn|trillions?|tn|mio|mrd)$/;

function isWordChar(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return true;
  return c > 127 && c !== RIGHT_QUOTE && NON_ASCII_WORD_CHAR.test(text[i]);
}

/**
 * The distinct content words of a text: lower-cased, accents folded ("Málaga" is "malaga"), lightly stemmed, function
 * words dropped. An apostrophe or dot inside a word joins it ("A.I." is "ai", "U.S." is "us", "2.5" is "25"), and so
 * does a comma between digits ("1,000" is "1000"); a possessive goes ("Google's" is "google"), anything else splits
 * ("AI-generated" is "ai", "generat"). A figure and its multiplier are one term ("$2.5 million", "2.5M" and "2.5mn"
 * are all "25m"); Chinese and Japanese are read as overlapping pairs of characters ("自动驾驶" is "自动", "动驾", "驾驶").
 * A hand-written scanner, not a chain of regular expressions: it runs for every text of a 400,000-text build.
 */
export function termsOf(text: string | undefined): string[] {
  const terms = new Set<string>();
  for (const word of scanWords(text, [])) {
    const term = termOf(word);
    if (term !== null) terms.add(term);
  }
  return [...terms];
}

/** Pushes the words of `text` onto `into` (lower-cased and folded, not yet stemmed; repeats included), returns it. */
function scanWords(text: string | undefined, into: string[]): string[] {
  if (!text) return into;
  let s = text.toLowerCase();
  if (NEEDS_FOLDING.test(s)) s = s.normalize('NFKD').replace(COMBINING_MARK, '');
  const cjk = CJK_CHAR.test(s);
  const first = into.length; // a multiplier never joins a figure of the text before
  let joined = ''; // the part of the current word before an inner mark
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    if (isWordChar(s, i)) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const c = s.charCodeAt(i);
    const innerMark = ((c === APOSTROPHE || c === RIGHT_QUOTE || c === DOT) && isWordChar(s, i + 1)) || (c === COMMA && isDigit(s, i - 1) && isDigit(s, i + 1));
    const possessive = innerMark && c !== DOT && c !== COMMA && s.charCodeAt(i + 1) === LETTER_S && !isWordChar(s, i + 2);
    if (innerMark && !possessive) {
      joined += s.slice(start, i); // "a.i", "don't", "1,000": one word
      start = i + 1;
      continue;
    }
    const word = joined === '' ? s.slice(start, i) : joined + s.slice(start, i);
    if (cjk && CJK_CHAR.test(word)) pushCjk(word, into);
    else pushWord(word, into, first);
    if (possessive) i++; // skip the "s" of "google's"
    joined = '';
    start = -1;
  }
  return into;
}

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Pushes a word, writing a figure with its multiplier as one ("25 million", "25mn": "25m"). */
function pushWord(word: string, into: string[], first: number): void {
  if (!isDigit(word, 0)) {
    const multiplier = into.length > first ? MULTIPLIERS.get(word) : undefined;
    const figure = multiplier === undefined ? '' : into[into.length - 1];
    if (multiplier !== undefined && ALL_DIGITS.test(figure)) into[into.length - 1] = figure + multiplier;
    else into.push(word);
    return;
  }
  const match = word.length > 2 ? FIGURE_WITH_MULTIPLIER.exec(word) : null;
  into.push(match ? match[1] + MULTIPLIERS.get(match[2])! : word);
}
const ALL_DIGITS = /^\d+$/;

/** Pushes a word with Chinese or Japanese in it: each run of those as its pairs of characters, the rest as words. */
function pushCjk(word: string, into: string[]): void {
  let run = '';
  let other = '';
  const flush = () => {
    if (run.length === 1) into.push(run);
    for (let k = 0; k + 1 < run.length; k++) into.push(run.slice(k, k + 2));
    if (other !== '') into.push(other);
    run = other = '';
  };
  for (const char of word) {
    if (CJK_CHAR.test(char)) {
      if (other !== '') flush();
      run += char;
    } else {
      if (run !== '') flush();
      other += char;
    }
  }
  flush();
}

const DIGIT = /\d/;

/** A word's term: its stem; null for a function word or a lone letter. "5g", "x70", "2028" are kept as they are. */
function termOf(word: string): string | null {
  if (STOPWORDS.has(word)) return null;
  if (DIGIT.test(word)) return word;
  return word.length > 1 ? stem(word) : null;
}

/**
 * A deliberately light suffix-stripper: plurals, the commonest verb endings and a final e, so "merges", "merged" and
 * "merging" meet. Anything cleverer needs one language's rules; headlines are short and names carry them.
 */
export function stem(word: string): string {
  const length = word.length;
  if (length <= 3) return word;
  let end = length;
  // -ies → -y; -sses → -ss; -s → (but not after s, u or i: "class", "virus", "analysis")
  if (word.charCodeAt(end - 1) === S) {
    const before = word.charCodeAt(end - 2);
    if (before === E && word.charCodeAt(end - 3) === I && end > 4) return word.slice(0, end - 3) + 'y';
    if (before === S) {
      if (word.charCodeAt(end - 3) === E && word.charCodeAt(end - 4) === S) end -= 2;
    } else if (before !== U && before !== I) end -= 1;
  }
  // -ing, -ed, then a final -e: "designing", "designed", "design"; "merge", "merging", "merged"
  if (end > 5 && word.charCodeAt(end - 1) === G && word.charCodeAt(end - 2) === N && word.charCodeAt(end - 3) === I) end -= 3;
  else if (end > 4 && word.charCodeAt(end - 1) === D && word.charCodeAt(end - 2) === E) end -= 2;
  if (end > 3 && word.charCodeAt(end - 1) === E) end -= 1;
  return end === length ? word : word.slice(0, end);
}
const [D, E, G, I, N, S, U] = [0x64, 0x65, 0x67, 0x69, 0x6e, 0x73, 0x75]; // d e g i n s u

/**
 * Counts, for every term, the texts it occurs in (title and excerpt together, once per text). A story listed under
 * several articles counts each time: folding such repeats by title was tried and did not help (cross-validated).
 */
export function buildTermStats(texts: Iterable<StoryText>): TermStats {
  const termIds = new Map<string, number>();
  const wordIds = new Map<string, number>();
  let counts = new Uint32Array(1 << 16);
  let lastText = new Int32Array(1 << 16); // the last text that counted each term: counts once per text
  const words: string[] = [];
  let documents = 0;
  for (const text of texts) {
    documents++;
    words.length = 0;
    scanWords(text.excerpt, scanWords(text.title, words));
    for (const word of words) {
      let id = wordIds.get(word);
      if (id === undefined) {
        // A new word form: stem it once, here, not for every occurrence.
        const term = termOf(word);
        id = term === null ? -1 : termIds.get(term);
        if (id === undefined) {
          id = termIds.size;
          termIds.set(term!, id);
          if (id === counts.length) [counts, lastText] = [grow(counts), grow(lastText)];
        }
        wordIds.set(word, id);
      }
      if (id >= 0 && lastText[id] !== documents) {
        lastText[id] = documents;
        counts[id]++;
      }
    }
  }
  return weighTerms(documents, termIds, wordIds, counts.slice(0, termIds.size));
}

/** The weights of terms counted over `documents` texts: the one place the IDF rule is written. */
function weighTerms(documents: number, termIds: ReadonlyMap<string, number>, wordIds: ReadonlyMap<string, number>, documentFrequency: Uint32Array): TermStats {
  const weight = new Float64Array(documentFrequency.length);
  for (let id = 0; id < weight.length; id++) weight[id] = Math.log((documents + 1) / documentFrequency[id]) ** 2;
  // With no corpus at all (documents 0) every word weighs 1: plain cosine.
  return { documents, termIds, wordIds, documentFrequency, weight, unseenWeight: (Math.log(documents + 1) || 1) ** 2 };
}

/**
 * Term stats as JSON can keep them (a content pack keeps them from one publication to the next): the terms in id
 * order and the document frequency of each. Terms seen in one text only are left out: an unseen term weighs as if
 * seen once, so they weigh the same without being listed.
 */
export interface TermStatsSnapshot {
  /** The tokeniser the terms were read with ({@link TOKENISER_VERSION}); absent before version 2. */
  tokeniser?: number;
  documents: number;
  terms: string[];
  documentFrequency: number[];
}

/**
 * Which tokeniser a snapshot's terms come from: 2 since figures are read with their multiplier ("25m"), a comma
 * joins digits and Chinese and Japanese are read in pairs of characters. Terms of another version would be weighed
 * wrongly (a kept "million" would never be seen again), so a pack takes its stats afresh when this changes.
 */
export const TOKENISER_VERSION = 2;

/** The part of `stats` that {@link termStatsFromSnapshot} needs to weigh terms again exactly as they weighed here. */
export function snapshotTermStats(stats: TermStats): TermStatsSnapshot {
  const terms: string[] = [];
  const documentFrequency: number[] = [];
  for (const [term, id] of stats.termIds) {
    if (stats.documentFrequency[id] <= 1) continue;
    terms.push(term);
    documentFrequency.push(stats.documentFrequency[id]);
  }
  return { tokeniser: TOKENISER_VERSION, documents: stats.documents, terms, documentFrequency };
}

/**
 * Term stats from a snapshot: the same weights, whatever the corpus is now. Scores computed with stats restored from
 * one snapshot are the same, to the last bit, in every build: ids follow the snapshot's order, and the word-form
 * cache is empty (each word is stemmed as it is read).
 */
export function termStatsFromSnapshot(snapshot: TermStatsSnapshot): TermStats {
  const termIds = new Map<string, number>();
  snapshot.terms.forEach((term, id) => termIds.set(term, id));
  return weighTerms(snapshot.documents, termIds, new Map(), Uint32Array.from(snapshot.documentFrequency));
}

function grow<T extends Uint32Array | Int32Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * The distinct terms with their weights: IDF squared, the squared norm of a binary TF-IDF vector. A term the corpus
 * never saw weighs as if seen once, so an article's own rare words are never free.
 */
function weigh(ids: number[], unseen: readonly string[], stats: TermStats): WeighedTerms {
  ids.sort(ascending);
  let count = 0; // drop repeats, in place
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) ids[count++] = ids[i];
  ids.length = count;
  const weights = new Array<number>(count);
  let total = 0;
  for (let i = 0; i < count; i++) total += weights[i] = stats.weight[ids[i]];
  const unseenTerms = unseen.length === 0 ? unseen : [...new Set(unseen)].sort();
  total += unseenTerms.length * stats.unseenWeight;
  return { ids, weights, unseen: unseenTerms, total };
}
const ascending = (a: number, b: number) => a - b;

/** Reads a story once against the term stats. Prepare each article once and score its related stories against it. */
export function prepareStoryText(story: StoryText, stats: TermStats): PreparedStory {
  const words = scanWords(story.title, []);
  const titleWords = words.length;
  scanWords(story.excerpt, words);
  const ids: number[] = [];
  let known = 0;
  let knownInTitle = 0;
  const unseen: string[] = [];
  let unseenInTitle = 0;
  for (let i = 0; i < words.length; i++) {
    if (i === titleWords) {
      knownInTitle = known;
      unseenInTitle = unseen.length;
    }
    let id = stats.wordIds.get(words[i]);
    if (id === undefined) {
      const term = termOf(words[i]); // a form the corpus never showed; its term may still be known
      if (term === null) continue;
      id = stats.termIds.get(term);
      if (id === undefined) {
        unseen.push(term);
        continue;
      }
    }
    if (id >= 0) {
      ids.push(id);
      known++;
    }
  }
  if (titleWords === words.length) {
    knownInTitle = known;
    unseenInTitle = unseen.length;
  }
  const title = weigh(ids.slice(0, knownInTitle), unseen.slice(0, unseenInTitle), stats);
  const all = weigh(ids, unseen, stats);
  const time = story.publishedDateTime ? Date.parse(story.publishedDateTime) : NaN;
  return { title, all, time };
}

/**
 * Cosine of two IDF-weighted word sets: the shared weight over the geometric mean of the two totals. Unlike Jaccard,
 * a short headline inside a long one still scores well; unlike an overlap coefficient, one shared name in a two-word
 * title does not score 1.
 */
function weightedCosine(a: WeighedTerms, b: WeighedTerms, unseenWeight: number): number {
  if (a.total <= 0 || b.total <= 0) return 0;
  return Math.min(1, sharedWeight(a, b, unseenWeight) / Math.sqrt(a.total * b.total));
}

/**
 * The share of a headline's weight that another story's whole text carries, the smaller of the two ways round: "Google
 * Merges DeepMind and Brain AI Units" against "DeepMind melds with Google's Brain Team…" whose lead says nothing of
 * DeepMind or Brain. The smaller, so that a two-word headline inside a long text does not score 1 on its own.
 */
function titleCoverage(a: PreparedStory, b: PreparedStory, unseenWeight: number): number {
  if (a.title.total <= 0 || b.title.total <= 0) return 0;
  const ab = sharedWeight(a.title, b.all, unseenWeight) / a.title.total;
  const ba = sharedWeight(b.title, a.all, unseenWeight) / b.title.total;
  return Math.min(1, ab, ba);
}

/** The weight of the terms two sets share. A merge of two sorted id lists: no hashing per pair. */
function sharedWeight(a: WeighedTerms, b: WeighedTerms, unseenWeight: number): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length;) {
    if (a.ids[i] < b.ids[j]) i++;
    else if (a.ids[i] > b.ids[j]) j++;
    else {
      shared += a.weights[i];
      i++;
      j++;
    }
  }
  for (let i = 0, j = 0; i < a.unseen.length && j < b.unseen.length;) {
    if (a.unseen[i] < b.unseen[j]) i++;
    else if (a.unseen[i] > b.unseen[j]) j++;
    else {
      shared += unseenWeight;
      i++;
      j++;
    }
  }
  return shared;
}

/** The parts of the score: title similarity, title-plus-excerpt similarity, title coverage, days apart. */
export function closenessFeatures(article: PreparedStory, story: PreparedStory, stats: TermStats): ClosenessFeatures {
  return {
    titleSimilarity: weightedCosine(article.title, story.title, stats.unseenWeight),
    textSimilarity: weightedCosine(article.all, story.all, stats.unseenWeight),
    titleCoverage: titleCoverage(article, story, stats.unseenWeight),
    daysApart: Math.abs(article.time - story.time) / 86_400_000,
  };
}

/** Combines the parts into one score (see storyCloseness). */
export function closenessScore(features: ClosenessFeatures, params: ClosenessParams = DEFAULT_CLOSENESS_PARAMS): number {
  const similarity =
    params.titleWeight * features.titleSimilarity +
    params.coverageWeight * features.titleCoverage +
    (1 - params.titleWeight - params.coverageWeight) * features.textSimilarity;
  // Coverage of one piece of news comes within days; the same words a month later are usually another event.
  const lateDays = features.daysApart - params.sameWeekDays;
  const dateFactor = lateDays > 0 ? 0.5 ** (lateDays / params.halfLifeDays) : 1; // no date (NaN): no penalty
  return similarity * dateFactor;
}

/**
 * How close `story` is to `article`: from 0 (no word in common, or years apart) to 1 (the same words, the same week);
 * higher is closer, and closenessOf draws the line. Pure and deterministic, never NaN. Either side may be a
 * PreparedStory (from prepareStoryText with the same stats), which saves reading it again.
 */
export function storyCloseness(article: StoryText | PreparedStory, story: StoryText | PreparedStory, stats: TermStats): number {
  const a = 'all' in article ? article : prepareStoryText(article, stats);
  const b = 'all' in story ? story : prepareStoryText(story, stats);
  return closenessScore(closenessFeatures(a, b, stats));
}

export type Closeness = 'close' | 'loose';

/** 'close' (the same story) when the score reaches the tuned threshold, else 'loose' (after the divider). */
export function closenessOf(score: number, params: ClosenessParams = DEFAULT_CLOSENESS_PARAMS): Closeness {
  return score >= params.threshold ? 'close' : 'loose';
}
