import type { Browser } from '#imports';
import { badgeState, NO_BADGE } from '../badge/badge-state';
import type { ContentIndex } from '../index/content-index';
import type { TabArticle } from './tab-article-cache';
import type { Options } from '../options/options';

export const LIT_ICON = { 16: '/icon/16.png', 32: '/icon/32.png', 48: '/icon/48.png' };
export const GREY_ICON = { 16: '/icon-inactive/16.png', 32: '/icon-inactive/32.png', 48: '/icon-inactive/48.png' };

export interface BadgeUpdaterDeps {
  loadIndex: () => Promise<ContentIndex>;
  loadOptions: () => Promise<Options>;
  action: Pick<typeof Browser.action, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle' | 'setIcon'> &
    Partial<Pick<typeof Browser.action, 'setBadgeTextColor'>>;
  /** Keeps what was found for the tab, for the popup (optional: tests of the badge alone leave it out). */
  rememberTab?: (tabId: number, entry: TabArticle | null) => Promise<void>;
}

/**
 * Returns `updateTab(tabId, url)`: looks the URL up and sets that tab's badge, title and icon. Safe for any
 * URL (chrome://, about:, file:, missing) and for a tab closed meanwhile. When several updates for one tab
 * overlap (fast navigations), only the newest one writes.
 */
export function createBadgeUpdater({ loadIndex, loadOptions, action, rememberTab }: BadgeUpdaterDeps) {
  const latest = new Map<number, number>();
  let sequence = 0;
  return async function updateTab(tabId: number, url: string | undefined): Promise<void> {
    const mine = ++sequence;
    latest.set(tabId, mine);
    try {
      const index = await loadIndex();
      const match = await index.match(url);
      const [article, options] = await Promise.all([match ? index.getArticle(match.articleId) : null, loadOptions()]);
      if (latest.get(tabId) !== mine) return;
      const state = article ? badgeState(article, options) : NO_BADGE;
      await Promise.all([
        action.setBadgeText({ tabId, text: state.text }),
        action.setBadgeBackgroundColor({ tabId, color: state.color }),
        action.setBadgeTextColor?.({ tabId, color: '#ffffff' }),
        action.setTitle({ tabId, title: state.title }),
        action.setIcon({ tabId, path: state.lit ? LIT_ICON : GREY_ICON }),
        rememberTab?.(tabId, match && article && url ? { url, match, article } : null),
      ]);
    } catch (error) {
      // A tab closed while we looked it up: nothing to update. Anything else is worth a line in the console.
      if (!/no tab with id|invalid tab id/i.test(String(error))) console.warn('Backstory: could not update the badge', error);
    } finally {
      if (latest.get(tabId) === mine) latest.delete(tabId);
    }
  };
}
