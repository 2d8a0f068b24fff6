import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableBrowsers, type BrowserName, type ExtensionSession, launchBrowser, type TestPage } from './harness';
import { extensionTabs, inExtension, waitFor } from './harness/control';

// The reader's experience: font size, accessibility (axe-core), keyboard, the side panel, pausing a site, and
// German, in the built extension (npm run build:all) in real browsers.
const ROOT = join(import.meta.dirname, '../..');
const OUTPUT: Record<BrowserName, string> = { chromium: join(ROOT, '.output/chrome-mv3'), firefox: join(ROOT, '.output/firefox-mv3') };
const SCREENSHOTS = join(ROOT, '.tmp/screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAGE_HTML = '<!doctype html><title>A news page</title><h1>A news page</h1><p>Local copy for tests.</p>';

const ARTICLE_URL = 'https://www.scmp.com/business/banking-finance/article/3146708/sensetime-artificial-intelligence-platform-founded-cuhk';
const RELATED_URL = 'https://techstory.in/sensetime-ai-startup-to-go-public/';
const SITE_URL = 'https://www.forbes.com/sites/someone/2024/01/01/not-in-backstory/';
const UNKNOWN_URL = 'https://unknown-news.example/2024/story';
const STATES: [state: string, url: string][] = [
  ['match', ARTICLE_URL],
  ['related', RELATED_URL],
  ['site', SITE_URL],
  ['no-match', UNKNOWN_URL],
];

/** Runs axe-core in `page` and returns its violations as `rule: selector` lines (empty when there are none). */
async function axeViolations(page: TestPage): Promise<string[]> {
  // The library is sent as the body of the evaluated function: this Function is never called in Node, only its
  // source text is sent and run in the page (the harness sends functions as text).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- test-only: builds the text to send, never runs here
  const run = new Function(
    `${AXE_SOURCE}; return axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' ') + ' ' + n.failureSummary)));`,
  );
  return page.evaluate(run as () => Promise<string[]>);
}

/** Elements whose text does not fit their box (clipped or spilling over), and whether the page scrolls sideways. */
function layoutProblems(page: TestPage): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px`);
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (!element.textContent?.trim() || element.children.length > 0 || element.offsetParent === null || element.closest('.visually-hidden')) continue;
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible')
        problems.push(`clipped: ${element.className} ${element.textContent.slice(0, 40)}`);
      const box = element.getBoundingClientRect();
      if (box.right > window.innerWidth + 1) problems.push(`beyond the right edge: ${element.className} ${element.textContent.slice(0, 40)}`);
    }
    return problems;
  });
}

/** Tabs through every control of `page` once: each gets the focus in turn, with a visible ring of 2 px or more. */
async function walkWithKeyboard(page: TestPage): Promise<void> {
  const focusable = await page.evaluate(() => document.querySelectorAll('a[href], button, summary, input, select').length);
  expect(focusable).toBeGreaterThan(0);
  const seen = new Set<string>();
  for (let step = 0; step < focusable; step++) {
    await page.press('Tab');
    const focus = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      const path = [...element.parentElement!.children].indexOf(element);
      return {
        label: `${element.tagName}#${path}:${element.textContent?.trim().slice(0, 30)}`,
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    expect(focus.ring, focus.label).toBe(true);
    seen.add(focus.label);
  }
  expect(seen.size).toBe(focusable); // each control once, in one pass
}

describe.each(availableBrowsers())("The reader's experience in %s", (browserName) => {
  let session: ExtensionSession;
  let control: TestPage;
  const { tabIdOf, titleOf } = extensionTabs(() => control);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    session = await launchBrowser(browserName, OUTPUT[browserName]);
    control = await session.openExtensionPage('/options.html');
    for (const [, url] of STATES) await session.openTab(url, PAGE_HTML);
  });
  afterAll(async () => session?.close());

  it("renders every extension page at the root font size (not Chromium's 75%)", async () => {
    const tabId = (await tabIdOf(ARTICLE_URL))!;
    const windowId = await inExtension<number>(control, 'async (api, tabId) => (await api.tabs.get(tabId)).windowId', tabId);
    for (const [path, ready] of [
      [`/popup.html?tabId=${tabId}`, '.related-title'],
      ['/options.html', 'label'],
      ['/search.html?q=chips', '.result-title'],
      [`/sidepanel.html?windowId=${windowId}`, 'h1'],
    ]) {
      const page = await session.openExtensionPage(path);
      await page.waitForSelector(ready);
      const sizes = await page.evaluate(() => {
        const size = (selector: string) => {
          const element = document.querySelector(selector);
          return element ? parseFloat(getComputedStyle(element).fontSize) : null;
        };
        return { body: size('body'), title: size('.related-title, .result-title, label'), meta: size('.related-meta, .result-meta, .hint') };
      });
      expect(sizes.body, path).toBe(14);
      if (sizes.title !== null && sizes.meta !== null) expect(sizes.title, path).toBeGreaterThanOrEqual(sizes.meta);
      await page.close();
    }
  });

  it('passes axe-core with zero violations on every popup state and extension page, light and dark', async () => {
    const pages: [path: string, ready: string][] = [
      ['/options.html', 'h1'],
      ['/search.html', '.browse button'],
      ['/search.html?q=chips', '.result'],
      [`/search.html?url=${encodeURIComponent(SITE_URL)}`, '[data-answer]'],
    ];
    for (const [state, url] of STATES) pages.push([`/popup.html?tabId=${(await tabIdOf(url))!}`, `[data-state="${state}"]`]);
    const articleWindow = await inExtension<number>(control, 'async (api, tabId) => (await api.tabs.get(tabId)).windowId', (await tabIdOf(ARTICLE_URL))!);
    pages.push([`/sidepanel.html?windowId=${articleWindow}`, '[data-state]']);
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [path, ready] of pages) {
        const page = await session.openExtensionPage(path, { colorScheme, viewport: { width: 380, height: 600 } });
        await page.waitForSelector(ready);
        expect(await axeViolations(page), `${path} (${colorScheme})`).toEqual([]);
        await page.close();
      }
    }
  });

  it('walks the popup and the side panel from the keyboard: every control reached, each with a visible focus ring', async () => {
    const articleTab = (await tabIdOf(ARTICLE_URL))!;
    const popup = await session.openExtensionPage(`/popup.html?tabId=${articleTab}`, { viewport: { width: 380, height: 600 } });
    await popup.waitForSelector('[data-state="match"]');
    await walkWithKeyboard(popup);
    // Enter on "About these scores" opens it.
    await popup.evaluate(() => (document.querySelector('summary') as HTMLElement).focus());
    await popup.press('Enter');
    expect(await popup.evaluate(() => document.querySelector('details')!.open)).toBe(true);
    await popup.close();
    const articleWindow = await inExtension<number>(control, 'async (api, tabId) => (await api.tabs.get(tabId)).windowId', articleTab);
    const panel = await session.openExtensionPage(`/sidepanel.html?windowId=${articleWindow}`, { viewport: { width: 400, height: 800 } });
    await panel.waitForSelector('[data-state]');
    await walkWithKeyboard(panel);
    await panel.close();
  });

  it('pauses Backstory on a site from the popup, lists it in the options page, and resumes it', async () => {
    const tabId = (await tabIdOf(SITE_URL))!;
    const popup = await session.openExtensionPage(`/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('.pause-control button');
    expect(await popup.textContent('.pause-control button')).toBe('Pause Backstory on forbes.com');
    await popup.click('.pause-control button');
    expect(
      await waitFor(
        () => titleOf(tabId),
        (title) => title.includes('paused'),
      ),
    ).toBe('Backstory is paused on forbes.com.');
    await popup.close();
    const options = await session.openExtensionPage('/options.html');
    await options.waitForSelector('.paused-list button');
    expect(await options.textContent('.paused-list .site-name')).toBe('forbes.com');
    await options.click('.paused-list button');
    expect(
      await waitFor(
        () => titleOf(tabId),
        (title) => title.includes('Forbes'),
      ),
    ).toBe('Backstory: Forbes has 22 articles in Backstory; this page is not one');
    await options.close();
  });

  it('keeps the side panel in step with the active tab of its window', async () => {
    const windowId = await inExtension<number>(control, 'async (api, url) => (await api.windows.create({ url })).id', ARTICLE_URL);
    const panel = await session.openExtensionPage(`/sidepanel.html?windowId=${windowId}`, { viewport: { width: 400, height: 800 } });
    // The harness opens pages in the newest window: move the panel to a window of its own, then show the article.
    await inExtension(
      control,
      `async (api, windowId) => {
        const tabs = await api.tabs.query({});
        const panel = tabs.find((tab) => (tab.url ?? '').includes('sidepanel.html?windowId='));
        await api.windows.create({ tabId: panel.id });
        const article = tabs.find((tab) => tab.windowId === windowId && (tab.url ?? '').startsWith('https://'));
        await api.tabs.update(article.id, { active: true });
      }`,
      windowId,
    );
    await panel.waitForSelector('[data-state="match"]');
    await inExtension(control, 'async (api, [windowId, url]) => api.tabs.create({ windowId, url, active: true })', [windowId, RELATED_URL]);
    await panel.waitForSelector('[data-state="related"]');
    const tabId = await inExtension<number>(control, 'async (api, windowId) => (await api.tabs.query({ windowId, active: true }))[0].id', windowId);
    await inExtension(control, 'async (api, [tabId, url]) => api.tabs.update(tabId, { url })', [tabId, SITE_URL]);
    await panel.waitForSelector('[data-state="site"]');
    expect(await panel.evaluate(() => document.querySelector('.popup-footer button.link-button:not([aria-pressed])'))).toBeNull(); // no "open in side panel" inside it
    await panel.screenshot(join(SCREENSHOTS, `sidepanel-${browserName}.png`));
    await panel.close();
    await inExtension(control, 'async (api, windowId) => api.windows.remove(windowId)', windowId);
  });
});

describe.each(availableBrowsers())('Backstory in German, in %s', (browserName) => {
  let session: ExtensionSession;
  let control: TestPage;
  const { tabIdOf } = extensionTabs(() => control);

  beforeAll(async () => {
    session = await launchBrowser(browserName, OUTPUT[browserName], { locale: 'de' });
    control = await session.openExtensionPage('/options.html');
    for (const [, url] of STATES) await session.openTab(url, PAGE_HTML);
  });
  afterAll(async () => session?.close());

  it('speaks German with German dates and numbers, fits the popup, and passes axe-core', async () => {
    for (const [state, url] of STATES) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const popup = await session.openExtensionPage(`/popup.html?tabId=${(await tabIdOf(url))!}`, { colorScheme, viewport: { width: 380, height: 600 } });
        await popup.waitForSelector(`[data-state="${state}"]`);
        expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
        expect(await layoutProblems(popup), state).toEqual([]);
        expect(await axeViolations(popup), `${state} (${colorScheme})`).toEqual([]);
        if (colorScheme === 'light') await popup.screenshot(join(SCREENSHOTS, `popup-${state}-${browserName}-de.png`));
        await popup.close();
      }
    }
    const popup = await session.openExtensionPage(`/popup.html?tabId=${(await tabIdOf(ARTICLE_URL))!}`);
    await popup.waitForSelector('[data-state="match"]');
    expect(await popup.textContent('.quality-label')).toBe('Hoch');
    expect(await popup.textContent('.article-meta time')).toMatch(/^27\.08\.2021 \(vor \d+ Jahren\)$/);
    await popup.close();
    for (const path of ['/options.html', '/search.html?q=chips']) {
      const page = await session.openExtensionPage(path, { viewport: { width: 900, height: 900 } });
      await page.waitForSelector('h1');
      expect(await layoutProblems(page), path).toEqual([]);
      expect(await axeViolations(page), path).toEqual([]);
      await page.close();
    }
  });
});
