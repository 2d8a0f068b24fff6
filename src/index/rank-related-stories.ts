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
      (b.publishedDateTime ?? '').localeCompare(a.publishedDateTime ?? '') ||
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
