import type { IndexedRelatedStory } from './indexed-article';

/**
 * Orders related stories for the reader: stories with a link first, then higher quality first (no score
 * counts as 0), then newer first, then by title. Syndicated copies (same title and provider) appear once.
 */
export function rankRelatedStories(stories: readonly IndexedRelatedStory[]): IndexedRelatedStory[] {
  const ranked = [...stories].sort(
    (a, b) =>
      Number(Boolean(b.url)) - Number(Boolean(a.url)) ||
      (b.quality ?? 0) - (a.quality ?? 0) ||
      // ISO 8601 UTC dates: string order is time order.
      ((b.publishedDateTime ?? '') > (a.publishedDateTime ?? '') ? 1 : (b.publishedDateTime ?? '') < (a.publishedDateTime ?? '') ? -1 : 0) ||
      a.title.localeCompare(b.title),
  );
  const seen = new Set<string>();
  return ranked.filter((story) => {
    const identity = `${story.title.toLowerCase()}\n${(story.providerDomain ?? story.providerName ?? '').toLowerCase()}`;
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}
