import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableBrowsers, type BrowserName, type ExtensionSession, launchBrowser, type TestPage } from './harness';
import { extensionTabs, inExtension, waitFor } from './harness/control';

// The built extension (npm run build:all), with the bundled content/, in real headless browsers.
const ROOT = join(import.meta.dirname, '../..');
const OUTPUT: Record<BrowserName, string> = { chromium: join(ROOT, '.output/chrome-mv3'), firefox: join(ROOT, '.output/firefox-mv3') };
const SCREENSHOTS = join(ROOT, '.tmp/screenshots');

// The seed article: https://www.scmp.com/... with quality 77, two related stories.
const ARTICLE_URL = 'https://www.scmp.com/business/banking-finance/article/3146708/sensetime-artificial-intelligence-platform-founded-cuhk';
const ARTICLE_HTML = '<!doctype html><title>SenseTime files for IPO</title><h1>SenseTime</h1><p>Local copy for tests.</p>';
const UNBUNDLED_URL = 'https://www.scmp.com/business/banking-finance/article/9999999/not-in-backstory';
const NO_BACKSTORY_URL = 'https://no-backstory.example/2024/a-story';

describe.each(availableBrowsers())('Backstory in %s', (browserName) => {
  let session: ExtensionSession;
  let control: TestPage;
  const { tabIdOf, badgeOf, titleOf } = extensionTabs(() => control);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    session = await launchBrowser(browserName, OUTPUT[browserName]);
    control = await session.openExtensionPage('/options.html');
  });
  afterAll(async () => session?.close());

  it('lights the badge on a bundled article, with its quality and provider, and not elsewhere', async () => {
    await session.openTab(ARTICLE_URL, ARTICLE_HTML);
    const articleTab = (await tabIdOf(ARTICLE_URL))!;
    expect(
      await waitFor(
        () => badgeOf(articleTab),
        (text) => text === '77',
      ),
    ).toBe('77');
    expect(await titleOf(articleTab)).toBe('Backstory: South China Morning Post · quality 77');

    await session.openTab(UNBUNDLED_URL, ARTICLE_HTML);
    const otherTab = (await tabIdOf(UNBUNDLED_URL))!;
    await waitFor(
      () => titleOf(otherTab),
      (title) => title.includes('not one'),
    );
    expect(await titleOf(otherTab)).toBe('Backstory: South China Morning Post has 2 articles in Backstory; this page is not one');
    expect(await badgeOf(otherTab)).toBe('');
  });

  it('follows single-page-app navigation (history.pushState)', async () => {
    const page = await session.openTab(`${ARTICLE_URL}?page=spa`, ARTICLE_HTML);
    const tabId = (await tabIdOf(`${ARTICLE_URL}?page=spa`))!;
    await waitFor(
      () => titleOf(tabId),
      (title) => title.includes('not one'),
    );
    expect(await badgeOf(tabId)).toBe('');
    await page.evaluate((url: string) => history.pushState({}, '', url), ARTICLE_URL);
    expect(
      await waitFor(
        () => badgeOf(tabId),
        (text) => text === '77',
      ),
    ).toBe('77');
    await page.evaluate(() => history.pushState({}, '', '/business'));
    expect(
      await waitFor(
        () => badgeOf(tabId),
        (text) => text === '',
      ),
    ).toBe('');
  });

  it('shows the backstory in the popup, with no request leaving the extension, and opens related stories in new tabs', async () => {
    const articleTab = (await tabIdOf(ARTICLE_URL))!;
    const requestsBefore = session.requests().length;
    const popup = await session.openExtensionPage(`/popup.html?tabId=${articleTab}`, { viewport: { width: 380, height: 600 } });
    await popup.waitForSelector('[data-state="match"]');

    expect(await popup.textContent('h1')).toMatch(/^SenseTime, artificial intelligence platform founded by CUHK professors/);
    expect(await popup.textContent('.quality-number')).toBe('77');
    expect(await popup.textContent('.quality-label')).toBe('High');
    expect(await popup.textContent('.provider-name')).toBe('South China Morning Post');
    expect(await popup.textContent('.topics')).toBe('AI EthicsAI');
    expect(await popup.textContent('.via')).toBe("Matched this page's exact address");
    const related = await popup.evaluate(() => [...document.querySelectorAll('a.related-title')].map((a) => [a.textContent, a.getAttribute('href')]));
    expect(related).toEqual([
      ['SenseTime, AI Startup to apply for IPO in Hong Kong', 'https://techstory.in/sensetime-ai-startup-to-go-public/'],
      [expect.stringMatching(/^Non-Profit Federated Learning Consortium/), expect.stringMatching(/^https:\/\/markets\.businessinsider\.com\//)],
    ]);

    // Privacy: while the popup is open, no request leaves the extension (the control test below proves that a
    // request from the popup would be seen).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      session
        .requests()
        .slice(requestsBefore)
        .filter((url) => !url.startsWith(session.extensionOrigin)),
    ).toEqual([]);

    await popup.screenshot(join(SCREENSHOTS, `popup-${browserName}-light.png`));

    // Activating a related story opens a new tab at its URL; the popup itself never navigates.
    await popup.click('a.related-title');
    expect(await tabIdOf('https://techstory.in/sensetime-ai-startup-to-go-public/')).not.toBeNull();
    expect(await popup.url()).toBe(`${session.extensionOrigin}/popup.html?tabId=${articleTab}`);

    // Ctrl-click opens it in the background, as a link does.
    const second = related[1][1] as string;
    await popup.click('[data-closeness="loose"] a.related-title', { modifiers: ['Control'] });
    const secondTab = (await tabIdOf(second))!;
    const active = await inExtension<boolean>(control, 'async (api, id) => (await api.tabs.get(id)).active', secondTab);
    expect(active).toBe(false);
    expect(await popup.url()).toBe(`${session.extensionOrigin}/popup.html?tabId=${articleTab}`);
    await popup.close();
  });

  it('loads the provider logo from the web only when the reader turns remote images on', async () => {
    const articleTab = (await tabIdOf(ARTICLE_URL))!;
    await inExtension(control, 'async (api) => api.storage.local.set({ options: { showBadge: true, minQuality: 0, loadRemoteImages: true } })');
    const requestsBefore = session.requests().length;
    const popup = await session.openExtensionPage(`/popup.html?tabId=${articleTab}`);
    await popup.waitForSelector('img.provider-mark');
    const logo = 'https://everyday-cc.github.io/ai/assets/images/organizations/scmp.com-50x50.jpg';
    expect(
      await waitFor(
        async () => session.requests().slice(requestsBefore),
        (urls) => urls.includes(logo),
      ),
    ).toContain(logo);
    await popup.close();
    await inExtension(control, 'async (api) => api.storage.local.remove("options")');
  });

  it('is keyboard-navigable and readable in dark mode', async () => {
    const articleTab = (await tabIdOf(ARTICLE_URL))!;
    const popup = await session.openExtensionPage(`/popup.html?tabId=${articleTab}`, { colorScheme: 'dark', viewport: { width: 380, height: 600 } });
    await popup.waitForSelector('[data-state="match"]');
    const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(28, 31, 36)');
    await popup.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('About these scores');
    await popup.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('SenseTime, AI Startup to apply for IPO in Hong Kong');
    await popup.screenshot(join(SCREENSHOTS, `popup-${browserName}-dark.png`));
    await popup.close();
  });

  it('says so kindly when the tab has no backstory', async () => {
    await session.openTab(NO_BACKSTORY_URL, ARTICLE_HTML);
    const otherTab = (await tabIdOf(NO_BACKSTORY_URL))!;
    const popup = await session.openExtensionPage(`/popup.html?tabId=${otherTab}`, { viewport: { width: 380, height: 600 } });
    await popup.waitForSelector('[data-state="no-match"]');
    expect(await popup.textContent('h1')).toBe('No backstory for this page');
    expect(await popup.textContent('.bundle-info')).toMatch(/179 articles, the newest from .*2023/);
    await popup.close();
  });
});
