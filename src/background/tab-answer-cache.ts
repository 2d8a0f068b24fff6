import { storage } from '#imports';
import type { IndexMeta, PageDescription } from '../index/content-index';

/**
 * What the background found for a tab, kept in session storage (in memory, gone when the browser closes, kept
 * across service-worker restarts) so that the popup can show it without repeating the lookup. Only a cache:
 * when it is missing or stale (another URL), the popup looks the tab up itself.
 */
export interface TabAnswer {
  url: string;
  description: PageDescription;
  /** The meta of the index that answered (its size and data date), so that the popup need not open the index. */
  meta: IndexMeta;
}

function tabKey(tabId: number) {
  return `session:tab-answer-${tabId}` as const;
}

export async function rememberTabAnswer(tabId: number, entry: TabAnswer | null): Promise<void> {
  if (entry) await storage.setItem(tabKey(tabId), entry);
  else await storage.removeItem(tabKey(tabId));
}

/** The cached answer of a tab, whatever URL it was found for (compare `url` before use), or null. */
export async function recallTabAnswer(tabId: number): Promise<TabAnswer | null> {
  const entry = await storage.getItem<TabAnswer>(tabKey(tabId)).catch(() => null);
  const valid =
    entry &&
    typeof entry.url === 'string' &&
    entry.description &&
    typeof entry.description.kind === 'string' &&
    entry.meta &&
    typeof entry.meta.articles === 'number';
  return valid ? entry : null;
}
