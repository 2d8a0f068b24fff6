import type { CatalogueRef, ContentIndex, IndexMeta, PageDescription } from '../index/content-index';
import type { IndexedArticle, IndexedRelatedStory, IndexedStory } from '../index/indexed-article';
import type { SiteProfile } from '../index/site-profile';
import type { NoAnswerReason } from '../match/describe-page';
import type { PageLinks } from '../match/match-page-links';
import type { MatchVia } from '../match/match-url';

/** What the popup (and the side panel) show; `kind` is the root element's `data-state`. */
export type PopupState =
  | ({ kind: 'match'; article: IndexedArticle; via: MatchVia } & AnswerSource)
  | ({ kind: 'related'; story: IndexedStory; coverage: IndexedRelatedStory[]; via: MatchVia } & AnswerSource)
  | ({ kind: 'site'; site: SiteProfile } & AnswerSource)
  | { kind: 'no-match'; meta: IndexMeta; reason: NoAnswerReason };

/** The catalogue an answer comes from, and the others that have it, when several catalogues answer (issue 22). */
interface AnswerSource {
  catalogue?: CatalogueRef;
  alsoIn?: CatalogueRef[];
}

export interface PopupDeps {
  /** The index, loaded only when needed (the background's cached answer often makes it unnecessary). */
  index: ContentIndex | (() => Promise<ContentIndex>);
  /** What the background already found for this tab's URL, and the meta of the index it found it in, if anything. */
  cached?: { description: PageDescription; meta: IndexMeta } | null;
  /** The URL of the tab the popup describes, or null/undefined when it has none. */
  tabUrl: string | null | undefined;
  /** Reads the page's canonical and og:url (through activeTab); null when it cannot. Called only without an article or story. */
  readPageLinks: () => Promise<PageLinks | null>;
}

/** What the popup shows, and the meta of the index the answer came from (the footer shows its data date). */
export interface LoadedPopupState {
  state: PopupState;
  meta: IndexMeta;
}

/**
 * Works out what the popup shows for the tab: its article, the related story it is, its site's profile, or why
 * there is nothing. When the address alone finds no article or story, the page's own canonical link and og:url
 * are tried, and the site profile is the answer only when they find nothing either. The index is opened only when
 * the background's answer is missing or the page's links name another address than the tab's.
 */
export async function loadPopupState({ index: indexOrLoader, cached, tabUrl, readPageLinks }: PopupDeps): Promise<LoadedPopupState> {
  if (typeof tabUrl === 'string' && cached && (cached.description.kind === 'article' || cached.description.kind === 'related')) {
    return { state: popupStateOf(cached.description, cached.meta), meta: cached.meta };
  }
  let index: ContentIndex | null = null;
  const openIndex = async () => (index ??= typeof indexOrLoader === 'function' ? await indexOrLoader() : indexOrLoader);
  let answer = cached ?? null;
  if (!answer) {
    const opened = await openIndex();
    answer = { description: await opened.describe(tabUrl), meta: opened.meta };
  }
  const { description } = answer;
  if (description.kind === 'site' || (description.kind === 'none' && description.reason !== 'not-web')) {
    const links = await readPageLinks().catch(() => null);
    if (links && typeof links === 'object' && namesAnotherAddress(links, tabUrl)) {
      const opened = await openIndex();
      const throughLinks = await opened.describe(tabUrl, links);
      if (throughLinks.kind === 'article' || throughLinks.kind === 'related') answer = { description: throughLinks, meta: opened.meta };
    }
  }
  return { state: popupStateOf(answer.description, answer.meta), meta: answer.meta };
}

/** Whether the page's canonical link or og:url is an address other than the tab's own (else they can find nothing new). */
function namesAnotherAddress(links: PageLinks, tabUrl: string | null | undefined): boolean {
  return [links.canonical, links.ogUrl].some((link) => typeof link === 'string' && link !== '' && link !== tabUrl);
}

function popupStateOf(description: PageDescription, meta: IndexMeta): PopupState {
  const source: AnswerSource = description.kind !== 'none' && description.catalogue ? { catalogue: description.catalogue, alsoIn: description.alsoIn ?? [] } : {};
  switch (description.kind) {
    case 'article':
      return { kind: 'match', article: description.article, via: description.via, ...source };
    case 'related':
      return { kind: 'related', story: description.story, coverage: description.coverage, via: description.via, ...source };
    case 'site':
      return { kind: 'site', site: description.site, ...source };
    case 'none':
      return { kind: 'no-match', meta, reason: description.reason };
  }
}
