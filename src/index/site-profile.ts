import type { QualityBandId } from '../quality/quality-band';
import type { ArticleLink } from './indexed-article';

/** What Backstory knows about a site it bundles articles from: shown on that site's pages that are not bundled. */
export interface SiteProfile {
  /** The site's registrable domains (`bbc.co.uk`), the one most of its articles are on first. */
  domains: string[];
  /** The provider name most of its articles give. */
  providerName?: string;
  /** How many bundled articles are on the site. */
  articles: number;
  /** The median quality of its scored articles; absent when none is scored. */
  qualityMedian?: number;
  /** How many of its articles fall in each quality band. */
  bands: Record<QualityBandId, number>;
  /** Its most frequent topics, most articles first. */
  topTopics: { topic: string; articles: number }[];
  /** Its newest articles, newest first. */
  newest: ArticleLink[];
}

/** How many topics and newest articles a profile carries. */
export const SITE_TOP_TOPICS = 5;
export const SITE_NEWEST_ARTICLES = 5;
