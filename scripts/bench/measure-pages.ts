/**
 * The extension's pages in real headless Chromium with the built extension: the popup in each of its four states,
 * the side panel, the search page, and the background's heap.
 *
 * Tabs sit on four pages (served from local HTML through context.route; every other request is refused): a bundled
 * article's exact URL, a related story no article of the corpus is about, another page of a bundled site, and a
 * page Backstory knows nothing of. Each popup run opens a new page at popup.html?tabId=<that tab>; each side-panel
 * run opens sidepanel.html?windowId=<a window whose active tab is the article>. Both read the startTime of the
 * `backstory:rendered` mark (time since the page's navigation started). The floor is the same measurement for an
 * empty extension page, blank.html, which the benchmark adds to its own copy of the built extension only: a module
 * script that sets the same mark. The six pages take turns in an order that rotates every run; the first run of
 * each (cold) is discarded, and each figure is the median of the rest.
 *
 * Search: search.html loaded SEARCH_LOADS times; ready = the startTime of its `backstory:search-ready` mark (the
 * index loaded and the first render that can answer). Queries are typed one keystroke at a time into the search box
 * of the last load, as a reader types them (the first words of corpus titles); each keystroke's time runs from the
 * input event to the results rendered and laid out (inside the page). Heap: the search page's JS heap after a
 * garbage collection, once the queries ran.
 *
 * Background heap: one tab is taken through HEAP_LOOKUPS distinct addresses (each a lookup by the badge updater,
 * as when a reader browses), then the service worker's JS heap after a garbage collection (Chrome DevTools
 * Protocol, on the worker's own target).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { withExtensionBrowser } from './bench-browser';
import { median, percentile } from './stats';

const RENDERED_MARK = 'backstory:rendered';
const SEARCH_READY_MARK = 'backstory:search-ready';
const SEARCH_LOADS = 5;
export const HEAP_LOOKUPS = 1_000;

/** The page each popup state is measured on. */
export interface StateUrls {
  match: string;
  related: string;
  site: string;
  'no-match': string;
}
type PopupStateName = keyof StateUrls;
const STATES: PopupStateName[] = ['match', 'related', 'site', 'no-match'];

export interface PagesResult {
  popupMs: Record<PopupStateName, number>;
  sidepanelMs: number;
  blankMs: number;
  searchReadyMs: number;
  searchQueryP50Ms: number;
  searchQueryP95Ms: number;
  searchQueries: number;
  searchHeapBytes: number;
  swHeapBytes: number;
  /** The worker's heap before the lookups (after a garbage collection), for the log. */
  swHeapStartBytes: number;
}

/** Adds blank.html + blank.js (the floor page) to a built extension. CSP forbids inline scripts: a module file. */
function addBlankPage(extensionDir: string): void {
  writeFileSync(
    join(extensionDir, 'blank.html'),
    '<!doctype html>\n<html lang="en">\n  <head><meta charset="UTF-8" /><title>Blank</title></head>\n' +
      '  <body>\n    <main id="app"></main>\n    <script type="module" src="blank.js"></script>\n  </body>\n</html>\n',
  );
  writeFileSync(join(extensionDir, 'blank.js'), `performance.mark(${JSON.stringify(RENDERED_MARK)});\n`);
}

export async function measurePages(
  extensionDir: string,
  urls: StateUrls,
  heapUrls: readonly string[],
  queries: readonly string[],
  runs: number,
  scratchDir: string,
  log: (message: string) => void,
): Promise<PagesResult> {
  addBlankPage(extensionDir);
  return withExtensionBrowser(extensionDir, scratchDir, async (context) => {
    await serveOnly(context, [...STATES.map((state) => urls[state]), ...heapUrls]);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const base = `chrome-extension://${extensionId}`;
    const control = await context.newPage();
    await control.goto(`${base}/blank.html`);

    const pages = new Map<string, { url: string; state: PopupStateName | 'blank' }>();
    for (const state of STATES) {
      const tab = await context.newPage();
      await tab.goto(urls[state]);
      pages.set(`popup ${state}`, { url: `${base}/popup.html?tabId=${await tabIdOf(control, urls[state])}`, state });
    }
    const articleWindow = await control.evaluate(async (url) => {
      const api = (globalThis as unknown as { chrome: { windows: { create(data: { url: string; focused: boolean }): Promise<{ id?: number }> } } }).chrome;
      // Not focused: the benchmark's new pages keep opening in the first window, so the article stays this one's active tab.
      return (await api.windows.create({ url, focused: false })).id!;
    }, urls.match);
    pages.set('side panel', { url: `${base}/sidepanel.html?windowId=${articleWindow}`, state: 'match' });
    pages.set('blank', { url: `${base}/blank.html`, state: 'blank' });

    const times = new Map<string, number[]>([...pages.keys()].map((name) => [name, []]));
    const names = [...pages.keys()];
    for (let run = 0; run <= runs; run++) {
      // Rotate the order, so that no page always follows the same other.
      const order = names.map((_, i) => names[(i + run) % names.length]);
      for (const name of order) {
        const { url, state } = pages.get(name)!;
        const ms = await timeRendered(context, url, state);
        if (run > 0) times.get(name)!.push(ms);
      }
    }
    for (const [name, list] of times) log(`  ${name} runs (ms): ${list.map((ms) => ms.toFixed(1)).join(' ')}`);
    const medianOf = (name: string) => median(times.get(name)!);

    const search = await measureSearch(context, `${base}/search.html`, queries, log);
    const heap = await measureWorkerHeap(context, control, extensionId, heapUrls);
    return {
      popupMs: { match: medianOf('popup match'), related: medianOf('popup related'), site: medianOf('popup site'), 'no-match': medianOf('popup no-match') },
      sidepanelMs: medianOf('side panel'),
      blankMs: medianOf('blank'),
      ...search,
      swHeapBytes: heap.after,
      swHeapStartBytes: heap.before,
    };
  });
}

/** Serves each of `urls` from local HTML and refuses every other http(s) request: nothing leaves the machine. */
async function serveOnly(context: BrowserContext, urls: Iterable<string>): Promise<void> {
  // As the browser requests them: parsed (a bare host gains its `/`), without a fragment.
  const served = new Set([...urls].map((url) => new URL(url).href.split('#')[0]));
  await context.route(/^https?:/, (route) => {
    if (!served.has(route.request().url())) return route.abort();
    const body = `<!doctype html><html><head><meta charset="utf-8"><title>Page</title></head><body><h1>Page</h1><p>Local copy for the benchmark.</p></body></html>`;
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}

/** The id of the tab showing `url`, asked from an extension page (chrome.tabs.query). */
async function tabIdOf(control: Page, url: string): Promise<number> {
  const tabId = await control.evaluate(async (wanted) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((tab) => tab.url === wanted)?.id ?? null;
  }, url);
  if (tabId === null) throw new Error(`no tab shows ${url}`);
  return tabId;
}

/** Waits for the page's performance mark `mark` and returns its startTime (ms since the page's navigation started). */
async function markTime(page: Page, mark: string, timeoutMs: number): Promise<number> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, { timeout: timeoutMs });
  return page.evaluate((name) => performance.getEntriesByName(name)[0].startTime, mark);
}

/** Opens `url` in a new page, waits for the rendered mark and returns its startTime (ms since navigation start). */
async function timeRendered(context: BrowserContext, url: string, expected: PopupStateName | 'blank'): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    const ms = await markTime(page, RENDERED_MARK, 30_000);
    if (expected !== 'blank') {
      const state = await page.evaluate(() => document.querySelector<HTMLElement>('.popup')?.dataset.state ?? null);
      if (state !== expected) throw new Error(`${url} shows "${state}", not "${expected}"`);
    }
    return ms;
  } finally {
    await page.close();
  }
}

/** Time to ready over SEARCH_LOADS loads; then every query typed into the last load, and the page's heap. */
async function measureSearch(context: BrowserContext, searchUrl: string, queries: readonly string[], log: (message: string) => void) {
  const ready: number[] = [];
  for (let load = 0; load < SEARCH_LOADS; load++) {
    const page = await context.newPage();
    await page.goto(searchUrl);
    ready.push(await markTime(page, SEARCH_READY_MARK, 60_000));
    if (load < SEARCH_LOADS - 1) {
      await page.close();
      continue;
    }
    const typed = await page.evaluate(async (list) => {
      const input = document.querySelector<HTMLInputElement>('#search-query')!;
      const ms: number[] = [];
      let found = 0;
      for (const text of list) {
        const start = performance.now();
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        // Preact renders on a microtask after the state change: a task later it has, then layout is forced.
        await new Promise((resolve) => setTimeout(resolve, 0));
        void document.body.offsetHeight;
        ms.push(performance.now() - start);
        if (document.querySelector('.results li')) found++;
        // Let the frame paint before the next keystroke, so that its paint is not timed as the next query's.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      }
      return { ms, found };
    }, queries);
    const heapBytes = await heapAfterGc(await context.newCDPSession(page));
    await page.close();
    log(`  search ready runs (ms): ${ready.map((ms) => ms.toFixed(1)).join(' ')}`);
    log(
      `  search: ${queries.length} keystrokes, ${typed.found} with results; slowest (ms): ${[...typed.ms]
        .sort((a, b) => b - a)
        .slice(0, 5)
        .map((ms) => ms.toFixed(1))
        .join(' ')}; heap ${(heapBytes / 1e6).toFixed(1)} MB`,
    );
    if (typed.found === 0) throw new Error('no query found any article: the search page or the query list is broken');
    return {
      searchReadyMs: median(ready),
      searchQueryP50Ms: percentile(typed.ms, 50),
      searchQueryP95Ms: percentile(typed.ms, 95),
      searchQueries: queries.length,
      searchHeapBytes: heapBytes,
    };
  }
  throw new Error('unreachable: SEARCH_LOADS is at least 1');
}

/** A JS heap's used bytes after a garbage collection, through a DevTools session on its target. */
async function heapAfterGc(session: Pick<CDPSession, 'send'>): Promise<number> {
  await session.send('HeapProfiler.collectGarbage');
  const usage = await session.send('Runtime.getHeapUsage');
  return usage.usedSize;
}

/**
 * Takes one tab through `urls` (the badge updater looks each one up), waits until the last one (an article) has
 * its own toolbar title, and reads the service worker's heap before and after. The worker's target is reached
 * through the browser's DevTools session (attach, then messages relayed to the target).
 */
async function measureWorkerHeap(context: BrowserContext, control: Page, extensionId: string, urls: readonly string[]) {
  const browserSession = await context.browser()!.newBrowserCDPSession();
  const { targetInfos } = await browserSession.send('Target.getTargets');
  const target = targetInfos.find((info) => info.type === 'service_worker' && info.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!target) throw new Error('no service worker target for the extension');
  const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 0;
  const workerSession = {
    send: ((method: string, params: object = {}) =>
      new Promise<unknown>((resolve, reject) => {
        const id = ++nextId;
        const onMessage = (event: { sessionId?: string; message: string }) => {
          const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
          if (message.id !== id) return;
          browserSession.off('Target.receivedMessageFromTarget', onMessage);
          if (message.error) reject(new Error(`${method}: ${message.error.message}`));
          else resolve(message.result);
        };
        browserSession.on('Target.receivedMessageFromTarget', onMessage);
        void browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      })) as CDPSession['send'],
  };
  const before = await heapAfterGc(workerSession);
  const page = await context.newPage();
  for (const url of urls) await page.goto(url, { waitUntil: 'domcontentloaded' });
  const tabId = await tabIdOf(control, new URL(urls[urls.length - 1]).href);
  await control.waitForFunction(
    async (tab) => {
      const api = (globalThis as unknown as { chrome: { action: { getTitle(details: { tabId?: number }): Promise<string> } } }).chrome;
      return (await api.action.getTitle({ tabId: tab })) !== (await api.action.getTitle({}));
    },
    tabId,
    { timeout: 60_000, polling: 100 },
  );
  const after = await heapAfterGc(workerSession);
  await page.close();
  await browserSession.detach();
  return { before, after };
}
