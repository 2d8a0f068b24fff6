import type { ExtensionSession, TestPage } from './types';

/**
 * Runs `fn(api, ...args)` in an extension page, where `api` is the browser's extension API (`browser` in
 * Firefox, `chrome` in Chromium). `fn` is source text, because it runs in the browser.
 */
export function inExtension<T>(page: TestPage, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async (source: string, fnArgs: unknown[]) => {
      const api = (globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome;
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- test-only code running in the test browser, not in the extension
      return new Function('api', 'args', `return (${source})(api, ...args)`)(api, fnArgs);
    },
    fn,
    args,
  ) as Promise<T>;
}

/** Polls `read` until `done` holds or the time is up, and returns the last value (the caller asserts on it). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 8000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, stepMs));
    value = await read();
  }
  return value;
}

/**
 * Tabs and the toolbar, read through an extension page's API (`page()` is called at each read, so a page opened
 * in `beforeAll` can be passed as `() => control`): a tab's id by its exact URL (waiting until it exists), and the
 * badge text and title the extension set for a tab.
 */
export function extensionTabs(page: () => TestPage) {
  return {
    tabIdOf: (url: string) =>
      waitFor(
        () => inExtension<number | null>(page(), `async (api, url) => (await api.tabs.query({})).find((tab) => tab.url === url)?.id ?? null`, url),
        (id) => id !== null,
      ),
    badgeOf: (tabId: number) => inExtension<string>(page(), 'async (api, tabId) => api.action.getBadgeText({ tabId })', tabId),
    titleOf: (tabId: number) => inExtension<string>(page(), 'async (api, tabId) => api.action.getTitle({ tabId })', tabId),
  };
}

/**
 * Opens a fresh tab on `url` (serving `html`), waits until its badge is `expected` (or for a while), closes the tab
 * and returns the badge it had: the check of "does this address light up now?" after a change in the background.
 */
export async function badgeOfFreshTab(session: ExtensionSession, page: () => TestPage, url: string, html: string, expected: string): Promise<string> {
  const { tabIdOf, badgeOf } = extensionTabs(page);
  const tab = await session.openTab(url, html);
  const badge = await waitFor(
    async () => badgeOf((await tabIdOf(url))!),
    (text) => text === expected,
    8000,
  );
  await tab.close();
  return badge;
}
