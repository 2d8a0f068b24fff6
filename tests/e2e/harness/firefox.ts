/**
 * Firefox driver: Debian's /usr/bin/firefox-esr through puppeteer-core 24 over WebDriver BiDi,
 * headless, fresh profile, the extension installed as a temporary add-on.
 *
 * Extension origin: the pref `extensions.webextensions.uuids` pins the add-on's internal UUID
 * (a random one per launch) for the gecko id read from the extension's manifest.json, so the
 * origin is moz-extension://<uuid> before the add-on is even installed.
 *
 * Network, what was chosen:
 * 1. A browser-wide BiDi intercept (`network.addIntercept` with no `contexts`, phase
 *    beforeRequestSent, every http and https URL), added right after launch, before any tab
 *    exists. Every request from every tab (including tabs the extension opens later, and
 *    fetches made by extension pages shown in a tab) is paused and answered with
 *    `network.provideResponse` (the registered HTML or the offline test page), so Firefox
 *    never opens a connection for it. The tab shows the exact https URL asked for.
 *    These URLs come from `network.beforeRequestSent` events and go into requests().
 * 2. Safety net: Firefox's proxy prefs point at the local Sinkhole (common.ts). BiDi only sees
 *    requests that belong to a tab, so requests made by the extension's background page (and
 *    by Firefox itself) go to the sinkhole, which answers plain http locally and refuses https
 *    CONNECTs. They are logged too: an https one only as `https://host/` (its path is
 *    encrypted), so background fetches are visible by origin but not by path.
 * 3. Firefox's own services are kept quiet (remote settings pointed at a `data:` URL, which
 *    needs MOZ_REMOTE_SETTINGS_DEVTOOLS=1; telemetry, captive portal, DNS prefetch off).
 *    Sinkhole hits for Mozilla/Google service hosts are kept out of requests() by default.
 * Limits: moz-extension:// loads themselves are not reported (BiDi does not show them);
 * responses from a background fetch fail (https is refused), they are never served.
 *
 * Extension pages: BiDi never reports the load event of a moz-extension:// navigation, so
 * `goto` is not awaited; the page is polled until it shows the requested origin and path and
 * document.readyState is 'complete'.
 *
 * Colour scheme: Firefox over BiDi has no prefers-color-scheme emulation (puppeteer's
 * emulateMediaFeatures is CDP only). With --remote-allow-system-access the harness runs a
 * script in the browser's chrome scope and sets `prefersColorSchemeOverride` on the tab's
 * top-level BrowsingContext (what DevTools does), found through the remote agent's
 * NavigableManager module (Firefox internals; verified on 153 ESR). That override is per tab.
 * The first navigation from about:blank to moz-extension:// replaces the BrowsingContext, so
 * the page is loaded, the override set, and the page loaded again if it saw the wrong scheme.
 * If that internal module ever goes away, the harness falls back to the global pref
 * `layout.css.prefers-color-scheme.content-override` (0 dark, 1 light), which then applies to
 * every tab of the session (the last openExtensionPage call wins).
 *
 * Background and console, through the same privileged scope (Firefox internals, verified on
 * 153 ESR): stopBackground() calls the add-on's Extension#terminateBackground() (what
 * about:debugging's "Terminate background script" and the idle timer use) and checks
 * backgroundState; backgroundMemory() reads about:memory's reports for the event page's
 * window; extensionConsole() is filled by a console-service listener and a process script in
 * the extension process (see consoleCollectorScript). The event page is not a BiDi browsing
 * context, so evaluateInBackground() is not available here.
 */
import { randomUUID } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import puppeteer, { type Browser, type KeyInput, type Page } from 'puppeteer-core';
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
  sleep,
  withTimeout,
} from './common';
import type { BackgroundMemory, ColorScheme, ExtensionConsoleEntry, ExtensionSession, LaunchOptions, OpenExtensionPageOptions, TestPage } from './types';

export const FIREFOX_PATH = process.env.E2E_FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The raw WebDriver BiDi connection puppeteer's BidiBrowser keeps (not in its public types). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: any }>;
  on(event: string, handler: (params: any) => void): unknown;
  off(event: string, handler: (params: any) => void): unknown;
}

function bidiConnection(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!connection || typeof connection.send !== 'function' || typeof connection.on !== 'function') {
    throw new Error('puppeteer-core did not expose its WebDriver BiDi connection');
  }
  return connection;
}

/** The WebDriver BiDi browsing context id of a page's tab (puppeteer keeps it as the frame id). */
function contextIdOf(page: Page): string {
  const id = (page.mainFrame() as unknown as { _id?: unknown })._id;
  if (typeof id !== 'string') throw new Error('puppeteer-core did not expose the BiDi context id');
  return id;
}

async function geckoIdOf(extensionDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id ?? manifest.applications?.gecko?.id;
  if (typeof id !== 'string' || !id) {
    throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  }
  return id;
}

function firefoxPrefs(geckoId: string, uuid: string, proxyPort: number): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    // Everything not answered by the BiDi intercept goes to the local sinkhole.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    // Firefox's own traffic, off.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.predictor.enabled': false,
    'network.prefetch-next': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.server': '',
    'datareporting.usage.uploadEnabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.getAddons.showPane': false,
    'browser.region.update.enabled': false,
    'browser.region.network.url': '',
    'browser.search.geoip.url': '',
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.topsites.contile.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.aboutHomeSnippets.updateUrl': '',
    'media.gmp-gmpopenh264.enabled': false,
    // permissions.request from a click in an extension page is granted without a prompt (which automation cannot
    // answer), so the reader's "grant" path of optional permissions runs for real (link marks).
    'extensions.webextOptionalPermissionPrompts': false,
    // Links opened with Ctrl/middle click stay in the background, as for a default user.
    'browser.tabs.loadInBackground': true,
  };
}

/**
 * Resolves once `page` shows a document at the origin and path of `url` (query and hash may
 * differ: the page may rewrite them) whose readyState is 'complete' and for which `accept`
 * (a JS expression) is true.
 */
async function waitForDocument(page: Page, url: string, accept = 'true'): Promise<void> {
  const { protocol, host, pathname } = new URL(url);
  const origin = `${protocol}//${host}`; // URL#origin is 'null' for moz-extension: in Node
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  const probe =
    `location.origin === ${JSON.stringify(origin)} && location.pathname === ${JSON.stringify(pathname)}` + ` && document.readyState === 'complete' && (${accept})`;
  for (;;) {
    const ok = await page.evaluate(probe).catch(() => false); // the realm may be mid-navigation
    if (ok === true) return;
    if (Date.now() > deadline) {
      const where = await page.evaluate('location.href + " " + document.readyState').catch(() => '?');
      throw new Error(`Timed out waiting for ${url} to load (page is at ${String(where)})`);
    }
    await sleep(50);
  }
}

function wrapPage(page: Page): TestPage {
  return {
    async url() {
      // page.url() is not updated for moz-extension:// navigations; ask the document.
      return ((await page.evaluate('location.href').catch(() => null)) as string | null) ?? page.url();
    },
    async evaluate<T>(fn: (...args: any[]) => T | Promise<T>, ...args: unknown[]): Promise<T> {
      return (await page.evaluate(callExpression(fn, args))) as T;
    },
    async waitForSelector(selector, timeoutMs = STEP_TIMEOUT_MS) {
      await page.waitForSelector(selector, { timeout: timeoutMs });
    },
    async click(selector, options = {}) {
      await page.waitForSelector(selector, { timeout: STEP_TIMEOUT_MS });
      const modifiers = options.modifiers ?? [];
      for (const key of modifiers) await page.keyboard.down(key);
      try {
        await page.click(selector, { button: options.button ?? 'left' });
      } finally {
        for (const key of [...modifiers].reverse()) await page.keyboard.up(key);
      }
    },
    async press(key) {
      await page.keyboard.press(key as KeyInput);
    },
    async textContent(selector) {
      return (await page.evaluate(callExpression((s: string) => document.querySelector(s)?.textContent ?? null, [selector]))) as string | null;
    },
    async screenshot(file) {
      await ensureParentDir(file);
      await page.screenshot({ path: file });
    },
    async close() {
      await page.close().catch(() => {});
    },
  };
}

/**
 * Privileged (chrome-scope) script that starts collecting the add-on's console into
 * `globalThis.__harnessExtensionConsole` of the browser window:
 * - script errors (uncaught exceptions, unhandled rejections, CSP and other errors the engine
 *   reports) reach the parent's console service from every process; kept if their script or
 *   their document is at the extension's origin;
 * - console API calls stay in the process that made them (the extension process), so a
 *   process script there listens to its ConsoleAPIStorage, keeps the add-on's errors, warnings
 *   and failed assertions (by add-on id, which covers the background page and every extension
 *   page) and sends them to the parent.
 */
function consoleCollectorScript(geckoId: string, extensionOrigin: string): string {
  const processScript = `
    const storage = Cc['@mozilla.org/consoleAPI-storage;1'].getService(Ci.nsIConsoleAPIStorage);
    const levels = { error: 'error', warn: 'warning', assert: 'error' };
    const text = (value) => {
      try {
        if (typeof value === 'string') return value;
        if (value && typeof value === 'object' && !('stack' in value)) return JSON.stringify(value);
        return String(value);
      } catch {
        return '?';
      }
    };
    const onEvent = (event) => {
      const message = event.wrappedJSObject ?? event;
      if (message.addonId !== ${JSON.stringify(geckoId)} || !(message.level in levels)) return;
      sendAsyncMessage('harness:extension-console', {
        source: String(message.filename ?? ''),
        level: levels[message.level],
        text: Array.from(message.arguments ?? [], text).join(' '),
      });
    };
    for (const event of storage.getEvents()) onEvent(event);
    storage.addLogEventListener(onEvent, Services.scriptSecurityManager.getSystemPrincipal());
  `;
  return `(() => {
    const origin = ${JSON.stringify(`${extensionOrigin}/`)};
    const log = (globalThis.__harnessExtensionConsole = []);
    Services.console.registerListener({
      observe(message) {
        let error;
        try {
          error = message.QueryInterface(Ci.nsIScriptError);
        } catch {
          return;
        }
        // By the script it came from, or by the document it happened in (an extension page or
        // the event page, whatever script threw).
        let documentUrl = '';
        try {
          documentUrl = WindowGlobalParent.getByInnerWindowId(error.innerWindowID)?.documentURI?.spec ?? '';
        } catch {}
        if (!String(error.sourceName).startsWith(origin) && !documentUrl.startsWith(origin)) return;
        const warning = (error.flags & Ci.nsIScriptError.warningFlag) !== 0;
        const script = /javascript/i.test(error.category ?? '');
        log.push({ source: error.sourceName, level: warning ? 'warning' : script ? 'exception' : 'error', text: error.errorMessage });
      },
    });
    Services.ppmm.addMessageListener('harness:extension-console', (message) => log.push(message.data));
    Services.ppmm.loadProcessScript('data:,' + encodeURIComponent(${JSON.stringify(processScript)}), true);
    return true;
  })()`;
}

/**
 * Privileged script: minimizes memory usage (GC and CC in every process), then sums the
 * about:memory reports under explicit/window-objects/top(<background page URL>) (JS realms and
 * DOM of the event page's window). JSON of a BackgroundMemory, or null if it is not loaded.
 */
function backgroundMemoryScript(backgroundPageUrl: string): string {
  // about:memory writes the slashes of URLs in its paths as backslashes.
  const prefix = `explicit/window-objects/top(${backgroundPageUrl.replaceAll('/', '\\')},`;
  return `new Promise((resolve, reject) => {
    const manager = Cc['@mozilla.org/memory-reporter-manager;1'].getService(Ci.nsIMemoryReporterManager);
    const prefix = ${JSON.stringify(prefix)};
    let used = 0;
    let found = false;
    manager.minimizeMemoryUsage(() => {
      try {
        manager.getReports(
          (process, path, kind, units, amount) => {
            if (units !== Ci.nsIMemoryReporter.UNITS_BYTES || !path.startsWith(prefix)) return;
            found = true;
            used += amount;
          },
          null,
          () => resolve(JSON.stringify(found ? {
            usedBytes: used,
            what: 'background page window memory (JS and DOM; about:memory explicit/window-objects after minimizeMemoryUsage)',
          } : null)),
          null,
          false,
        );
      } catch (error) {
        reject(error);
      }
    });
  })`;
}

export async function launchFirefox(extensionDir: string, options: LaunchOptions = {}): Promise<ExtensionSession> {
  const passThrough = options.passThroughOrigins ?? [];
  const { locale } = options;
  const extPath = await realpath(extensionDir);
  const geckoId = await geckoIdOf(extPath);
  const uuid = randomUUID();
  const extensionOrigin = `moz-extension://${uuid}`;
  const router = new Router();
  const sinkhole = new Sinkhole(router);
  const profileDir = await makeProfileDir('firefox');
  let browser: Browser | undefined;

  const shutdown = async () => {
    if (browser) {
      const b = browser;
      browser = undefined;
      const pid = b.process()?.pid;
      try {
        await withTimeout(b.close(), 10_000, 'closing Firefox');
      } catch {
        // Hung or already dead: kill it below.
      }
      killPids([...(pid ? [pid] : []), ...(await pidsMentioning(profileDir))]);
    }
    await sinkhole.stop();
    await removeDir(profileDir);
  };

  try {
    const proxyPort = await sinkhole.start();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profileDir,
      defaultViewport: { width: 1280, height: 720 },
      args: ['--remote-allow-system-access'],
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      extraPrefsFirefox: { ...firefoxPrefs(geckoId, uuid, proxyPort), ...(locale ? { 'intl.locale.requested': locale } : {}) },
      protocolTimeout: 30_000,
    });
    const b = browser;
    const bidi = bidiConnection(b);

    // 1. Answer every http(s) request of every tab locally.
    bidi.on('network.beforeRequestSent', (event) => {
      const url: string = event?.request?.url ?? '';
      if (url) router.record(url);
      if (!event?.isBlocked) return;
      if (isPassThrough(url, passThrough)) {
        bidi.send('network.continueRequest', { request: event.request.request }).catch(() => {});
        return;
      }
      bidi
        .send('network.provideResponse', {
          request: event.request.request,
          statusCode: 200,
          reasonPhrase: 'OK',
          headers: [
            { name: 'Content-Type', value: { type: 'string', value: 'text/html; charset=utf-8' } },
            { name: 'Cache-Control', value: { type: 'string', value: 'no-store' } },
          ],
          body: { type: 'string', value: router.htmlFor(url) },
        })
        .catch(() => {}); // the tab may have gone away meanwhile
    });
    await bidi.send('network.addIntercept', {
      phases: ['beforeRequestSent'],
      urlPatterns: [
        { type: 'pattern', protocol: 'http' },
        { type: 'pattern', protocol: 'https' },
      ],
    });

    /** Runs `expression` in the browser's chrome (privileged) scope. */
    const chromeEval = async (expression: string): Promise<unknown> => {
      const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
      const context = tree.result.contexts?.[0]?.context;
      if (!context) throw new Error('No Firefox chrome window found');
      const { result } = await bidi.send('script.evaluate', {
        expression,
        target: { context },
        awaitPromise: true,
      });
      if (result.type === 'exception') throw new Error(result.exceptionDetails?.text ?? 'chrome script failed');
      return result.result?.value;
    };

    // Collect the extension's console (errors, warnings, uncaught exceptions) from its start.
    await chromeEval(consoleCollectorScript(geckoId, extensionOrigin));

    await b.installExtension(extPath);

    /** Makes the tab of `page` see `scheme`; true if per tab, false if the global pref was used. */
    const setColorScheme = async (page: Page, scheme: ColorScheme): Promise<boolean> => {
      const contextId = contextIdOf(page);
      try {
        const value = await chromeEval(`(() => {
          const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
          const bc = NavigableManager.getBrowsingContextById(${JSON.stringify(contextId)});
          bc.prefersColorSchemeOverride = ${JSON.stringify(scheme)};
          return bc.prefersColorSchemeOverride;
        })()`);
        if (value === scheme) return true;
      } catch {
        // Fall through to the global pref.
      }
      await chromeEval(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1}); true`);
      return false;
    };

    return {
      browserName: 'firefox',
      extensionOrigin,
      serve: (url, html) => router.serve(url, html),
      requests: (options) => router.requests(options),
      async openTab(url, html) {
        if (!isHttpUrl(url)) throw new Error(`openTab needs an http(s) URL, got ${url}`);
        router.serve(url, html);
        const page = await b.newPage();
        await page.goto(url, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
        return wrapPage(page);
      },
      async openExtensionPage(pagePath, options: OpenExtensionPageOptions = {}) {
        const scheme = options.colorScheme ?? 'light';
        const url = new URL(pagePath.startsWith('/') ? pagePath : `/${pagePath}`, extensionOrigin).href;
        const page = await b.newPage();
        if (options.viewport) await page.setViewport(options.viewport);
        // BiDi never reports this load event: start the navigation, then poll the document.
        const navigate = () => bidi.send('browsingContext.navigate', { context: contextIdOf(page), url, wait: 'none' });
        await navigate();
        await waitForDocument(page, url);
        const sawDark = await page.evaluate(`matchMedia('(prefers-color-scheme: dark)').matches`);
        await setColorScheme(page, scheme);
        if (sawDark !== (scheme === 'dark')) {
          // Load again so that the page's scripts see the scheme from their very start.
          await page.evaluate('window.__harnessStale = true');
          await navigate();
          await waitForDocument(page, url, '!window.__harnessStale');
        }
        return wrapPage(page);
      },
      async stopBackground() {
        const state = await chromeEval(`(async () => {
          const extension = WebExtensionPolicy.getByID(${JSON.stringify(geckoId)})?.extension;
          if (!extension) throw new Error('add-on not found');
          // Without forcing first, as the idle timer does (it waits for pending listeners); then forced.
          for (let attempt = 0; attempt < 20 && extension.backgroundState !== 'stopped'; attempt++) {
            if (extension.backgroundState === 'running') {
              await extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: attempt >= 10 });
            }
            if (extension.backgroundState !== 'stopped') await new Promise((resolve) => setTimeout(resolve, 100));
          }
          return extension.backgroundState;
        })()`);
        if (state !== 'stopped') throw new Error(`stopBackground: the event page is still ${String(state)}`);
      },
      async isBackgroundRunning() {
        const state = await chromeEval(`WebExtensionPolicy.getByID(${JSON.stringify(geckoId)})?.extension?.backgroundState ?? 'none'`);
        return state === 'running' || state === 'starting';
      },
      async backgroundMemory() {
        const json = await chromeEval(backgroundMemoryScript(`${extensionOrigin}/_generated_background_page.html`));
        return JSON.parse(String(json)) as BackgroundMemory | null;
      },
      async extensionConsole() {
        return JSON.parse(String(await chromeEval('JSON.stringify(globalThis.__harnessExtensionConsole ?? [])'))) as ExtensionConsoleEntry[];
      },
      async evaluateInBackground() {
        throw new Error('evaluateInBackground is not supported in Firefox: its event page is not reachable over WebDriver BiDi');
      },
      close: shutdown,
    };
  } catch (error) {
    await shutdown();
    throw error;
  }
}
