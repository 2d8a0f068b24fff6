import type { ContentIndex, IndexMeta } from '../index/content-index';
import type { IndexedArticle } from '../index/indexed-article';
import type { PageLinks } from '../match/match-page-links';
import { type MatchVia, refineMatch, type UrlMatch } from '../match/match-url';
import { parseWebUrl } from '../url/parse-web-url';

export type PopupState =
  | { kind: 'match'; article: IndexedArticle; via: MatchVia }
  | { kind: 'no-match'; meta: IndexMeta; webPage: boolean };

export interface PopupDeps {
  /** The index, loaded only when needed (the background's cached answer often makes it unnecessary). */
  index: ContentIndex | (() => Promise<ContentIndex>);
  /** What the background already found for this tab and URL, if anything. */
  cached?: { match: UrlMatch; article: IndexedArticle } | null;
  /** The URL of the tab the popup describes, or null/undefined when it has none. */
  tabUrl: string | null | undefined;
  /** Reads the page's canonical and og:url (through activeTab); null when it cannot. Only called on no match. */
  readPageLinks: () => Promise<PageLinks | null>;
}

/** Works out what the popup shows: the tab's article and how it was found, or why there is none. */
export async function loadPopupState({ index: indexOrLoader, cached, tabUrl, readPageLinks }: PopupDeps): Promise<PopupState> {
  const webPage = typeof tabUrl === 'string' && parseWebUrl(tabUrl) !== null;
  if (webPage && cached) return { kind: 'match', article: cached.article, via: refineMatch(cached.match, cached.article, tabUrl).via };
  const index = typeof indexOrLoader === 'function' ? await indexOrLoader() : indexOrLoader;
  if (!webPage) return { kind: 'no-match', meta: index.meta, webPage };
  let match = await index.match(tabUrl);
  if (!match) {
    const links = await readPageLinks().catch(() => null);
    match = links && typeof links === 'object' ? await index.matchPageLinks(tabUrl, links) : null;
  }
  const article = match ? await index.getArticle(match.articleId) : null;
  if (!match || !article) return { kind: 'no-match', meta: index.meta, webPage };
  return { kind: 'match', article, via: refineMatch(match, article, tabUrl).via };
}
