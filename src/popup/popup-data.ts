import { browser } from '#imports';
import { extensionIndexFiles, loadContentIndex } from '../index/content-index';
import type { PageLinks } from '../match/match-page-links';
import type { Options } from '../options/options';
import { loadOptions } from '../options/options-storage';
import { loadPopupState, type PopupState } from './load-popup-state';

export interface PopupData {
  state: PopupState;
  options: Options;
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
async function describedTab(search: string) {
  const tabId = Number(new URLSearchParams(search).get('tabId'));
  if (Number.isInteger(tabId) && tabId > 0) return browser.tabs.get(tabId).catch(() => null);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active ?? null;
}

/** Everything the popup needs, read from the browser: the index, the tab, the options. */
export async function loadPopupData(search = location.search): Promise<PopupData> {
  const [index, tab, options] = await Promise.all([
    loadContentIndex(extensionIndexFiles((path) => browser.runtime.getURL(path as '/'))),
    describedTab(search),
    loadOptions(),
  ]);
  const readPageLinks = async () => {
    if (tab?.id === undefined) return null;
    const [injection] = await browser.scripting.executeScript({ target: { tabId: tab.id }, func: readLinksInPage });
    return (injection?.result as PageLinks | undefined) ?? null;
  };
  const state = await loadPopupState({ index, tabUrl: tab?.url, readPageLinks });
  return { state, options };
}
