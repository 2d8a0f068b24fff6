import type { ContentIndex, IndexMeta, PageDescription } from '../index/content-index';
import type { IndexedArticle, IndexedRelatedStory, IndexedStory } from '../index/indexed-article';
import type { SiteProfile } from '../index/site-profile';
import type { NoAnswerReason } from '../match/describe-page';
import type { PageLinks } from '../match/match-page-links';
import type { MatchVia } from '../match/match-url';

/** What the popup (and the side panel) show; `kind` is the root element's `data-state`. */
export type PopupState =
  | { kind: 'match'; article: IndexedArticle; via: MatchVia }
  | { kind: 'related'; story: IndexedStory; coverage: IndexedRelatedStory[]; via: MatchVia }
  | { kind: 'site'; site: SiteProfile }
  | { kind: 'no-match'; meta: IndexMeta; reason: NoAnswerReason };

export interface PopupDeps {
  /** The index, loaded only when needed (the background's cached answer often makes it unnecessary). */
  index: ContentIndex | (() => Promise<ContentIndex>);
  /** What the background already found for this tab's URL, if anything. */
  cached?: PageDescription | null;
  /** The URL of the tab the popup describes, or null/undefined when it has none. */
  tabUrl: string | null | undefined;
  /** Reads the page's canonical and og:url (through activeTab); null when it cannot. Called only without an article or story. */
  readPageLinks: () => Promise<PageLinks | null>;
}

/**
 * Works out what the popup shows for the tab: its article, the related story it is, its site's profile, or why
 * there is nothing. When the address alone finds no article or story, the page's own canonical link and og:url
 * are tried, and the site profile is the answer only when they find nothing either.
 */
export async function loadPopupState({ index: indexOrLoader, cached, tabUrl, readPageLinks }: PopupDeps): Promise<PopupState> {
  if (typeof tabUrl === 'string' && (cached?.kind === 'article' || cached?.kind === 'related')) return popupStateOf(cached, null);
  const index = typeof indexOrLoader === 'function' ? await indexOrLoader() : indexOrLoader;
  let description = cached ?? (await index.describe(tabUrl));
  if (description.kind === 'site' || (description.kind === 'none' && description.reason !== 'not-web')) {
    const links = await readPageLinks().catch(() => null);
    const throughLinks = links && typeof links === 'object' ? await index.describe(tabUrl, links) : null;
    if (throughLinks && (throughLinks.kind === 'article' || throughLinks.kind === 'related')) description = throughLinks;
  }
  return popupStateOf(description, index.meta);
}

function popupStateOf(description: PageDescription, meta: IndexMeta | null): PopupState {
  switch (description.kind) {
    case 'article':
      return { kind: 'match', article: description.article, via: description.via };
    case 'related':
      return { kind: 'related', story: description.story, coverage: description.coverage, via: description.via };
    case 'site':
      return { kind: 'site', site: description.site };
    case 'none':
      return { kind: 'no-match', meta: meta!, reason: description.reason };
  }
}
