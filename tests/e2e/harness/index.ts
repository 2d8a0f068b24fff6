/**
 * End-to-end harness: one small API to drive a real headless Chromium or Firefox with an
 * unpacked extension loaded, with no real network.
 *
 *   const session = await launchBrowser('firefox', path.resolve('.output/firefox-mv3'));
 *   try {
 *     const article = await session.openTab('https://www.scmp.com/some/article', html);
 *     const popup = await session.openExtensionPage('/popup.html', { colorScheme: 'dark' });
 *     await popup.waitForSelector('h1');
 *     expect(session.requests().every((u) => ...)).toBe(true);
 *   } finally {
 *     await session.close();
 *   }
 *
 * - Every launch gets a fresh temp profile, removed by close(); close() kills the browser if
 *   it does not exit within 10 s, so a test run never hangs on it.
 * - Every http(s) request is answered locally: the HTML given to openTab()/serve() for that
 *   URL, or a small "offline test page" for any other URL (so tabs the extension opens still
 *   load and show their URL). Nothing leaves the machine; see chromium.ts and firefox.ts for
 *   how, and for Firefox's limits.
 * - availableBrowsers() lists the browsers whose executable exists (/usr/bin/chromium,
 *   /usr/bin/firefox-esr; override with E2E_CHROMIUM_PATH / E2E_FIREFOX_PATH), optionally
 *   narrowed by E2E_BROWSERS=chromium or E2E_BROWSERS=firefox (comma-separated).
 *
 * Per-browser notes a test may need:
 * - extensionOrigin is chrome-extension://<id> or moz-extension://<uuid> (no trailing slash).
 * - In extension pages use `chrome.*` in Chromium and `browser.*` (or `chrome.*`) in Firefox;
 *   match patterns given to tabs.query must not carry a port in Firefox.
 * - The Firefox background is an event page and fetches it makes are only seen by origin.
 * - launchBrowser(name, dir, { passThroughOrigins: ['http://127.0.0.1:PORT'] }) lets requests to a local server
 *   the test started reach it for real (Chromium: Fetch.continueRequest, still logged; Firefox: the BiDi intercept
 *   continues them, and the background's own requests to 127.0.0.1 bypass the proxy, so only that server sees
 *   them: log them there).
 * - Background and console (see types.ts): stopBackground() stops the service worker / event
 *   page as the browser does when idle; isBackgroundRunning(), backgroundMemory();
 *   extensionConsole() lists the errors, warnings and uncaught exceptions of the extension's
 *   background and pages since launch; evaluateInBackground() (Chromium only).
 */
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, launchChromium } from './chromium';
import { FIREFOX_PATH, launchFirefox } from './firefox';
import type { BrowserName, ExtensionSession, LaunchOptions } from './types';

export type { BackgroundMemory, BrowserName, ExtensionConsoleEntry, ExtensionSession, LaunchOptions, TestPage } from './types';

const EXECUTABLES: Record<BrowserName, string> = {
  chromium: CHROMIUM_PATH,
  firefox: FIREFOX_PATH,
};

/** The browsers whose executable exists here (and that E2E_BROWSERS, if set, allows). */
export function availableBrowsers(): BrowserName[] {
  const wanted = process.env.E2E_BROWSERS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return (Object.keys(EXECUTABLES) as BrowserName[]).filter((name) => existsSync(EXECUTABLES[name]) && (!wanted?.length || wanted.includes(name)));
}

/**
 * Launches `name` headless on a fresh profile with the unpacked extension in `extensionDir`
 * (`options.passThroughOrigins`: local servers the test started, reached for real)
 * (a directory holding manifest.json, e.g. .output/chrome-mv3 or .output/firefox-mv3;
 * Firefox needs browser_specific_settings.gecko.id in it). Always close() the session.
 */
export function launchBrowser(name: BrowserName, extensionDir: string, options: LaunchOptions = {}): Promise<ExtensionSession> {
  if (!existsSync(`${extensionDir}/manifest.json`)) {
    return Promise.reject(new Error(`No manifest.json in ${extensionDir} (build the extension first?)`));
  }
  for (const origin of options.passThroughOrigins ?? []) {
    if (!/^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(origin)) return Promise.reject(new Error(`passThroughOrigins: only http://127.0.0.1:PORT, got ${origin}`));
  }
  switch (name) {
    case 'chromium':
      return launchChromium(extensionDir, options);
    case 'firefox':
      return launchFirefox(extensionDir, options);
    default:
      return Promise.reject(new Error(`Unknown browser ${String(name)}`));
  }
}
