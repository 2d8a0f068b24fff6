import type { IndexedRelatedStory } from './indexed-article';

/** A related story with its closeness score to the article that lists it (see story-closeness.ts). */
export interface ScoredRelatedStory {
  story: IndexedRelatedStory;
  score: number;
}

/**
 * Orders related stories for the reader: closest to the article first (so every `close` story comes before
 * every `loose` one), then higher quality (no score counts as 0), then newer, then by title.
 */
export function rankRelatedStories<T extends ScoredRelatedStory>(stories: readonly T[]): T[] {
  return [...stories].sort(
    (a, b) =>
      Number(b.story.closeness === 'close') - Number(a.story.closeness === 'close') ||
      b.score - a.score ||
      (b.story.quality ?? 0) - (a.story.quality ?? 0) ||
      // ISO 8601 UTC dates: string order is time order.
      compareText(b.story.publishedDateTime ?? '', a.story.publishedDateTime ?? '') ||
      a.story.title.localeCompare(b.story.title),
  );
}

/** Syndicated copies (same title and provider) are shown once: the first, i.e. the closest, is kept. */
export function withoutSyndicatedCopies(stories: readonly IndexedRelatedStory[]): IndexedRelatedStory[] {
  const seen = new Set<string>();
  return stories.filter((story) => {
    const identity = `${story.title.toLowerCase()}\n${(story.providerDomain ?? story.providerName ?? '').toLowerCase()}`;
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
