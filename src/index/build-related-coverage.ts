import { type Article, MAX_RELATED, type RelatedStory } from '../content/article-schema';
import type { UrlKeys } from '../url/normalize-url';
import { isRenderingHostLabel } from '../url/amp-url';
import {
  type ArticleLink,
  dropUndefined,
  type IndexedArticle,
  type IndexedRelatedStory,
  type IndexedStory,
  toArticleLink,
  toIndexedRelatedStory,
} from './indexed-article';
import type { KeyTarget } from './key-table';
import { rankRelatedStories, type ScoredRelatedStory, withoutSyndicatedCopies } from './rank-related-stories';
import { closenessOf, prepareStoryText, type StoryText, storyCloseness, type TermStats } from './story-closeness';

type KeysOf = (url: unknown) => UrlKeys | null;

interface EntryKey {
  key: string;
  isAmp: boolean;
}

/** A related entry on its way into the index: scored, with its URL keys and, when it is bundled, its article id. */
interface ScoredEntry extends ScoredRelatedStory {
  base: Omit<IndexedRelatedStory, 'closeness'>;
  keys: EntryKey[];
  bundledId: number | undefined;
}

/** What {@link relatedFactsOf} reads of an article: its text, its own addresses and its related entries' text and addresses. */
export type CoverageSource = StoryText &
  Pick<Article, 'webUrl' | 'originalUrl' | 'ampWebUrl'> & { related?: (StoryText & Pick<RelatedStory, 'webUrl' | 'ampWebUrl' | 'cdnAmpWebUrl'>)[] };

/** The part of `article` that {@link relatedFactsOf} reads: what is sent to a worker thread. */
export function toCoverageSource(article: Article): CoverageSource {
  return dropUndefined({
    title: article.title,
    excerpt: article.excerpt,
    publishedDateTime: article.publishedDateTime,
    webUrl: article.webUrl,
    originalUrl: article.originalUrl,
    ampWebUrl: article.ampWebUrl,
    related: article.related?.map((entry) =>
      dropUndefined({
        title: entry.title,
        excerpt: entry.excerpt,
        publishedDateTime: entry.publishedDateTime,
        webUrl: entry.webUrl,
        ampWebUrl: entry.ampWebUrl,
        cdnAmpWebUrl: entry.cdnAmpWebUrl,
      }),
    ),
  });
}

/**
 * What each related entry of the articles is, worked out from its article and the term stats alone, so that it can be
 * worked out on worker threads, a part of the articles on each (build-workers.ts): the entry's closeness score
 * to its article and its URL keys. Flat, entry after entry in article order (ids ascending, unused ids skipped), then
 * in list order, so that it crosses threads as a few arrays.
 */
export interface RelatedFacts {
  /** Each entry's closeness score; NaN for a link to the article itself, which is left out. */
  scores: Float64Array;
  /** How many of `keys` are each entry's. */
  keyCounts: Uint8Array;
  /** The entries' URL keys (entryKeys), one after the other. */
  keys: string[];
  /** 1 where the key at the same place in `keys` is an AMP form. */
  keyIsAmp: Uint8Array;
}

/** The {@link RelatedFacts} of `sources` (null: an unused id), scored with `stats`. */
export function relatedFactsOf(sources: readonly (CoverageSource | null)[], stats: TermStats, keysOf: KeysOf): RelatedFacts {
  const scores: number[] = [];
  const keyCounts: number[] = [];
  const keys: string[] = [];
  const keyIsAmp: number[] = [];
  for (const article of sources) {
    if (!article?.related) continue;
    const isItself = selfLinkCheck(article, keysOf);
    const prepared = prepareStoryText(article, stats);
    for (const entry of article.related) {
      const url = entry.webUrl ?? entry.ampWebUrl ?? entry.cdnAmpWebUrl; // the entry's link, as toIndexedRelatedStory takes it
      if (url && isItself(url)) {
        scores.push(NaN);
        keyCounts.push(0);
        continue;
      }
      const entryKeyList = entryKeys(entry, keysOf);
      scores.push(storyCloseness(prepared, entry, stats));
      keyCounts.push(entryKeyList.length);
      for (const { key, isAmp } of entryKeyList) {
        keys.push(key);
        keyIsAmp.push(isAmp ? 1 : 0);
      }
    }
  }
  return { scores: Float64Array.from(scores), keyCounts: Uint8Array.from(keyCounts), keys, keyIsAmp: Uint8Array.from(keyIsAmp) };
}

/**
 * Works out the related coverage of the bundled articles (`sources[id]` as validated, `shipped[id]` as shipped;
 * both null for an unused id), at build time, setting each shipped article's `related` and `alsoCoveredBy`;
 * returns the related stories:
 * - each related story is scored for closeness to its article and the list is ranked;
 * - a related story that is itself bundled (by normalised URL) is marked with its article id and score, and the
 *   article it is listed under is added to its "also covered by" list: one hop only, since the aggregator's
 *   related lists are keyword-level and a closure would merge unrelated stories;
 * - the list is cut to the first MAX_RELATED in that order (with a warning);
 * - every other related story with an http(s) address gets a story id (its position in the list returned), and
 *   its URL keys are added to `keyTargets` as `related` targets (a bundled article's key is never taken over).
 * Each entry's closeness score and URL keys come from `facts`: {@link relatedFactsOf}`(sources)`.
 */
export function buildRelatedCoverage(
  sources: readonly (Article | null)[],
  shipped: readonly (IndexedArticle | null)[],
  keyTargets: Map<string, KeyTarget>,
  facts: RelatedFacts,
  warn: (articleId: number, field: string, message: string) => void,
): IndexedStory[] {
  const coverScores = new Map<ArticleLink, number>();
  const stories: IndexedStory[] = [];
  const storyScores = new Map<ArticleLink, number>();
  const storyIdOfKey = new Map<string, number>();

  let entry = 0; // the place in `facts` of the entry being read
  let key = 0; // and of its first key
  sources.forEach((article, articleId) => {
    if (!article) return;
    const scored: ScoredEntry[] = [];
    for (const related of article.related ?? []) {
      const score = facts.scores[entry];
      const keys: EntryKey[] = [];
      for (const end = key + facts.keyCounts[entry++]; key < end; key++) keys.push({ key: facts.keys[key], isAmp: facts.keyIsAmp[key] === 1 });
      if (Number.isNaN(score)) continue; // a related list sometimes holds the article itself
      const bundledId = keys.map(({ key }) => keyTargets.get(key)).find((target) => target?.kind === 'article')?.id;
      if (bundledId === articleId) continue;
      const base = toIndexedRelatedStory(related);
      scored.push({ story: { ...base, closeness: closenessOf(score) }, score, base, keys, bundledId });
    }
    const ranked = rankRelatedStories(scored);
    if (ranked.length > MAX_RELATED) warn(articleId, 'related', `more than ${MAX_RELATED} stories; the first ${MAX_RELATED} in the popup's order are kept`);
    const kept = ranked.slice(0, MAX_RELATED);
    for (const { story, score, base, keys, bundledId } of kept) {
      const link: ArticleLink = { ...toArticleLink(shipped[articleId]!, articleId), closeness: story.closeness };
      if (bundledId !== undefined) {
        const bundled = shipped[bundledId]!;
        story.articleId = bundledId;
        if (bundled.quality !== undefined) story.quality = bundled.quality;
        bundled.alsoCoveredBy.push(link);
        coverScores.set(link, score);
      } else if (keys.length > 0) {
        const storyId = claimStory(keys, stories, storyIdOfKey, keyTargets, base);
        // Articles are taken in id order, so an article that listed this story already is its last listing (a
        // search of the whole list made a story listed by n articles cost n² at build time).
        if (stories[storyId].listedBy.at(-1)?.articleId !== articleId) {
          stories[storyId].listedBy.push(link);
          storyScores.set(link, score);
        }
      }
    }
    shipped[articleId]!.related = withoutSyndicatedCopies(kept.map(({ story }) => story));
  });
  for (const article of shipped) article?.alsoCoveredBy.sort(byScore(coverScores));
  for (const story of stories) story.listedBy.sort(byScore(storyScores));
  return stories;
}

/** Every text the closeness scorer weighs terms over: the articles and all their related stories. */
export function* closenessTexts(articles: readonly (Article | null)[]): Iterable<StoryText> {
  for (const article of articles) {
    if (!article) continue;
    yield article;
    yield* article.related ?? [];
  }
}

/** The URL keys of a related story's addresses (home pages left out): its own keys, then AMP-free ones. */
function entryKeys(entry: Pick<RelatedStory, 'webUrl' | 'ampWebUrl' | 'cdnAmpWebUrl'>, keysOf: KeysOf): EntryKey[] {
  const keys: EntryKey[] = [];
  for (const [url, ampField] of [
    [entry.webUrl, false],
    [entry.ampWebUrl, true],
    [entry.cdnAmpWebUrl, true],
  ] as const) {
    const urlKeys = keysOf(url);
    if (!urlKeys || urlKeys.isHomePage) continue;
    keys.push({ key: urlKeys.key, isAmp: ampField || urlKeys.isAmp });
    for (const key of urlKeys.ampFreeKeys) keys.push({ key, isAmp: true });
  }
  return keys;
}

/**
 * The story id of a related story, by its first key: a story listed by several articles is one story, whose
 * fields are the first listing's, with any it lacks filled from later ones. Its keys become `related` targets
 * unless an article (or a non-AMP form of a story) holds them already.
 */
function claimStory(
  keys: EntryKey[],
  stories: IndexedStory[],
  storyIdOfKey: Map<string, number>,
  keyTargets: Map<string, KeyTarget>,
  base: Omit<IndexedRelatedStory, 'closeness'>,
): number {
  let storyId = storyIdOfKey.get(keys[0].key);
  if (storyId === undefined) {
    storyId = stories.length;
    stories.push(dropUndefined({ ...base, listedBy: [] }));
    storyIdOfKey.set(keys[0].key, storyId);
  } else {
    stories[storyId] = { ...base, ...stories[storyId] };
  }
  for (const { key, isAmp } of keys) {
    const existing = keyTargets.get(key);
    if (!existing || (existing.kind === 'related' && existing.isAmp && !isAmp)) keyTargets.set(key, { kind: 'related', id: storyId, isAmp });
  }
  return storyId;
}

function byScore(scores: Map<ArticleLink, number>) {
  return (a: ArticleLink, b: ArticleLink) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0) || a.articleId - b.articleId;
}

/** True for a related link that is the article itself (its own URLs, under a tracking parameter or so). */
function selfLinkCheck(article: CoverageSource, keysOf: KeysOf): (url: string) => boolean {
  const ownUrls = [article.webUrl, article.originalUrl, article.ampWebUrl];
  const ownKeys = new Set(
    ownUrls.flatMap((url) => {
      const keys = keysOf(url);
      return keys ? [keys.key, ...keys.ampFreeKeys] : [];
    }),
  );
  // Cheap pre-check: only a story on one of the article's own hosts can be the article itself.
  const ownHosts = new Set(ownUrls.map(hostOf).filter(Boolean));
  return (url) => ownHosts.has(hostOf(url)) && ownKeys.has(keysOf(url)?.key ?? '');
}

/** The host of an http(s) URL written by the schema (`https://host/...`), without a rendering prefix (`www.`, `m.`, `amp.`); '' otherwise. */
function hostOf(url: string | undefined): string {
  const host = url ? /^https?:\/\/([^/?#:]+)/.exec(url)?.[1] : undefined;
  if (!host) return '';
  const dot = host.indexOf('.');
  return dot > 0 && isRenderingHostLabel(host.slice(0, dot)) ? host.slice(dot + 1) : host;
}
