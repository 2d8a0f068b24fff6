import type { IndexedArticle } from '../index/indexed-article';
import { buildCompactIndex } from './compact-search-index';
import { SEARCH_SEGMENT_SIZE, type SearchDocument, searchSegmentFileName } from './search-catalog';
import { encodeSearchSegment, encodeTextColumns, type SearchSegmentColumns, splitAddress, type TextColumn } from './search-segment-file';

/** What the search segments read of an article: what is sent to a worker thread. */
export type SearchSource = Pick<
  IndexedArticle,
  'title' | 'excerpt' | 'providerName' | 'providerDomain' | 'topics' | 'webUrl' | 'originalUrl' | 'publishedDateTime' | 'quality' | 'type'
>;

/** The part of `article` the search segments read. */
export function toSearchSource({
  title,
  excerpt,
  providerName,
  providerDomain,
  topics,
  webUrl,
  originalUrl,
  publishedDateTime,
  quality,
  type,
}: IndexedArticle): SearchSource {
  return { title, excerpt, providerName, providerDomain, topics, webUrl, originalUrl, publishedDateTime, quality, type };
}

/** The search segments' files, by name (search-N.bin.gz): each segment built, encoded and gzip'd by `compress`. */
export function searchSegmentFiles<Bytes>(
  articles: readonly (SearchSource | null)[],
  segmentSize: number,
  compress: (data: Uint8Array) => Bytes,
): [string, Bytes][] {
  return buildSearchSegments(articles, segmentSize).map((segment, n) => [searchSegmentFileName(n), compress(encodeSearchSegment(segment))]);
}

/** Builds the search segments for the bundled articles (`articles[id]`, null for an unused id), at build time: `segmentSize` ids each. */
export function buildSearchSegments(articles: readonly (SearchSource | null)[], segmentSize = SEARCH_SEGMENT_SIZE): SearchSegmentColumns[] {
  const segments: SearchSegmentColumns[] = [];
  for (let start = 0; start < articles.length; start += segmentSize) {
    const rows: { id: number; article: SearchSource }[] = [];
    articles.slice(start, start + segmentSize).forEach((article, offset) => article && rows.push({ id: start + offset, article }));
    segments.push(segmentOf(rows));
  }
  return segments;
}

/** What the search index reads of an article: its title, excerpt, provider and topics. */
export function searchDocumentOf(article: SearchSource, id: number): SearchDocument {
  return { id, title: article.title, excerpt: article.excerpt ?? '', provider: providerOf(article) ?? '', topics: article.topics.join(' ') };
}

function providerOf(article: SearchSource): string | undefined {
  return article.providerName ?? article.providerDomain;
}

function segmentOf(rows: readonly { id: number; article: SearchSource }[]): SearchSegmentColumns {
  const documents = rows.map(({ id, article }) => searchDocumentOf(article, id));
  const providers = new Table();
  const types = new Table();
  const topics = new Table();
  const origins = new Table();
  const origin = new Uint32Array(rows.length);
  const texts: Record<TextColumn, string>[] = [];
  const topicIds: number[] = [];
  const topicStart = new Uint32Array(rows.length + 1);
  rows.forEach(({ article }, row) => {
    const [addressOrigin, address] = splitAddress(article.webUrl ?? article.originalUrl ?? '');
    origin[row] = origins.idOf(addressOrigin);
    texts.push({ title: article.title, address, date: article.publishedDateTime ?? '' });
    topicStart[row] = topicIds.length;
    for (const topic of article.topics) topicIds.push(topics.idOf(topic));
  });
  topicStart[rows.length] = topicIds.length;
  const provider = Int32Array.from(rows, ({ article }) => {
    const name = providerOf(article);
    return name ? providers.idOf(name) : -1;
  });
  return {
    index: buildCompactIndex(documents),
    ids: Uint32Array.from(rows, ({ id }) => id),
    ...encodeTextColumns(texts),
    origin,
    origins: origins.values,
    quality: Float64Array.from(rows, ({ article }) => article.quality ?? NaN),
    provider,
    providers: providers.values,
    type: Uint16Array.from(rows, ({ article }) => types.idOf(article.type)),
    types: types.values,
    topicStart,
    topicIds: Uint32Array.from(topicIds),
    topics: topics.values,
  };
}

/** Distinct strings, numbered in the order first seen. */
class Table {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  idOf(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.push(value) - 1;
      this.ids.set(value, id);
    }
    return id;
  }
}
