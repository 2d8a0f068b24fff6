import type { Browser } from '#imports';
import { type BadgeIcon, badgeState, pausedBadge } from '../badge/badge-state';
import type { ContentIndex } from '../index/content-index';
import type { Options } from '../options/options';
import { isPausedUrl, pauseKeyOf } from '../options/paused-sites';
import type { TabAnswer } from './tab-answer-cache';

const iconPaths = (folder: string) => ({ 16: `/${folder}/16.png`, 32: `/${folder}/32.png`, 48: `/${folder}/48.png` });
export const LIT_ICON = iconPaths('icon');
export const GREY_ICON = iconPaths('icon-inactive');
export const RELATED_ICON = iconPaths('icon-related');
export const SITE_ICON = iconPaths('icon-site');
const ICONS: Readonly<Record<BadgeIcon, Record<number, string>>> = { article: LIT_ICON, related: RELATED_ICON, site: SITE_ICON, none: GREY_ICON };

export interface BadgeUpdaterDeps {
  loadIndex: () => Promise<ContentIndex>;
  loadOptions: () => Promise<Options>;
  /** The sites the reader paused Backstory on (optional: none when left out). */
  loadPausedSites?: () => Promise<string[]>;
  action: Pick<typeof Browser.action, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle' | 'setIcon'> &
    Partial<Pick<typeof Browser.action, 'setBadgeTextColor'>>;
  /** Keeps what was found for the tab, for the popup (optional: tests of the badge alone leave it out). */
  rememberTab?: (tabId: number, entry: TabAnswer | null) => Promise<void>;
}

/**
 * Returns `updateTab(tabId, url)`: describes the URL and sets that tab's badge, title and icon (quiet on the sites
 * the reader paused Backstory on). Safe for any
 * URL (chrome://, about:, file:, missing) and for a tab closed meanwhile. When several updates for one tab
 * overlap (fast navigations), only the newest one writes.
 */
export function createBadgeUpdater({ loadIndex, loadOptions, loadPausedSites = async () => [], action, rememberTab }: BadgeUpdaterDeps) {
  const latest = new Map<number, number>();
  let sequence = 0;
  return async function updateTab(tabId: number, url: string | undefined): Promise<void> {
    const mine = ++sequence;
    latest.set(tabId, mine);
    try {
      const index = await loadIndex();
      const [described, options, paused] = await Promise.all([index.describe(url), loadOptions(), loadPausedSites()]);
      if (latest.get(tabId) !== mine) return;
      // On a paused site the badge stays quiet, and nothing is kept for the popup (it looks the page up itself).
      const quiet = isPausedUrl(url, paused);
      const description = quiet ? null : described;
      const state = description ? badgeState(description, options) : pausedBadge(pauseKeyOf(url) ?? '');
      await Promise.all([
        action.setBadgeText({ tabId, text: state.text }),
        action.setBadgeBackgroundColor({ tabId, color: state.color }),
        action.setBadgeTextColor?.({ tabId, color: '#ffffff' }),
        action.setTitle({ tabId, title: state.title }),
        action.setIcon({ tabId, path: ICONS[state.icon] }),
        rememberTab?.(tabId, url && description ? { url, description, meta: index.meta } : null),
      ]);
    } catch (error) {
      // A tab closed while we looked it up: nothing to update. Anything else is worth a line in the console.
      if (!/no tab with id|invalid tab id/i.test(String(error))) console.warn('Backstory: could not update the badge', error);
    } finally {
      if (latest.get(tabId) === mine) latest.delete(tabId);
    }
  };
}
