import { browser } from '#imports';
import { recallTabAnswer } from '../background/tab-answer-cache';
import type { PageLinks } from '../match/match-page-links';
import type { Options } from '../options/options';
import { loadOptions, loadPausedSites } from '../options/options-storage';
import { isPausedUrl, pauseKeyOf } from '../options/paused-sites';
import { openIndexInUse } from '../catalogues/open-index-in-use';
import { loadPopupState, type PopupState } from './load-popup-state';

export interface PopupData {
  state: PopupState;
  options: Options;
  /** The newest publication date of the articles Backstory answers from (ISO 8601), or null: the footer shows it. */
  newestPublished: string | null;
  /** The tab's site and whether the reader paused Backstory there; null for a tab that is not a web page. */
  pause: { site: string; paused: boolean } | null;
  /** The window of the described tab (for "Keep open in side panel"), or null. */
  windowId: number | null;
  /** The described tab's address (for the "Mark links on <site>" switch). */
  tabUrl?: string;
}

/**
 * Runs inside the page (injected through activeTab when the popup opens, never as a standing content script):
 * the page's own idea of its address. Self-contained, because it is serialised into the page.
 */
function readLinksInPage(): PageLinks {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel~="canonical" i]')?.href ?? null;
  const ogUrl = document.querySelector<HTMLMetaElement>('meta[property="og:url" i]')?.content ?? null;
  return { canonical, ogUrl };
}

/**
 * The tab the popup describes: `?tabId=N` when given (detached views, tests), else the active tab of `?windowId=N`
 * (the side panel opened for another window, tests), else the active tab of this window.
 */
async function describedTab(tabId: number | null, windowId: number | null) {
  if (tabId !== null) return browser.tabs.get(tabId).catch(() => null);
  const [active] = await browser.tabs.query(windowId !== null ? { active: true, windowId } : { active: true, currentWindow: true });
  return active ?? null;
}

/** A positive integer query parameter, or null. */
export function idParam(search: string, name: string): number | null {
  const value = Number(new URLSearchParams(search).get(name));
  return Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * Everything the popup needs, read from the browser in one parallel round: the tab, what the background already
 * found for it (with its index's meta), the options and the paused sites. The index is read only when the background
 * had no answer for this URL, or the page's links name another address.
 */
export async function loadPopupData(search = location.search): Promise<PopupData> {
  const tabId = idParam(search, 'tabId');
  const tabPromise = describedTab(tabId, idParam(search, 'windowId'));
  const entryPromise = tabId !== null ? recallTabAnswer(tabId) : tabPromise.then((tab) => (tab?.id !== undefined ? recallTabAnswer(tab.id) : null));
  const [tab, options, entry, pausedSites] = await Promise.all([tabPromise, loadOptions(), entryPromise, loadPausedSites()]);
  // The cache is used only for the very URL it was found for: the tab may have moved on since.
  const cached = entry && tab && entry.url === tab.url ? entry : null;
  const readPageLinks = async () => {
    if (tab?.id === undefined) return null;
    const [injection] = await browser.scripting.executeScript({ target: { tabId: tab.id }, func: readLinksInPage });
    return injection?.result ?? null;
  };
  // The index in use (the bundled one or an installed content pack, and the reader's catalogues) is opened only when the background's answer
  // is not enough: usually it is, and the popup reads nothing of the index at all.
  const openIndex = openIndexInUse;
  const { state, meta } = await loadPopupState({ index: openIndex, cached, tabUrl: tab?.url, readPageLinks });
  const site = pauseKeyOf(tab?.url);
  const pause = site ? { site, paused: isPausedUrl(tab?.url, pausedSites) } : null;
  return { state, options, newestPublished: meta.newestPublished, pause, windowId: tab?.windowId ?? null, tabUrl: tab?.url };
}
