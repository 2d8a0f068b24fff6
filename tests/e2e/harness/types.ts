/** The public types of the end-to-end harness. See index.ts for the overview. */

export type BrowserName = 'chromium' | 'firefox';

export type ColorScheme = 'light' | 'dark';

export interface LaunchOptions {
  /**
   * The browser's user-interface language (e.g. 'de'), which extension i18n follows: Chromium's `--lang` (its
   * locale files come from Debian's chromium-l10n), Firefox's `intl.locale.requested` (firefox-esr-l10n-*).
   */
  locale?: string;
  /**
   * Origins (e.g. `http://127.0.0.1:41234`, a local server a test started) whose requests go to the real network
   * instead of being answered locally. They are still logged in requests(). Only loopback origins are allowed.
   */
  passThroughOrigins?: string[];
}

/** One browser tab, driven the same way in both browsers. */
export interface TestPage {
  /** The document's current URL (read from the page itself). */
  url(): Promise<string>;
  /**
   * Runs `fn(...args)` in the page and returns its (awaited) result. `fn` is sent as source
   * text, so it cannot use variables from the test file; `args` and the result must be
   * JSON-serialisable. In extension pages `chrome.*` / `browser.*` are available.
   */
  evaluate<T>(fn: (...args: any[]) => T | Promise<T>, ...args: unknown[]): Promise<T>;
  /** Waits until an element matching `selector` is in the DOM (visible or not). */
  waitForSelector(selector: string, timeoutMs?: number): Promise<void>;
  /**
   * A real (trusted) mouse click in the middle of the element, waiting for it first.
   * `modifiers` are held during the click; `button: 'middle'` is a middle click. So
   * Control/Meta-click or middle-click on a link opens it in a background tab, as for a user.
   */
  click(selector: string, options?: { modifiers?: ('Control' | 'Meta' | 'Shift')[]; button?: 'left' | 'middle' }): Promise<void>;
  /** A real key press on the page, e.g. 'Tab', 'Enter', 'Escape', 'a'. */
  press(key: string): Promise<void>;
  /** textContent of the first element matching `selector`, or null if none (does not wait). */
  textContent(selector: string): Promise<string | null>;
  /** PNG of the viewport; parent directories are created. */
  screenshot(path: string): Promise<void>;
  /** Closes the tab. Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenExtensionPageOptions {
  /** prefers-color-scheme seen by this page (default 'light'). */
  colorScheme?: ColorScheme;
  /** Viewport size in CSS pixels (default: the browser's, 1280x720 in Chromium). */
  viewport?: { width: number; height: number };
}

/** One line of an extension console: an error, warning or uncaught exception of the extension's own code. */
export interface ExtensionConsoleEntry {
  /** The script or page it came from (e.g. chrome-extension://<id>/background.js, moz-extension://<uuid>/popup.html). */
  source: string;
  /** 'exception': uncaught exception or unhandled rejection; 'error'/'warning': console.error/warn/assert or the browser's own report. */
  level: 'error' | 'warning' | 'exception';
  text: string;
}

/** Memory of the extension's background, as far as the browser exposes it. */
export interface BackgroundMemory {
  usedBytes: number;
  totalBytes?: number;
  /** What was measured, and how (differs by browser). */
  what: string;
}

export interface ExtensionSession {
  browserName: BrowserName;
  /** e.g. chrome-extension://<id> or moz-extension://<uuid>, no trailing slash */
  extensionOrigin: string;
  /**
   * Opens a new tab at `url` (any http/https URL, e.g. https://www.scmp.com/some/article) whose
   * response is served locally with `html` (status 200, text/html) instead of the network.
   * Resolves once the page's load event has fired. The URL stays registered: any later
   * navigation to it, in any tab, gets the same HTML.
   */
  openTab(url: string, html: string): Promise<TestPage>;
  /**
   * Registers `html` for `url` without opening a tab, for pages the extension or a click will
   * open later. Unregistered http(s) URLs get a small "offline test page".
   */
  serve(url: string, html: string): void;
  /**
   * Opens an extension page (e.g. '/popup.html?tabId=3') in a new tab, with the colour scheme
   * given (default light). Resolves once the document has finished loading.
   */
  openExtensionPage(path: string, options?: OpenExtensionPageOptions): Promise<TestPage>;
  /**
   * Every request URL the browser made since launch, from any page (including extension
   * pages), in order. Used to prove no request leaves for other origins.
   * Requests that slipped past interception and reached the local sinkhole proxy are included
   * too (an https one only as `https://host/`), except those to the browsers' own service hosts
   * (Mozilla/Google: updates, settings, telemetry) unless `includeBrowserServices` is set.
   */
  requests(options?: { includeBrowserServices?: boolean }): string[];
  /**
   * Stops the extension's background now, as the browser does when it goes idle, and resolves
   * once the browser reports it stopped. The next extension event (a navigation, a tab switch)
   * starts it again.
   * - Chromium: DevTools protocol ServiceWorker.stopWorker on the extension's service worker
   *   version, until its runningStatus is 'stopped' (its target then goes away).
   * - Firefox: the privileged Extension#terminateBackground(), what about:debugging's
   *   "Terminate background script" does (the event page's idle-timeout path), until
   *   backgroundState is 'stopped'. Needs --remote-allow-system-access (the harness sets it).
   */
  stopBackground(): Promise<void>;
  /** Whether the extension's background (service worker / event page) runs right now. */
  isBackgroundRunning(): Promise<boolean>;
  /**
   * Errors, warnings and uncaught exceptions (including unhandled rejections) from the
   * extension's background and its pages, since launch, in order.
   * - Chromium: the service worker through the DevTools protocol (console API, exceptions, Log
   *   entries; replayed from its start-up), extension pages through Playwright (console,
   *   page errors).
   * - Firefox: console API calls of the add-on (any of its documents, matched by add-on id, via
   *   a process script on the extension process's ConsoleAPIStorage) and script errors whose
   *   source is the extension's origin (the browser's console service).
   * Messages of web pages, and the browser's own messages about the extension, are not included.
   */
  extensionConsole(): Promise<ExtensionConsoleEntry[]>;
  /**
   * Memory of the running background, or null if it is not running.
   * - Chromium: the service worker's JS heap, after a garbage collection.
   * - Firefox: the background page's window memory (JS and DOM, about:memory's
   *   explicit/window-objects), after minimizing memory usage. Not the same measure: compare
   *   within one browser only.
   */
  backgroundMemory(): Promise<BackgroundMemory | null>;
  /**
   * Runs `fn(...args)` in the extension's running background and returns its (awaited,
   * JSON-serialisable) result. Chromium only (the service worker, over CDP); Firefox throws,
   * its event page is not reachable from WebDriver BiDi.
   */
  evaluateInBackground<T>(fn: (...args: any[]) => T | Promise<T>, ...args: unknown[]): Promise<T>;
  /** Closes the browser (killing it if it does not exit) and removes its temp profile. */
  close(): Promise<void>;
}
