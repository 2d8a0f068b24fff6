import { browser } from '#imports';
import { recallTabAnswer } from '../background/tab-answer-cache';
import { type IndexMeta, loadContentIndex } from '../index/content-index';
import type { PageLinks } from '../match/match-page-links';
import type { Options } from '../options/options';
import { loadOptions } from '../options/options-storage';
import { extensionIndexFilesInUse } from '../update/open-extension-index';
import { loadPopupState, type PopupState } from './load-popup-state';

export interface PopupData {
  state: PopupState;
  options: Options;
  /** The index in use (bundled or a content pack): the footer shows its date. Null when it cannot be read. */
  meta: IndexMeta | null;
}

/**
 * Runs inside the page (injected through activeTab when the popup opens, never as a standing content script):
 * the page's own idea of its address. Self-contained, because it is serialised into the page.
 */
export function readLinksInPage(): PageLinks {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel~="canonical" i]')?.href ?? null;
  const ogUrl = document.querySelector<HTMLMetaElement>('meta[property="og:url" i]')?.content ?? null;
  return { canonical, ogUrl };
}

/** The tab the popup describes: `?tabId=N` when given (detached views, tests), else the active tab of this window. */
async function describedTab(tabId: number | null) {
  if (tabId !== null) return browser.tabs.get(tabId).catch(() => null);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active ?? null;
}

/**
 * Everything the popup needs, read from the browser in one parallel round: the tab, what the background already
 * found for it, the options. The index is opened only when the background had no answer for this URL.
 */
export async function loadPopupData(search = location.search): Promise<PopupData> {
  const requested = Number(new URLSearchParams(search).get('tabId'));
  const tabId = Number.isInteger(requested) && requested > 0 ? requested : null;
  const tabPromise = describedTab(tabId);
  const entryPromise = tabId !== null ? recallTabAnswer(tabId) : tabPromise.then((tab) => (tab?.id !== undefined ? recallTabAnswer(tab.id) : null));
  // Opened at once, in parallel: it reads only meta.json until a lookup needs more, and the footer shows its date.
  const indexPromise = extensionIndexFilesInUse().then(loadContentIndex);
  indexPromise.catch(() => {});
  const [tab, options, entry, meta] = await Promise.all([tabPromise, loadOptions(), entryPromise, indexPromise.then((index) => index.meta, () => null)]);
  // The cache is used only for the very URL it was found for: the tab may have moved on since.
  const cached = entry && tab && entry.url === tab.url ? entry.description : null;
  const index = () => indexPromise;
  const readPageLinks = async () => {
    if (tab?.id === undefined) return null;
    const [injection] = await browser.scripting.executeScript({ target: { tabId: tab.id }, func: readLinksInPage });
    return (injection?.result as PageLinks | undefined) ?? null;
  };
  const state = await loadPopupState({ index, cached, tabUrl: tab?.url, readPageLinks });
  return { state, options, meta };
}
