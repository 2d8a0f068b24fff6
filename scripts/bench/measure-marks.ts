/**
 * Link marks (issue 9): marks_all_drawn_ms, marks_longest_task_ms, marks_added_drawn_ms in real headless Chromium,
 * and marks_bg_us_per_href in Node, on the real code and the built index.
 *
 * Browser: the e2e build of the extension (`wxt build --mode e2e`: the real code, plus the test site in
 * host_permissions, since Chromium's permission prompt cannot be answered by automation, and two
 * performance marks set by the content script: `backstory-marks:start` when it starts, `backstory-marks:drawn`
 * after each pass that drew marks, with the number drawn). Marks are turned on for the site through storage, as
 * the popup's switch does; the background registers the content script. A local page with LINKS links, ARTICLE_LINKS
 * of them to bundled articles, is served from memory (every other request is refused, and counted). Per run:
 * - all drawn: from `backstory-marks:start` to the first `backstory-marks:drawn` with every article mark drawn;
 * - longest task, on a second load of the page (the probe slows the first figure down, so it runs apart): the page's
 *   own loop of MessageChannel tasks runs from the start; the longest gap between two of its ticks after the
 *   content script started is the longest task anything else ran on the main thread (the content script's slices,
 *   and the style and layout its marks cause). The Long Tasks API's entries (≥ 50 ms) are counted too, in both;
 * - added: ADDED_LINKS more links (ADDED_ARTICLE_LINKS to articles) inserted by a page script at once, until their
 *   marks are drawn.
 * The first run has a cold background (no key bucket read yet); it is reported apart, and the figures are the
 * medians of the warm runs.
 *
 * Background: lookUpMarks, the function the background's message handler runs, over the same hrefs in batches
 * of MAX_HREFS_PER_BATCH, on the built index read from disk (as measure-lookups.ts does); cold (first pass, key
 * buckets and quality tables read) and warm (median of further passes), per href.
 */
import type { BrowserContext } from 'playwright-core';
import { withExtensionBrowser } from './bench-browser';
import { lookUpMarks } from '../../src/background/marks-messages';
import { loadContentIndex } from '../../src/index/content-index';
import { MAX_HREFS_PER_BATCH } from '../../src/marks/marks-protocol';
import { type Corpus, otherPageOf } from './make-corpus';
import { folderIndexFiles } from './measure-lookups';
import { Random } from './random';
import { median } from './stats';

export const LINKS = 2_000;
export const ARTICLE_LINKS = 200;
const ADDED_LINKS = 500;
const ADDED_ARTICLE_LINKS = 50;
/** Granted at install in the e2e build (wxt.config.ts E2E_MARKS_HOSTS). */
const SITE = 'front.marks-granted.example';
const PAGE_URL = `https://${SITE}/`;
const BG_PASSES = 7;

export interface MarksResult {
  allDrawnMs: number;
  longestTaskMs: number;
  addedDrawnMs: number;
  coldAllDrawnMs: number;
  coldLongestTaskMs: number;
  bgUsPerHref: number;
  bgColdUsPerHref: number;
  longTasks: number;
  requestsRefused: number;
}

/** The page's links: `articles` of them to bundled articles (exact or with tracking parameters), the rest not. */
export function makeLinks(corpus: Corpus, count: number, articles: number, seed: number): { hrefs: string[]; articleHrefs: Set<string> } {
  const random = new Random(seed);
  const candidates = corpus.articles.filter((article) => !article.duplicate);
  const articleHrefs = new Set<string>();
  while (articleHrefs.size < articles) {
    const article = random.pick(candidates);
    articleHrefs.add(random.chance(0.3) ? `${article.webUrl}${article.webUrl.includes('?') ? '&' : '?'}utm_source=front` : article.webUrl);
  }
  const others = new Set<string>();
  while (others.size < count - articles) {
    const site = random.pick(corpus.sites);
    const kind = random.int(0, 9);
    others.add(
      kind < 4
        ? otherPageOf(random, site)
        : kind < 5
          ? `https://${site.host}/${random.pick(site.sections)}/`
          : kind < 6
            ? `https://${site.host}/`
            : `https://unrelated-${random.int(1, 400)}.example/${random.int(1, 1e9)}/story-${random.int(1, 1e6)}`,
    );
  }
  const hrefs = [...articleHrefs, ...others];
  // Shuffled, so articles are spread over the page.
  for (let i = hrefs.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [hrefs[i], hrefs[j]] = [hrefs[j], hrefs[i]];
  }
  return { hrefs, articleHrefs };
}

function pageHtml(hrefs: readonly string[]): string {
  const items = hrefs
    .map((href, i) => `<li><a href="${href.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">Headline number ${i} of the day</a> <span>12 comments</span></li>`)
    .join('\n');
  // The page's own probe: a loop of MessageChannel tasks that logs every gap of 5 ms or more between its ticks,
  // and the Long Tasks API's entries.
  const probe = `
    window.__name = (f) => f; // the benchmark's own page.evaluate code, compiled by esbuild, may call it
    window.__bench = { gaps: [], longTasks: [], running: location.search === '?probe' };
    const channel = new MessageChannel();
    let last = performance.now();
    channel.port1.onmessage = () => {
      const now = performance.now();
      if (now - last >= 5) window.__bench.gaps.push([last, now - last]);
      last = now;
      if (window.__bench.running) channel.port2.postMessage(0);
    };
    if (window.__bench.running) channel.port2.postMessage(0);
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__bench.longTasks.push([entry.startTime, entry.duration]); })
      .observe({ type: 'longtask', buffered: true });`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Front page</title><script>${probe}</script></head>
<body><h1>Today's links</h1><ol id="links">${items}</ol></body></html>`;
}

export async function measureMarks(
  extensionDir: string,
  indexDir: string,
  corpus: Corpus,
  runs: number,
  scratchDir: string,
  log: (message: string) => void,
): Promise<MarksResult> {
  const { hrefs } = makeLinks(corpus, LINKS, ARTICLE_LINKS, 9_009);
  const added = makeLinks(corpus, ADDED_LINKS, ADDED_ARTICLE_LINKS, 9_010);
  const bg = await measureBackground(indexDir, hrefs);
  log(
    `  marks background: ${bg.coldUsPerHref.toFixed(2)} µs/href cold, ${bg.warmUsPerHref.toFixed(2)} µs/href warm (batches of ${MAX_HREFS_PER_BATCH}; ${bg.marked} marks for ${hrefs.length} hrefs)`,
  );
  if (bg.marked !== ARTICLE_LINKS) throw new Error(`the background marks ${bg.marked} of the page's links, not the ${ARTICLE_LINKS} article links`);

  let refused = 0;
  return withExtensionBrowser(extensionDir, scratchDir, async (context) => {
    const html = pageHtml(hrefs);
    await context.route(/^https?:/, (route) => {
      if (route.request().url().startsWith(PAGE_URL)) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      refused++;
      return route.abort();
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await turnMarksOn(context, new URL(worker.url()).host);

    const all: number[] = [];
    const longest: number[] = [];
    const addedRuns: number[] = [];
    let longTasks = 0;
    for (let run = 0; run <= runs; run++) {
      const timed = await oneRun(context, added.hrefs, ARTICLE_LINKS, ARTICLE_LINKS + ADDED_ARTICLE_LINKS, false);
      const probed = await oneRun(context, added.hrefs, ARTICLE_LINKS, ARTICLE_LINKS + ADDED_ARTICLE_LINKS, true);
      const result = { ...timed, longestTaskMs: probed.longestTaskMs, longTasks: timed.longTasks + probed.longTasks };
      log(
        `  marks run ${run}${run === 0 ? ' (cold background)' : ''}: all drawn ${result.allDrawnMs.toFixed(1)} ms, +${ADDED_LINKS} links drawn ${result.addedDrawnMs.toFixed(1)} ms; longest task ${result.longestTaskMs.toFixed(1)} ms (probed load: all drawn ${probed.allDrawnMs.toFixed(1)} ms); long tasks ${result.longTasks}`,
      );
      if (run === 0) {
        all.unshift(result.allDrawnMs);
        longest.unshift(result.longestTaskMs);
        continue;
      }
      all.push(result.allDrawnMs);
      longest.push(result.longestTaskMs);
      addedRuns.push(result.addedDrawnMs);
      longTasks += result.longTasks;
    }
    const [coldAll, ...warmAll] = all;
    const [coldLongest, ...warmLongest] = longest;
    return {
      allDrawnMs: median(warmAll),
      longestTaskMs: median(warmLongest),
      addedDrawnMs: median(addedRuns),
      coldAllDrawnMs: coldAll,
      coldLongestTaskMs: coldLongest,
      bgUsPerHref: bg.warmUsPerHref,
      bgColdUsPerHref: bg.coldUsPerHref,
      longTasks,
      requestsRefused: refused,
    };
  });
}

/** Turns marks on for the site the way the popup's switch does once access is given: the site in the stored list. */
async function turnMarksOn(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.evaluate(async (site) => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: { local: { set(items: object): Promise<void> } }; scripting: { getRegisteredContentScripts(): Promise<unknown[]> } };
      };
      await chrome.storage.local.set({ markedSites: [site] });
      for (let i = 0; i < 100; i++) {
        if ((await chrome.scripting.getRegisteredContentScripts()).length > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the background registered no marks content script');
    }, SITE);
  } finally {
    await page.close();
  }
}

/**
 * One page load. With `probe`, the page runs its task loop (for the longest task); without, it does not (for the
 * times, which the loop would slow down: it keeps the main thread busy between tasks).
 */
async function oneRun(context: BrowserContext, addedHrefs: readonly string[], marks: number, marksAfterAdding: number, probe: boolean) {
  const page = await context.newPage();
  try {
    await page.goto(probe ? `${PAGE_URL}?probe` : PAGE_URL);
    const drawnAt = (count: number) =>
      page
        .waitForFunction(
          (wanted) => {
            const start = performance.getEntriesByName('backstory-marks:start')[0];
            const drawn = (performance.getEntriesByName('backstory-marks:drawn') as PerformanceMark[]).find((entry) => (entry.detail as number) >= wanted);
            return start && drawn ? { start: start.startTime, drawn: drawn.startTime } : null;
          },
          count,
          { timeout: 60_000, polling: 50 },
        )
        .then((handle) => handle.jsonValue());
    const first = (await drawnAt(marks))!;
    const addedAt = await page.evaluate((list) => {
      const ol = document.getElementById('links')!;
      const t0 = performance.now();
      const fragment = document.createDocumentFragment();
      list.forEach((href, i) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = href;
        link.textContent = `More headline ${i}`;
        item.append(link);
        fragment.append(item);
      });
      ol.append(fragment);
      return t0;
    }, addedHrefs);
    const second = (await drawnAt(marksAfterAdding))!;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const seen = await page.evaluate((since) => {
      const bench = (window as unknown as { __bench: { gaps: [number, number][]; longTasks: [number, number][]; running: boolean } }).__bench;
      bench.running = false;
      const after = (list: [number, number][]) => list.filter(([at]) => at >= since).map(([, duration]) => duration);
      return { gaps: after(bench.gaps), longTasks: after(bench.longTasks) };
    }, first.start);
    const count = await page.evaluate(() => document.querySelectorAll('backstory-mark').length);
    if (count !== marksAfterAdding) throw new Error(`${count} marks drawn, not ${marksAfterAdding}`);
    return {
      allDrawnMs: first.drawn - first.start,
      addedDrawnMs: second.drawn - addedAt,
      longestTaskMs: Math.max(0, ...seen.gaps, ...seen.longTasks),
      longTasks: seen.longTasks.length,
    };
  } finally {
    await page.close();
  }
}

/** lookUpMarks over `hrefs` in batches, on the built index: the first pass cold, then warm passes; µs per href. */
async function measureBackground(indexDir: string, hrefs: readonly string[]) {
  const index = await loadContentIndex(folderIndexFiles(indexDir));
  const batches: string[][] = [];
  for (let start = 0; start < hrefs.length; start += MAX_HREFS_PER_BATCH) batches.push(hrefs.slice(start, start + MAX_HREFS_PER_BATCH));
  const pass = async () => {
    let marked = 0;
    const start = performance.now();
    for (const batch of batches) marked += (await lookUpMarks(index, batch)).filter(Boolean).length;
    return { us: ((performance.now() - start) * 1000) / hrefs.length, marked };
  };
  const cold = await pass();
  const warm: number[] = [];
  for (let i = 0; i < BG_PASSES; i++) warm.push((await pass()).us);
  return { coldUsPerHref: cold.us, warmUsPerHref: median(warm), marked: cold.marked };
}
