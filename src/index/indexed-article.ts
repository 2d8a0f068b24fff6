import type { Article, RelatedStory } from '../content/article-schema';
import type { Closeness } from './story-closeness';

/** A story as a related entry gives it. `url` is http(s) or absent (then it is shown as text, not a link). */
export interface StoryFields {
  title: string;
  url?: string;
  providerName?: string;
  providerDomain?: string;
  publishedDateTime?: string;
  /** The story's quality; for a bundled story, the bundled article's own score. */
  quality?: number;
  type?: string;
}

/** A related story as the popup shows it in an article's list. */
export interface IndexedRelatedStory extends StoryFields {
  /** How close the story is to the article that lists it: `loose` ones come after a "Loosely related" divider. */
  closeness: Closeness;
  /** Set when the story is itself a bundled article: its article id. */
  articleId?: number;
}

/** A bundled article as other views link to it: story links, site profiles, related-coverage pages. */
export interface ArticleLink {
  articleId: number;
  title: string;
  url?: string;
  providerName?: string;
  publishedDateTime?: string;
  quality?: number;
  /** For story links: how close the linked article is to the one it is shown under. */
  closeness?: Closeness;
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
  /** The article's related stories, closest first (see rank-related-stories.ts). */
  related: IndexedRelatedStory[];
  /** Bundled articles that list this one among their related stories ("also covered by"), closest first. */
  alsoCoveredBy: ArticleLink[];
}

/**
 * Reduces a validated article to what the extension ships. Its related stories and story links are worked out
 * over the whole corpus afterwards (build-related-coverage.ts) and set then.
 */
export function toIndexedArticle(article: Article, file: string): IndexedArticle {
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
    related: [],
    alsoCoveredBy: [],
  });
}

/** A related story as shipped, before it is ranked and compared with the bundled articles. */
export function toIndexedRelatedStory(story: RelatedStory): Omit<IndexedRelatedStory, 'closeness'> {
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

/** How other views link to a bundled article. */
export function toArticleLink(article: IndexedArticle, articleId: number): ArticleLink {
  return dropUndefined({
    articleId,
    title: article.title,
    url: article.webUrl ?? article.originalUrl,
    providerName: article.providerName ?? article.providerDomain,
    publishedDateTime: article.publishedDateTime,
    quality: article.quality,
  });
}

/** Keeps the shipped JSON small: absent fields are left out rather than written as null. */
export function dropUndefined<T extends object>(value: T): T {
  const kept: Record<string, unknown> = {};
  // Own keys in the same order as Object.entries gives them (the shards' JSON is byte for byte the same).
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) kept[key] = item;
  }
  return kept as T;
}

/**
 * A related story that bundled articles list (and that is not itself bundled), as its own page's popup shows
 * it: the story as the related entry gives it, and the bundled articles that list it.
 */
export interface IndexedStory extends StoryFields {
  /** The bundled articles whose related lists hold this story, closest first; `closeness` is the story's to each. */
  listedBy: ArticleLink[];
}
