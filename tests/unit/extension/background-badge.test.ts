import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBadgeUpdater, GREY_ICON, LIT_ICON, RELATED_ICON, SITE_ICON } from '../../../src/background/update-tab-badge';
import { loadContentIndex } from '../../../src/index/content-index';
import { DEFAULT_OPTIONS, type Options } from '../../../src/options/options';
import { buildIndexOf, memoryIndexFiles } from '../helpers/content-files';

const built = buildIndexOf({
  'scmp.md': {
    title: 'SenseTime files for IPO',
    webUrl: 'https://www.scmp.com/business/article/3146708/sensetime-ipo',
    quality: 77,
    provider: { name: 'South China Morning Post', domain: 'scmp.com' },
  },
  'unscored.md': { title: 'No score', webUrl: 'https://news.example.com/no-score', provider: { name: 'Example' } },
  'exceptional.md': {
    title: 'Big story',
    webUrl: 'https://news.example.com/big',
    quality: 188,
    provider: { name: 'Example' },
    related: [
      { title: 'Another outlet on the big story', webUrl: 'https://other.example.org/big-story', quality: 39 },
      { title: 'An unscored outlet on it', webUrl: 'https://third.example.net/big' },
    ],
  },
});

let options: Options;
const icons = new Map<number, unknown>();
function updater() {
  const action = {
    ...fakeBrowser.action,
    setIcon: async ({ tabId, path }: { tabId?: number; path?: unknown }) => void icons.set(tabId!, path),
  };
  return createBadgeUpdater({ loadIndex: () => loadContentIndex(memoryIndexFiles(built)), loadOptions: async () => options, action: action as never });
}

describe('the toolbar badge', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    icons.clear();
    options = { ...DEFAULT_OPTIONS };
  });

  it('shows the quality, a band colour, a readable title and the lit icon on a bundled article', async () => {
    await updater()(1, 'https://scmp.com/business/article/3146708/sensetime-ipo?utm_source=x');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 1 })).toBe('77');
    expect(await fakeBrowser.action.getTitle({ tabId: 1 })).toBe('Backstory: South China Morning Post · quality 77');
    expect(icons.get(1)).toEqual(LIT_ICON);
  });

  it("shows a related story's own quality on the teal icon, with a title that says what it is", async () => {
    await updater()(11, 'https://other.example.org/big-story?utm_medium=social');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 11 })).toBe('39');
    expect(await fakeBrowser.action.getTitle({ tabId: 11 })).toBe('Backstory: related coverage of ‘Big story’ · quality 39');
    expect(icons.get(11)).toEqual(RELATED_ICON);
    await updater()(12, 'https://third.example.net/big');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 12 })).toBe('•');
    expect(await fakeBrowser.action.getTitle({ tabId: 12 })).toBe('Backstory: related coverage of ‘Big story’ · no quality score');
  });

  it("shows a bundled site's other pages with the slate icon and no number", async () => {
    for (const url of ['https://news.example.com/', 'https://news.example.com/section/world', 'https://www.news.example.com/other-story']) {
      await updater()(13, url);
      expect(await fakeBrowser.action.getBadgeText({ tabId: 13 }), url).toBe('');
      expect(await fakeBrowser.action.getTitle({ tabId: 13 }), url).toBe('Backstory: Example has 2 articles in Backstory; this page is not one');
      expect(icons.get(13), url).toEqual(SITE_ICON);
    }
  });

  it('stays quiet on a site the reader paused, and says so in the tooltip', async () => {
    const updateTab = createBadgeUpdater({
      loadIndex: () => loadContentIndex(memoryIndexFiles(built)),
      loadOptions: async () => options,
      loadPausedSites: async () => ['scmp.com'],
      action: { ...fakeBrowser.action, setIcon: async ({ tabId, path }: { tabId?: number; path?: unknown }) => void icons.set(tabId!, path) } as never,
    });
    await updateTab(14, 'https://www.scmp.com/business/article/3146708/sensetime-ipo');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 14 })).toBe('');
    expect(await fakeBrowser.action.getTitle({ tabId: 14 })).toBe('Backstory is paused on scmp.com.');
    expect(icons.get(14)).toEqual(GREY_ICON);
    await updateTab(15, 'https://news.example.com/big');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 15 })).toBe('188');
  });

  it('shows scores above 100 as they are', async () => {
    await updater()(2, 'https://news.example.com/big');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 2 })).toBe('188');
  });

  it.each(['chrome://newtab/', 'about:blank', 'file:///tmp/a.html', 'data:text/html,x', 'view-source:https://news.example.com/big', '', undefined])(
    'shows no badge, and does not throw, on %j',
    async (url) => {
      await updater()(3, url);
      expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('');
      expect(icons.get(3)).toEqual(GREY_ICON);
    },
  );

  it('clears the badge when the tab navigates away', async () => {
    const updateTab = updater();
    await updateTab(4, 'https://news.example.com/big');
    await updateTab(4, 'https://elsewhere.example/');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('');
    expect(icons.get(4)).toEqual(GREY_ICON);
  });

  it('lets the newest of overlapping updates win', async () => {
    const updateTab = updater();
    await Promise.all([updateTab(5, 'https://news.example.com/big'), updateTab(5, 'https://elsewhere.example/')]);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('');
  });

  it('keeps what it found for each tab, with the data it came from, for the popup', async () => {
    const remembered = new Map<number, unknown>();
    const updateTab = createBadgeUpdater({
      loadIndex: () => loadContentIndex(memoryIndexFiles(built)),
      loadOptions: async () => options,
      action: { ...fakeBrowser.action, setIcon: async () => {} } as never,
      rememberTab: async (tabId, entry) => void remembered.set(tabId, entry),
    });
    const url = 'https://www.scmp.com/business/article/3146708/sensetime-ipo?utm_source=x';
    await updateTab(9, url);
    expect(remembered.get(9)).toEqual({
      url,
      description: { kind: 'article', articleId: expect.any(Number), via: 'normalised', article: expect.objectContaining({ file: 'scmp.md', quality: 77 }) },
      meta: built.meta,
    });
    await updateTab(9, 'https://elsewhere.example/');
    expect(remembered.get(9)).toEqual({ url: 'https://elsewhere.example/', description: { kind: 'none', reason: 'home-page' }, meta: built.meta });
  });

  it('follows the options: badge off, minimum quality, unscored articles', async () => {
    const updateTab = updater();
    options = { ...DEFAULT_OPTIONS, minQuality: 80 };
    await updateTab(6, 'https://www.scmp.com/business/article/3146708/sensetime-ipo');
    await updateTab(7, 'https://news.example.com/big');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 6 })).toBe('');
    expect(icons.get(6)).toEqual(LIT_ICON); // still lit: the popup has a backstory to show
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('188');
    await updateTab(8, 'https://news.example.com/no-score');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 8 })).toBe('');
    options = { ...DEFAULT_OPTIONS };
    await updateTab(8, 'https://news.example.com/no-score');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 8 })).toBe('•');
    options = { ...DEFAULT_OPTIONS, showBadge: false };
    await updateTab(7, 'https://news.example.com/big');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('');
  });
});
