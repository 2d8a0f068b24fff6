import { storage } from '#imports';
import type { IndexedArticle } from '../index/indexed-article';
import type { UrlMatch } from '../match/match-url';

/**
 * What the background found for a tab, kept in session storage (in memory, gone when the browser closes, kept
 * across service-worker restarts) so that the popup can show it without repeating the lookup. Only a cache:
 * when it is missing or stale (another URL), the popup looks the tab up itself.
 */
export interface TabArticle {
  url: string;
  match: UrlMatch;
  article: IndexedArticle;
}

function tabKey(tabId: number) {
  return `session:tab-article-${tabId}` as const;
}

export async function rememberTabArticle(tabId: number, entry: TabArticle | null): Promise<void> {
  if (entry) await storage.setItem(tabKey(tabId), entry);
  else await storage.removeItem(tabKey(tabId));
}

/** The cached article of a tab, whatever URL it was found for (compare `url` before use), or null. */
export async function recallTabArticle(tabId: number): Promise<TabArticle | null> {
  const entry = await storage.getItem<TabArticle>(tabKey(tabId)).catch(() => null);
  return entry && typeof entry.url === 'string' && entry.article && entry.match ? entry : null;
}
