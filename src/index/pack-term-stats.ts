import {
  buildTermStats,
  snapshotTermStats,
  type StoryText,
  TOKENISER_VERSION,
  type TermStats,
  type TermStatsSnapshot,
  termStatsFromSnapshot,
} from './story-closeness';

/**
 * How far a pack's corpus may move from the one its closeness term stats were taken over before they are taken
 * afresh: a tenth of the texts (articles and related stories), or of the articles added or removed since.
 */
const MAX_TERM_STATS_DRIFT = 0.1;

/** The term stats a pack publication scored closeness with, kept for the next one (see {@link packTermStats}). */
export interface KeptTermStats extends TermStatsSnapshot {
  /** Articles in the corpus the stats were taken over. */
  articles: number;
  /** Article files added or removed by the publications since (one removed and one added count two). */
  articlesChanged: number;
}

export interface PackTermStats {
  stats: TermStats;
  /** What the next publication keeps. */
  kept: KeptTermStats;
  /** Why the stats were taken afresh, in words; null when the previous publication's were kept. */
  recomputed: string | null;
}

/**
 * The term stats a content pack scores closeness with (issue 10). Document frequencies over the whole corpus move
 * with every article added, and a score near the 'close' line, or two related stories of nearly the same score,
 * would flip with them: an article nobody touched would change, and with it its shard. So a publication keeps the
 * stats of the one before while the corpus has not drifted far from the one they were taken over (see
 * MAX_TERM_STATS_DRIFT), and an article whose text and related list did not change keeps its labels and its order
 * exactly. A new article's words the kept stats never saw weigh as rare words, which news names usually are; past
 * the drift bound, or when the tokeniser changed (TOKENISER_VERSION), the stats are taken afresh (every article may then
 * change: one full download for readers).
 *
 * `texts`: every text the scorer weighs terms over (closenessTexts); `articleFiles`: the articles' content files;
 * `previous`: the previous publication's kept stats and article files, if any.
 */
export function packTermStats(
  texts: () => Iterable<StoryText>,
  articleFiles: readonly string[],
  previous: { termStats?: KeptTermStats; articles: readonly (string | null)[] } | null,
): PackTermStats {
  let reason = 'no previous publication';
  if (previous && isKeptTermStats(previous.termStats) && previous.termStats.tokeniser !== TOKENISER_VERSION) {
    reason = `the previous publication's were read with tokeniser ${previous.termStats.tokeniser ?? 1}, this build's is ${TOKENISER_VERSION}`;
  } else if (previous && isKeptTermStats(previous.termStats)) {
    const kept = { ...previous.termStats, articlesChanged: previous.termStats.articlesChanged + changedFiles(previous.articles, articleFiles) };
    const drift = driftReason(kept, countTexts(texts()));
    if (drift === null) return { stats: termStatsFromSnapshot(kept), kept, recomputed: null };
    reason = drift;
  } else if (previous) {
    reason = 'the previous publication kept none';
  }
  // Scored with the stats as the next publication will restore them, so that both score alike to the last bit.
  const snapshot = snapshotTermStats(buildTermStats(texts()));
  return { stats: termStatsFromSnapshot(snapshot), kept: { ...snapshot, articles: articleFiles.length, articlesChanged: 0 }, recomputed: reason };
}

/** Why `kept` no longer describes a corpus of `documents` texts, or null. */
function driftReason(kept: KeptTermStats, documents: number): string | null {
  const percent = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)} %`;
  const count = (n: number) => n.toLocaleString('en');
  if (Math.abs(documents - kept.documents) > MAX_TERM_STATS_DRIFT * kept.documents) {
    return `${count(documents)} texts, ${documents > kept.documents ? '+' : ''}${percent(documents - kept.documents, kept.documents)} from the ${count(kept.documents)} they were taken over`;
  }
  if (kept.articlesChanged > MAX_TERM_STATS_DRIFT * kept.articles) {
    return `${count(kept.articlesChanged)} articles added or removed since they were taken over ${count(kept.articles)} (${percent(kept.articlesChanged, kept.articles)})`;
  }
  return null;
}

/** Files in one list and not the other (unused ids, null, are no file). */
function changedFiles(before: readonly (string | null)[], after: readonly string[]): number {
  const old = new Set(before.filter((file) => file !== null));
  const now = new Set(after);
  let changed = 0;
  for (const file of now) if (!old.has(file)) changed++;
  for (const file of old) if (!now.has(file)) changed++;
  return changed;
}

function countTexts(texts: Iterable<StoryText>): number {
  let count = 0;
  for (const text of texts) if (text) count++;
  return count;
}

/** A kept snapshot as JSON gave it back: anything else (an older pack's ids, a damaged file) is taken afresh. */
function isKeptTermStats(value: unknown): value is KeptTermStats {
  const kept = value as KeptTermStats | undefined;
  return (
    typeof kept === 'object' &&
    kept !== null &&
    Number.isInteger(kept.documents) &&
    Number.isInteger(kept.articles) &&
    Number.isInteger(kept.articlesChanged) &&
    Array.isArray(kept.terms) &&
    Array.isArray(kept.documentFrequency) &&
    kept.terms.length === kept.documentFrequency.length &&
    new Set(kept.terms).size === kept.terms.length &&
    kept.documentFrequency.every((frequency) => Number.isInteger(frequency) && frequency > 0)
  );
}
