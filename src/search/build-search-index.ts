import MiniSearch from 'minisearch';
import type { IndexedArticle } from '../index/indexed-article';
import { type CatalogEntry, SEARCH_OPTIONS, SEARCH_SEGMENT_SIZE, type SearchDocument, type SearchSegment } from './search-catalog';

/** Builds the search segments for the bundled articles (`articles[id]`, null for an unused id), at build time: `segmentSize` ids each. */
export function buildSearchSegments(articles: readonly (IndexedArticle | null)[], segmentSize = SEARCH_SEGMENT_SIZE): SearchSegment[] {
  const segments: SearchSegment[] = [];
  for (let start = 0; start < articles.length; start += segmentSize) {
    const search = new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
    const catalog: CatalogEntry[] = [];
    articles.slice(start, start + segmentSize).forEach((article, offset) => {
      if (!article) return;
      const id = start + offset;
      const provider = article.providerName ?? article.providerDomain;
      search.add({ id, title: article.title, excerpt: article.excerpt ?? '', provider: provider ?? '', topics: article.topics.join(' ') });
      const entry: CatalogEntry = { id, title: article.title, type: article.type, topics: article.topics };
      if (article.webUrl ?? article.originalUrl) entry.url = article.webUrl ?? article.originalUrl;
      if (provider) entry.provider = provider;
      if (article.publishedDateTime) entry.publishedDateTime = article.publishedDateTime;
      if (article.quality !== undefined) entry.quality = article.quality;
      catalog.push(entry);
    });
    segments.push({ catalog, index: search.toJSON() });
  }
  return segments;
}
