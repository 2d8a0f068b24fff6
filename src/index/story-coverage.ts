import { normalizeUrl } from '../url/normalize-url';
import type { IndexedArticle, IndexedRelatedStory, IndexedStory } from './indexed-article';

/**
 * The rest of a related story's coverage: the related stories of the bundled articles that list it, without the
 * story itself and without repeats (by address, else by title and provider), close ones first, each list's own
 * order kept. Pure.
 */
export function storyCoverage(story: IndexedStory, listedBy: readonly IndexedArticle[]): IndexedRelatedStory[] {
  const seen = new Set<string>();
  const ownKey = normalizeUrl(story.url);
  if (ownKey) seen.add(ownKey);
  const identity = (item: IndexedRelatedStory) =>
    normalizeUrl(item.url) ?? `${item.title.toLowerCase()}\n${(item.providerDomain ?? item.providerName ?? '').toLowerCase()}`;
  const coverage = listedBy
    .flatMap((article) => article.related)
    .filter((item) => {
      const key = identity(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return [...coverage.filter((item) => item.closeness === 'close'), ...coverage.filter((item) => item.closeness !== 'close')];
}
