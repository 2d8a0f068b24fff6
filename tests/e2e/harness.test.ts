/**
 * Smoke test of the end-to-end harness itself (tests/e2e/harness/), with the hand-written
 * fixture extension in tests/e2e/fixtures/harness-extension, in every available browser.
 * Screenshots go to .tmp/screenshots/ (git-ignored).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableBrowsers, launchBrowser, type ExtensionSession, type TestPage } from './harness';

const FIXTURE = fileURLToPath(new URL('./fixtures/harness-extension', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../.tmp/screenshots/', import.meta.url));

const ARTICLE = 'https://news.example.com/2021/article-1';
const ARTICLE_2 = 'https://news.example.com/2021/article-2';
const ARTICLE_3 = 'https://news.example.com/2021/article-3';
const ELSEWHERE = 'https://elsewhere.example.org/opened-by-extension';

interface TabInfo {
  id: number;
  url: string;
  active: boolean;
  status: string;
  title: string;
  badge: string;
}

/** All tabs with their badge text, read through the extension APIs of an extension page. */
function listTabs(page: TestPage): Promise<TabInfo[]> {
  return page.evaluate(async () => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    const tabs = await api.tabs.query({});
    return Promise.all(
      tabs.map(async (t: any) => ({
        id: t.id,
        url: t.url,
        active: t.active,
        status: t.status,
        title: t.title,
        badge: await api.action.getBadgeText({ tabId: t.id }),
      })),
    );
  });
}

async function waitForTab(page: TestPage, match: (t: TabInfo) => boolean): Promise<TabInfo> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const tab = (await listTabs(page)).find(match);
    if (tab) return tab;
    if (Date.now() > deadline) {
      throw new Error(`No matching tab among ${JSON.stringify(await listTabs(page), null, 1)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const browsers = availableBrowsers();

describe.skipIf(browsers.length === 0)('e2e harness', () => {
  for (const name of browsers) {
    describe(name, () => {
      let session: ExtensionSession;
      let extensionPage: TestPage;

      beforeAll(async () => {
        const started = Date.now();
        session = await launchBrowser(name, FIXTURE);
        console.log(`[harness] ${name}: launched with extension in ${Date.now() - started} ms`);
      });

      afterAll(async () => {
        const started = Date.now();
        await session?.close();
        console.log(`[harness] ${name}: closed in ${Date.now() - started} ms`);
      });

      it('knows the extension origin', () => {
        const scheme = name === 'chromium' ? 'chrome-extension' : 'moz-extension';
        expect(session.extensionOrigin).toMatch(new RegExp(`^${scheme}://[0-9a-z-]+$`));
      });

      it('serves an https article from local HTML at its exact URL', async () => {
        const article = await session.openTab(ARTICLE, '<title>A</title><h1>Article</h1>');
        expect(await article.url()).toBe(ARTICLE);
        expect(await article.textContent('h1')).toBe('Article');
        expect(await article.evaluate(() => document.title)).toBe('A');
        expect(await article.textContent('#missing')).toBeNull();
      });

      it('opens an extension page that sees the article tab and its badge', async () => {
        extensionPage = await session.openExtensionPage('/page.html');
        expect(await extensionPage.url()).toBe(`${session.extensionOrigin}/page.html`);
        await extensionPage.waitForSelector('#hello');
        expect(await extensionPage.textContent('#hello')).toBe('hello');
        const tab = await waitForTab(extensionPage, (t) => t.url === ARTICLE && t.badge === 'A');
        expect(tab.status).toBe('complete');
        expect(tab.title).toBe('A');
        // evaluate passes arguments through.
        expect(await extensionPage.evaluate((a: number, b: string) => `${b}${a + 1}`, 41, 'x')).toBe('x42');
      });

      it('renders extension pages light and dark', async () => {
        const viewport = { width: 480, height: 320 };
        const light = await session.openExtensionPage('/page.html?scheme=light', { colorScheme: 'light', viewport });
        const dark = await session.openExtensionPage('/page.html?scheme=dark', { colorScheme: 'dark', viewport });
        const background = () => getComputedStyle(document.body).backgroundColor;
        expect(await light.textContent('#scheme')).toBe('light');
        expect(await dark.textContent('#scheme')).toBe('dark');
        // Per tab: opening the dark page did not turn the light one dark.
        expect(await light.textContent('#scheme')).toBe('light');
        expect(await light.evaluate(background)).toBe('rgb(255, 255, 255)');
        expect(await dark.evaluate(background)).toBe('rgb(17, 17, 17)');
        expect(await dark.evaluate(() => [innerWidth, innerHeight])).toEqual([480, 320]);
        await light.screenshot(`${SCREENSHOTS}harness-${name}-light.png`);
        await dark.screenshot(`${SCREENSHOTS}harness-${name}-dark.png`);
        await light.close();
        await dark.close();
      });

      it('records requests, none outside the article site and the extension', () => {
        const requests = session.requests();
        expect(requests).toContain(ARTICLE);
        const outside = requests.filter((url) => !url.startsWith('https://news.example.com/') && !url.startsWith(`${session.extensionOrigin}/`));
        expect(outside).toEqual([]);
      });

      it('Control-click and middle-click open links in background tabs', async () => {
        const links = `<title>Links</title><a id="a2" href="${ARTICLE_2}">two</a><br><a id="a3" href="${ARTICLE_3}">three</a>`;
        session.serve(ARTICLE_2, '<title>Two</title><h1>Two</h1>');
        const page = await session.openTab('https://news.example.com/links', links);
        await page.click('#a2', { modifiers: ['Control'] });
        await page.click('#a3', { button: 'middle' });
        const two = await waitForTab(extensionPage, (t) => t.url === ARTICLE_2 && t.status === 'complete');
        const three = await waitForTab(extensionPage, (t) => t.url === ARTICLE_3 && t.status === 'complete');
        expect(two.active).toBe(false);
        expect(three.active).toBe(false);
        expect(two.title).toBe('Two');
        expect(three.title).toBe('offline test page'); // not registered: the offline page
        // The clicked page stayed where it was.
        expect(await page.url()).toBe('https://news.example.com/links');
        await page.close();
      });

      it('presses keys on the page', async () => {
        await extensionPage.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await extensionPage.press('Tab');
        expect(await extensionPage.evaluate(() => document.activeElement?.id)).toBe('link');
      });

      it('serves the offline page to a tab the extension opens for another site', async () => {
        await extensionPage.click('#open');
        const tab = await waitForTab(extensionPage, (t) => t.url === ELSEWHERE && t.status === 'complete');
        expect(tab.title).toBe('offline test page');
        expect(session.requests()).toContain(ELSEWHERE);
      });
    });
  }
});
