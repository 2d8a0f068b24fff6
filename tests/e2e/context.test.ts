import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableBrowsers, type BrowserName, type ExtensionSession, launchBrowser, type TestPage } from './harness';
import { extensionTabs, waitFor } from './harness/control';

// Context beyond the exact article: related-coverage pages, site profiles and the search page, with the bundled
// content/, in the built extension (npm run build:all).
const ROOT = join(import.meta.dirname, '../..');
const OUTPUT: Record<BrowserName, string> = { chromium: join(ROOT, '.output/chrome-mv3'), firefox: join(ROOT, '.output/firefox-mv3') };
const SCREENSHOTS = join(ROOT, '.tmp/screenshots');
const PAGE_HTML = '<!doctype html><title>A news page</title><h1>A news page</h1><p>Local copy for tests.</p>';

// A related story of the seed article (SenseTime, scmp.com), not itself bundled; quality 39.
const RELATED_URL = 'https://techstory.in/sensetime-ai-startup-to-go-public/';
// A site with 22 bundled articles: its home page and a page Backstory does not have.
const SITE_HOME = 'https://www.forbes.com/';
const SITE_PAGE = 'https://www.forbes.com/sites/someone/2024/01/01/not-in-backstory/';
const UNKNOWN_URL = 'https://unknown-news.example/2024/story';

describe.each(availableBrowsers())('Context beyond the article in %s', (browserName) => {
  let session: ExtensionSession;
  let control: TestPage;
  const { tabIdOf, badgeOf, titleOf } = extensionTabs(() => control);
  const requestsLeaving = (since: number) =>
    session
      .requests()
      .slice(since)
      .filter((url) => !url.startsWith(session.extensionOrigin));

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    session = await launchBrowser(browserName, OUTPUT[browserName]);
    control = await session.openExtensionPage('/options.html');
  });
  afterAll(async () => session?.close());

  it("gives a related story's page its own quality, a title that says what it is, and a popup that says so", async () => {
    await session.openTab(RELATED_URL, PAGE_HTML);
    const tabId = (await tabIdOf(RELATED_URL))!;
    expect(
      await waitFor(
        () => badgeOf(tabId),
        (text) => text === '39',
      ),
    ).toBe('39');
    expect(await titleOf(tabId)).toBe('Backstory: related coverage of ‘SenseTime, artificial intelligence platform founded by CUHK…’ · quality 39');

    const before = session.requests().length;
    const popup = await session.openExtensionPage(`/popup.html?tabId=${tabId}`, { viewport: { width: 380, height: 600 } });
    await popup.waitForSelector('[data-state="related"]');
    expect(await popup.textContent('.chip.kind-related')).toBe('Related coverage');
    expect(await popup.textContent('h1')).toBe('SenseTime, AI Startup to apply for IPO in Hong Kong');
    expect(await popup.textContent('.quality-number')).toBe('39');
    const listedBy = await popup.evaluate(() => [...document.querySelectorAll('.article-links a')].map((a) => a.getAttribute('href')));
    expect(listedBy).toEqual(['https://www.scmp.com/business/banking-finance/article/3146708/sensetime-artificial-intelligence-platform-founded-cuhk']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requestsLeaving(before)).toEqual([]);
    await popup.screenshot(join(SCREENSHOTS, `popup-related-${browserName}.png`));
    await popup.close();
  });

  it("gives a bundled site's other pages its profile, with no number on the badge", async () => {
    for (const url of [SITE_HOME, SITE_PAGE]) {
      await session.openTab(url, PAGE_HTML);
      const tabId = (await tabIdOf(url))!;
      expect(
        await waitFor(
          () => titleOf(tabId),
          (title) => title.includes('Forbes'),
        ),
      ).toBe('Backstory: Forbes has 22 articles in Backstory; this page is not one');
      expect(await badgeOf(tabId)).toBe('');
    }
    const tabId = (await tabIdOf(SITE_PAGE))!;
    const before = session.requests().length;
    const popup = await session.openExtensionPage(`/popup.html?tabId=${tabId}`, { viewport: { width: 380, height: 600 } });
    await popup.waitForSelector('[data-state="site"]');
    expect(await popup.textContent('h1')).toBe('Forbes');
    expect(await popup.textContent('.note')).toBe('This page itself is not in Backstory. Here is what Backstory knows about the site.');
    expect(await popup.textContent('.site-facts dd')).toBe('22');
    expect(await popup.evaluate(() => document.querySelectorAll('.article-links li').length)).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requestsLeaving(before)).toEqual([]);
    await popup.screenshot(join(SCREENSHOTS, `popup-site-${browserName}.png`));
    await popup.close();
  });

  it('says why there is nothing, and offers the search page, on an unknown site', async () => {
    await session.openTab(UNKNOWN_URL, PAGE_HTML);
    const tabId = (await tabIdOf(UNKNOWN_URL))!;
    await waitFor(
      () => titleOf(tabId),
      (title) => title.includes('no backstory'),
    );
    const popup = await session.openExtensionPage(`/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('[data-state="no-match"]');
    expect(await popup.evaluate(() => document.querySelector('.popup-footer a')?.getAttribute('href'))).toBe('/search.html');
    await popup.close();
  });

  it('searches the bundled articles, filters them, opens a result in a new tab, and looks up a pasted address', async () => {
    const before = session.requests().length;
    const search = await session.openExtensionPage('/search.html?q=chip%20design', { viewport: { width: 900, height: 900 } });
    await search.waitForSelector('.result');
    expect(await search.evaluate(() => (document.querySelector('input[type="search"]') as HTMLInputElement).value)).toBe('chip design');
    const titles = await search.evaluate(() => [...document.querySelectorAll('.result-title')].map((a) => a.textContent));
    expect(titles[0]).toMatch(/chip/i);
    expect(titles.length).toBeGreaterThanOrEqual(2);

    // A filter narrows the results: only the second result's provider.
    const provider = await search.evaluate(() => document.querySelectorAll('.result-meta')[1].textContent.split(' · ')[0]);
    await search.evaluate((name: string) => {
      const select = document.querySelector('select[name="provider"]') as HTMLSelectElement;
      select.value = name;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, provider);
    await waitFor(
      () => search.evaluate(() => document.querySelectorAll('.result').length),
      (count) => count < titles.length,
    );
    const providers = await search.evaluate(() => [...document.querySelectorAll('.result-meta')].map((meta) => meta.textContent));
    expect(providers.length).toBeGreaterThan(0);
    expect(providers.length).toBeLessThan(titles.length);
    for (const meta of providers) expect(meta.startsWith(provider)).toBe(true);

    // A result is a link that opens in a new tab; the search page stays.
    const href = (await search.evaluate(() => document.querySelector('a.result-title')?.getAttribute('href')))!;
    await search.click('a.result-title');
    expect(await tabIdOf(href)).not.toBeNull();
    expect(await search.url()).toContain('/search.html');
    await search.close();

    // The address box says what Backstory knows about a URL, for each kind of answer.
    const cases: [string, string][] = [
      ['https://www.scmp.com/business/banking-finance/article/3146708/sensetime-artificial-intelligence-platform-founded-cuhk?utm_source=x', 'article'],
      [RELATED_URL, 'related'],
      [SITE_PAGE, 'site'],
      ['not a web address', 'none'],
    ];
    for (const [url, kind] of cases) {
      const page = await session.openExtensionPage(`/search.html?url=${encodeURIComponent(url)}`);
      await page.waitForSelector(`[data-answer="${kind}"]`);
      if (kind === 'none') expect(await page.textContent('[data-answer]')).toContain('Not a web page');
      await page.close();
    }
    // The only requests: the opened result page itself (and its favicon), made by the new tab, not by Backstory.
    expect(requestsLeaving(before).filter((url) => !url.startsWith(new URL(href).origin))).toEqual([]);
  });

  it('shows topics to browse when nothing is asked, and helps when nothing is found', async () => {
    const search = await session.openExtensionPage('/search.html', { viewport: { width: 900, height: 900 } });
    await search.waitForSelector('.browse button');
    expect(await search.textContent('.results .status')).toMatch(/^179 articles in Backstory/);
    await search.click('.browse button');
    await search.waitForSelector('.result');
    await search.screenshot(join(SCREENSHOTS, `search-${browserName}.png`));
    await search.close();
    const nothing = await session.openExtensionPage('/search.html?q=zzzqqqxxx');
    await nothing.waitForSelector('.browse button');
    expect(await nothing.textContent('.results .status')).toBe('No article matches. Try fewer words, or clear a filter.');
    await nothing.close();
  });
});
