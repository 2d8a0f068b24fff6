import type { Browser } from '#imports';
import { t } from '../i18n/translate';

/** The menu items Backstory adds: one on the toolbar button's own menu, one on links in pages. */
const MENU_SEARCH = 'backstory-search';
const MENU_LOOK_UP_LINK = 'backstory-look-up-link';

type Menus = Pick<typeof Browser.contextMenus, 'create' | 'removeAll'>;

/** (Re)creates the menu items: at install and at browser start, so that an update never leaves a stale one. */
export async function createMenus(menus: Menus): Promise<void> {
  await menus.removeAll();
  menus.create({ id: MENU_SEARCH, title: t('menu.search'), contexts: ['action'] });
  menus.create({ id: MENU_LOOK_UP_LINK, title: t('menu.lookUp'), contexts: ['link'] });
}

/**
 * The search page address for a menu click: the search page itself, or its address box filled with the link
 * (only http(s) links: the page says what it knows about anything else too, but a menu never passes it one).
 */
export function searchPageForMenuClick(menuItemId: string | number, linkUrl: string | undefined): string | null {
  if (menuItemId === MENU_SEARCH) return '/search.html';
  if (menuItemId === MENU_LOOK_UP_LINK && linkUrl) return `/search.html?url=${encodeURIComponent(linkUrl)}`;
  return null;
}
