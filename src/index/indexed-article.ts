import type { Article, RelatedStory } from '../content/article-schema';
import { isRenderingHostLabel } from '../url/amp-url';
import { urlKeys } from '../url/normalize-url';
import { rankRelatedStories } from './rank-related-stories';

/** A related story as the popup shows it. `url` is http(s) or absent (then it is shown as text, not a link). */
export interface IndexedRelatedStory {
  title: string;
  url?: string;
  providerName?: string;
  providerDomain?: string;
  publishedDateTime?: string;
  quality?: number;
  type?: string;
}

/**
 * An article as the extension ships it: only what the popup and badge show. `secured`, image sizes and the
 * AMP addresses (those live in the key table) are dropped at build time.
 */
export interface IndexedArticle {
  /** Content file, relative to the content folder: lets an editor find the source of what a reader sees. */
  file: string;
  title: string;
  excerpt?: string;
  publishedDateTime?: string;
  webUrl?: string;
  originalUrl?: string;
  category?: string;
  type: string;
  quality?: number;
  heat?: number;
  /** false for drafts/unpublished items (`published: false`, usually with `heat: -1`); they are kept and marked. */
  published?: boolean;
  featured?: boolean;
  providerName?: string;
  providerDomain?: string;
  /** Remote logo; shown only when the reader turns remote images on. */
  providerLogoUrl?: string;
  /** Remote lead image; shown only when the reader turns remote images on. */
  imageUrl?: string;
  topics: string[];
  related: IndexedRelatedStory[];
}

/** Reduces a validated article to what the extension ships. `keysOf` may be a cached urlKeys. */
export function toIndexedArticle(article: Article, file: string, keysOf = urlKeys): IndexedArticle {
  const ownUrls = [article.webUrl, article.originalUrl, article.ampWebUrl];
  const ownKeys = new Set(ownUrls.flatMap((url) => {
    const keys = keysOf(url);
    return keys ? [keys.key, ...keys.ampFreeKeys] : [];
  }));
  // Cheap pre-check: only a story on one of the article's own hosts can be the article itself.
  const ownHosts = new Set(ownUrls.map(hostOf).filter(Boolean));
  const isItself = (url: string) => ownHosts.has(hostOf(url)) && ownKeys.has(keysOf(url)?.key ?? '');
  const related = (article.related ?? [])
    .map(toIndexedRelatedStory)
    // A related list sometimes contains the article itself (under a tracking parameter): leave it out.
    .filter((story) => !story.url || !isItself(story.url));
  return dropUndefined({
    file,
    title: article.title,
    excerpt: article.excerpt,
    publishedDateTime: article.publishedDateTime,
    webUrl: article.webUrl,
    originalUrl: article.originalUrl,
    category: article.category,
    type: article.type ?? 'article',
    quality: article.quality,
    heat: article.heat,
    published: article.published,
    featured: article.featuredContent ? true : undefined,
    providerName: article.provider?.name,
    providerDomain: article.provider?.domain,
    providerLogoUrl: article.provider?.images?.[0]?.url,
    imageUrl: article.images?.[0]?.url,
    topics: [...new Set(article.topics ?? [])],
    related: rankRelatedStories(related),
  });
}

/** The host of an http(s) URL written by the schema (`https://host/...`), without a rendering prefix (`www.`, `m.`, `amp.`); '' otherwise. */
function hostOf(url: string | undefined): string {
  const host = url ? /^https?:\/\/([^/?#:]+)/.exec(url)?.[1] : undefined;
  if (!host) return '';
  const dot = host.indexOf('.');
  return dot > 0 && isRenderingHostLabel(host.slice(0, dot)) ? host.slice(dot + 1) : host;
}

function toIndexedRelatedStory(story: RelatedStory): IndexedRelatedStory {
  return dropUndefined({
    title: story.title,
    url: story.webUrl ?? story.ampWebUrl ?? story.cdnAmpWebUrl,
    providerName: story.provider?.name,
    providerDomain: story.provider?.domain,
    publishedDateTime: story.publishedDateTime,
    quality: story.quality,
    type: story.type,
  });
}

/** Keeps the shipped JSON small: absent fields are left out rather than written as null. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
