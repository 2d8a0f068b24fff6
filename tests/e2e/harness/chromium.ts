/**
 * Chromium driver: Debian's /usr/bin/chromium through playwright-core, headless, with the
 * unpacked extension loaded by --load-extension into a fresh persistent profile.
 *
 * Network: a browser-level CDP session enables the Fetch domain for every http(s) URL and
 * answers each paused request with the registered HTML or the offline test page; nothing is
 * fetched. Browser-level (not Playwright's `context.route`) because Playwright's route does
 * not cover tabs the browser opens by itself (Control/middle click, chrome.tabs.create): their
 * first request goes out before Playwright attaches to the tab. The browser-level Fetch domain
 * sees requests from every tab, extension page and the extension's service worker.
 * `requests()` is the URL of every paused request, in order, plus whatever reached the
 * sinkhole.
 *
 * Safety net: the browser's proxy is the local Sinkhole (see common.ts), so anything not
 * intercepted (browser-internal traffic, WebSockets) is refused locally instead of going out.
 * Network prediction (preconnect) is switched off in the profile's Preferences, else every
 * navigation would also open a (refused) tunnel to the sinkhole. Chromium still opens one for
 * a fetch() from the service worker, which shows as an extra `https://host/` entry.
 */
import { createHash } from 'node:crypto';
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ChromiumBackground } from './chromium-background';
import {
  Router,
  STEP_TIMEOUT_MS,
  Sinkhole,
  callExpression,
  ensureParentDir,
  isHttpUrl,
  isPassThrough,
  killPids,
  makeProfileDir,
  pidsMentioning,
  removeDir,
  withTimeout,
} from './common';
import type { ExtensionConsoleEntry, ExtensionSession, LaunchOptions, OpenExtensionPageOptions, TestPage } from './types';

export const CHROMIUM_PATH = process.env.E2E_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The id Chromium gives an unpacked extension: sha256 of its absolute path, hex mapped to a-p. */
function unpackedExtensionId(absPath: string): string {
  const hex = createHash('sha256').update(absPath).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Answers every http(s) request of the whole browser from `router`, and logs it. */
async function interceptAllRequests(ctx: BrowserContext, router: Router, passThrough: readonly string[]): Promise<void> {
  const browser = ctx.browser();
  if (!browser) throw new Error('playwright-core gave no Browser for the persistent context');
  const cdp = await browser.newBrowserCDPSession();
  cdp.on('Fetch.requestPaused', (event) => {
    const url = event.request.url;
    router.record(url);
    if (isPassThrough(url, passThrough)) {
      cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => {});
      return;
    }
    cdp
      .send('Fetch.fulfillRequest', {
        requestId: event.requestId,
        responseCode: 200,
        responseHeaders: [
          { name: 'Content-Type', value: 'text/html; charset=utf-8' },
          { name: 'Cache-Control', value: 'no-store' },
        ],
        body: Buffer.from(router.htmlFor(url)).toString('base64'),
      })
      .catch(() => {}); // the tab may have gone away meanwhile
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: 'http://*' }, { urlPattern: 'https://*' }] });
}

function wrapPage(page: Page): TestPage {
  return {
    async url() {
      return page.url();
    },
    async evaluate<T>(fn: (...args: any[]) => T | Promise<T>, ...args: unknown[]): Promise<T> {
      return await page.evaluate(callExpression(fn, args));
    },
    async waitForSelector(selector, timeoutMs = STEP_TIMEOUT_MS) {
      await page.waitForSelector(selector, { state: 'attached', timeout: timeoutMs });
    },
    async click(selector, options = {}) {
      await page.click(selector, {
        modifiers: options.modifiers,
        button: options.button ?? 'left',
        timeout: STEP_TIMEOUT_MS,
      });
    },
    async press(key) {
      await page.keyboard.press(key);
    },
    async textContent(selector) {
      return page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
    },
    async screenshot(path) {
      await ensureParentDir(path);
      await page.screenshot({ path });
    },
    async close() {
      await page.close().catch(() => {});
    },
  };
}

export async function launchChromium(extensionDir: string, options: LaunchOptions = {}): Promise<ExtensionSession> {
  const { locale } = options;
  const extPath = await realpath(extensionDir);
  const router = new Router();
  const sinkhole = new Sinkhole(router);
  const profileDir = await makeProfileDir('chromium');
  let context: BrowserContext | undefined;

  const shutdown = async () => {
    if (context) {
      const ctx = context;
      context = undefined;
      try {
        await withTimeout(ctx.close(), 10_000, 'closing Chromium');
      } catch {
        // Hung or already dead: kill whatever still runs on our profile.
      }
      killPids(await pidsMentioning(profileDir));
    }
    await sinkhole.stop();
    await removeDir(profileDir);
  };

  try {
    const proxyPort = await sinkhole.start();
    // No preconnects/prefetches (network_prediction_options 2 = never).
    await mkdir(path.join(profileDir, 'Default'));
    await writeFile(path.join(profileDir, 'Default', 'Preferences'), JSON.stringify({ net: { network_prediction_options: 2 } }));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      ...(locale ? { locale, env: { ...process.env, LANGUAGE: locale } } : {}),
      viewport: { width: 1280, height: 720 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-domain-reliability',
        '--metrics-recording-only',
        `--proxy-server=http://127.0.0.1:${proxyPort}`,
        `--disable-extensions-except=${extPath}`,
        `--load-extension=${extPath}`,
        ...(locale ? [`--lang=${locale}`] : []),
      ],
    });
    const ctx = context;
    await interceptAllRequests(ctx, router, options.passThroughOrigins ?? []);

    // Console of the extension's pages (its service worker is watched by ChromiumBackground).
    let ourOrigin = 'chrome-extension://'; // narrowed to the extension's origin below
    const extensionConsole: ExtensionConsoleEntry[] = [];
    const isOurPage = (page: Page | null) => !!page && page.url().startsWith(`${ourOrigin}/`);
    ctx.on('console', (message) => {
      const type = message.type();
      if (!isOurPage(message.page()) || !['error', 'warning', 'assert'].includes(type)) return;
      extensionConsole.push({
        source: message.location().url || message.page()!.url(),
        level: type === 'warning' ? 'warning' : 'error',
        text: message.text(),
      });
    });
    ctx.on('weberror', (webError) => {
      if (!isOurPage(webError.page())) return;
      const error = webError.error();
      extensionConsole.push({ source: webError.page()!.url(), level: 'exception', text: error.stack || String(error) });
    });

    // The extension id: the host of its service worker, else computed from the path (MV3
    // extensions without a background have no worker).
    const isOurs = (url: string) => url.startsWith('chrome-extension://');
    let worker = ctx.serviceWorkers().find((w) => isOurs(w.url()));
    if (!worker) {
      worker = await ctx.waitForEvent('serviceworker', { predicate: (w) => isOurs(w.url()), timeout: 10_000 }).catch(() => undefined);
    }
    const extensionId = worker ? new URL(worker.url()).host : unpackedExtensionId(extPath);
    const extensionOrigin = `chrome-extension://${extensionId}`;
    ourOrigin = extensionOrigin;
    const background = new ChromiumBackground(await ctx.browser()!.newBrowserCDPSession(), extensionOrigin, extensionConsole);
    await background.start();

    return {
      browserName: 'chromium',
      extensionOrigin,
      serve: (url, html) => router.serve(url, html),
      requests: (options) => router.requests(options),
      async openTab(url, html) {
        if (!isHttpUrl(url)) throw new Error(`openTab needs an http(s) URL, got ${url}`);
        router.serve(url, html);
        const page = await ctx.newPage();
        await page.goto(url, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
        return wrapPage(page);
      },
      async openExtensionPage(path, options: OpenExtensionPageOptions = {}) {
        const page = await ctx.newPage();
        if (options.viewport) await page.setViewportSize(options.viewport);
        await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
        const suffix = path.startsWith('/') ? path : `/${path}`;
        await page.goto(extensionOrigin + suffix, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
        return wrapPage(page);
      },
      stopBackground: () => background.stop(),
      isBackgroundRunning: () => background.isRunning(),
      backgroundMemory: () => background.memory(),
      async extensionConsole() {
        return [...extensionConsole];
      },
      async evaluateInBackground<T>(fn: (...args: any[]) => T | Promise<T>, ...args: unknown[]): Promise<T> {
        return (await background.evaluate(callExpression(fn, args))) as T;
      },
      close: shutdown,
    };
  } catch (error) {
    await shutdown();
    throw error;
  }
}
