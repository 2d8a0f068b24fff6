/**
 * popup_ms and blank_page_ms, in real headless Chromium with the built extension.
 *
 * A tab sits on a bundled article's exact URL (served from local HTML through context.route; every other
 * request is refused). Each run opens a new page at popup.html?tabId=<that tab> and reads the startTime of the
 * popup's `backstory:rendered` mark (time since the page's navigation started). The floor is the same
 * measurement for an empty extension page, blank.html, which the benchmark adds to its own copy of the built
 * extension only: a module script that sets the same mark. Popup and blank runs alternate; the first run of each
 * (cold) is discarded, and each figure is the median of the rest.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { median } from './stats';

const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
const RENDERED_MARK = 'backstory:rendered';

export interface PopupResult {
  popupMs: number;
  blankMs: number;
  popupRuns: number[];
  blankRuns: number[];
}

/** Adds blank.html + blank.js (the floor page) to a built extension. CSP forbids inline scripts: a module file. */
export function addBlankPage(extensionDir: string): void {
  writeFileSync(
    join(extensionDir, 'blank.html'),
    '<!doctype html>\n<html lang="en">\n  <head><meta charset="UTF-8" /><title>Blank</title></head>\n' +
      '  <body>\n    <main id="app"></main>\n    <script type="module" src="blank.js"></script>\n  </body>\n</html>\n',
  );
  writeFileSync(join(extensionDir, 'blank.js'), `performance.mark(${JSON.stringify(RENDERED_MARK)});\n`);
}

export async function measurePopup(
  extensionDir: string,
  articleUrl: string,
  runs: number,
  scratchDir: string,
  log: (message: string) => void,
): Promise<PopupResult> {
  addBlankPage(extensionDir);
  const profileDir = mkdtempSync(join(scratchDir, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  try {
    await serveOnly(context, articleUrl);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const articlePage = await context.newPage();
    await articlePage.goto(articleUrl);
    const tabId = await tabIdOf(context, extensionId, articleUrl);

    const popupRuns: number[] = [];
    const blankRuns: number[] = [];
    const popupUrl = `chrome-extension://${extensionId}/popup.html?tabId=${tabId}`;
    const blankUrl = `chrome-extension://${extensionId}/blank.html`;
    for (let run = 0; run <= runs; run++) {
      // Alternate which goes first, so that neither always follows the other.
      const order = run % 2 === 0 ? [popupUrl, blankUrl] : [blankUrl, popupUrl];
      for (const url of order) {
        const ms = await timeRendered(context, url, url === popupUrl);
        if (run > 0) (url === popupUrl ? popupRuns : blankRuns).push(ms);
      }
    }
    log(`  popup runs (ms): ${popupRuns.map((ms) => ms.toFixed(1)).join(' ')}`);
    log(`  blank runs (ms): ${blankRuns.map((ms) => ms.toFixed(1)).join(' ')}`);
    return { popupMs: median(popupRuns), blankMs: median(blankRuns), popupRuns, blankRuns };
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Serves `articleUrl` from local HTML and refuses every other http(s) request: nothing leaves the machine. */
async function serveOnly(context: BrowserContext, articleUrl: string): Promise<void> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Article</title><link rel="canonical" href="${articleUrl}"></head><body><h1>Article</h1><p>Local copy for the benchmark.</p></body></html>`;
  await context.route(/^https?:/, (route) => {
    const url = route.request().url();
    return url === articleUrl ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : route.abort();
  });
}

/** The id of the tab showing `articleUrl`, asked from an extension page (chrome.tabs.query). */
async function tabIdOf(context: BrowserContext, extensionId: string, articleUrl: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/blank.html`);
    const tabId = await page.evaluate(async (url) => {
      // Runs in the extension page, where `chrome` is the extension API.
      const { chrome } = globalThis as unknown as { chrome: { tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> } } };
      const tabs = await chrome.tabs.query({});
      return tabs.find((tab) => tab.url === url)?.id ?? null;
    }, articleUrl);
    if (tabId === null) throw new Error(`no tab shows ${articleUrl}`);
    return tabId;
  } finally {
    await page.close();
  }
}

/** Opens `url` in a new page, waits for the rendered mark and returns its startTime (ms since navigation start). */
async function timeRendered(context: BrowserContext, url: string, expectMatch: boolean): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, RENDERED_MARK, { timeout: 30_000 });
    const ms = await page.evaluate((mark) => performance.getEntriesByName(mark)[0].startTime, RENDERED_MARK);
    if (expectMatch) {
      const state = await page.evaluate(() => document.querySelector<HTMLElement>('.popup')?.dataset.state ?? null);
      if (state !== 'match') throw new Error(`the popup for the article tab shows "${state}", not the article`);
    }
    return ms;
  } finally {
    await page.close();
  }
}
