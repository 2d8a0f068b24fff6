import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueIdOf, keyFingerprint } from '../../src/catalogues/catalogue-descriptor';
import { publishPack, rawPublicKey } from '../../src/publish/publish-pack';
import { availableBrowsers, type BrowserName, type ExtensionSession, launchBrowser, type TestPage } from './harness';
import { badgeOfFreshTab as freshTabBadge, extensionTabs, inExtension, waitFor } from './harness/control';
import { PackServer } from './pack-server';

// Catalogues (issue 22) in real headless browsers: three catalogues published with the real `publish`, each on its own
// real static server on 127.0.0.1, added through the options page's "Add a catalogue by URL" with real clicks.
//
// What is covered where (as for link marks, tests/e2e/marks.test.ts):
// - Firefox: the production build. The click's permissions.request for the catalogue's host is granted without a
//   prompt (extensions.webextOptionalPermissionPrompts=false); Remove gives the access back.
// - Chromium: its prompt cannot be answered by automation, so the e2e build (.output/chrome-mv3-e2e), whose manifest
//   also grants http://127.0.0.1/* at install; the same click runs the same permissions.request, which Chromium
//   resolves at once. Not covered in Chromium: the prompt, and giving the access back.
const ROOT = join(import.meta.dirname, '../..');
const OUTPUT: Record<BrowserName, string> = { chromium: join(ROOT, '.output/chrome-mv3-e2e'), firefox: join(ROOT, '.output/firefox-mv3') };
const HTML = '<!doctype html><title>An article</title><p>Local copy for tests.</p>';
const SHARED = {
  title: 'Seagrass meadows recover along the coast',
  webUrl: 'https://shared.example/news/seagrass',
  publishedDateTime: '2026-11-20T09:00:00Z',
  quality: 64,
};
const article = (host: string, n: number, quality: number) => ({
  title: `${host} story ${n}`,
  webUrl: `https://${host}.example/news/${n}`,
  publishedDateTime: `2026-11-1${n}T09:00:00Z`,
  quality,
});
const CATALOGUES = {
  reefs: { name: 'Reef Watch', articles: [article('reefs', 1, 71), article('reefs', 2, 72), SHARED] },
  dunes: { name: 'Dune Daily', articles: [article('dunes', 1, 81), SHARED] },
  // Published, then its signature replaced by one made with another key: refused, whatever else it holds.
  tampered: { name: 'Tampered Tides', articles: [article('tides', 1, 91)] },
};
type Name = keyof typeof CATALOGUES;

let scratch: string;
const servers = {} as Record<Name, PackServer>;
const ids = {} as Record<Name, { id: string; fingerprint: string }>;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'backstory-catalogues-'));
  for (const [name, { name: title, articles }] of Object.entries(CATALOGUES) as [Name, (typeof CATALOGUES)[Name]][]) {
    const content = join(scratch, `${name}-content`);
    const out = join(scratch, name);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(content, { recursive: true });
    articles.forEach((fields, i) => writeFileSync(join(content, `a-${i}.md`), `---\n${JSON.stringify(fields)}\n---\n`));
    const key = generateKeyPairSync('ed25519');
    const result = await publishPack({
      contentDir: content,
      privateKey: key.privateKey,
      outDir: out,
      catalogue: { name: title, description: `${title}: a test catalogue`, licence: 'CC0-1.0' },
    });
    if (!result.published) throw new Error(`${name}: not published`);
    if (name === 'tampered')
      writeFileSync(join(out, 'pack.sig'), sign(null, readFileSync(join(out, 'pack.json')), generateKeyPairSync('ed25519').privateKey).toString('base64'));
    const fingerprint = await keyFingerprint(rawPublicKey(key.publicKey));
    ids[name] = { id: catalogueIdOf(fingerprint), fingerprint };
    servers[name] = new PackServer(out);
    await servers[name].start();
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.stop()));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.each(availableBrowsers())('catalogues in %s', (browserName) => {
  let session: ExtensionSession;
  let options: TestPage;
  const { tabIdOf, badgeOf } = extensionTabs(() => options);
  const row = (name: Name) => `li[data-catalogue="${ids[name].id}"]`;
  const badgeOfFreshTab = (url: string, expected: string) => freshTabBadge(session, () => options, url, HTML, expected);
  const add = async (name: Name) => {
    await options.evaluate((url: string) => {
      const input = document.querySelector<HTMLInputElement>('input[name="catalogueUrl"]')!;
      input.value = url;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, `${servers[name].url}catalogue.json`);
    await options.click('button[name="addCatalogue"]');
    await options.waitForSelector('.catalogue-preview', 10_000);
    const preview = await options.textContent('.catalogue-preview');
    await options.click('button[name="confirmCatalogue"]');
    return preview;
  };
  const statusOf = (name: Name, pattern: RegExp) =>
    waitFor(
      () => options.textContent(`${row(name)} .catalogue-status`),
      (text) => pattern.test(text ?? ''),
      20_000,
    );
  const popupCatalogueLine = async (url: string, screenshot?: string) => {
    const page = await session.openTab(url, HTML);
    const tabId = (await tabIdOf(url))!;
    await waitFor(
      () => badgeOf(tabId),
      (text) => text !== '',
    );
    const popup = await session.openExtensionPage(`/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('[data-state="match"]');
    const line = await popup.textContent('.answer-catalogue');
    if (screenshot) await popup.screenshot(join(ROOT, screenshot));
    await popup.close();
    await page.close();
    return line;
  };

  beforeAll(async () => {
    for (const server of Object.values(servers)) server.log.length = 0;
    session = await launchBrowser(browserName, OUTPUT[browserName], { passThroughOrigins: Object.values(servers).map((server) => server.origin) });
    options = await session.openExtensionPage('/options.html');
  });
  afterAll(async () => session?.close());

  it('a fresh install lists the bundled catalogue and requests nothing', async () => {
    await options.waitForSelector('li[data-catalogue="bundled"] .catalogue-status');
    expect(await options.textContent('li[data-catalogue="bundled"]')).toMatch(/^Backstory \(bundled\)Built in, always on: 179 articles, newest /);
    expect(await badgeOfFreshTab(CATALOGUES.reefs.articles[0].webUrl, '')).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const server of Object.values(servers)) expect(server.log).toEqual([]);
  });

  it('two catalogues added: each shows its name, host and key before subscribing, and both answer', async () => {
    const preview = await add('reefs');
    expect(preview).toContain('Reef Watch');
    expect(preview).toContain(`from 127.0.0.1:${servers.reefs.port}`);
    expect(preview).toContain(`Key ${ids.reefs.fingerprint}`);
    expect(await statusOf('reefs', /^Up to date/)).toMatch(/^Up to date: 3 articles, newest .*2026, checked just now\.$/);
    expect(await badgeOfFreshTab(CATALOGUES.reefs.articles[1].webUrl, '72')).toBe('72');

    await add('dunes');
    expect(await statusOf('dunes', /^Up to date/)).toMatch(/^Up to date: 2 articles/);
    expect(await badgeOfFreshTab(CATALOGUES.dunes.articles[0].webUrl, '81')).toBe('81');
    expect(await badgeOfFreshTab(CATALOGUES.reefs.articles[0].webUrl, '71')).toBe('71');
    // The article both have: from the first added, naming the other.
    expect(await popupCatalogueLine(SHARED.webUrl, `.tmp/screenshots/catalogues-popup-${browserName}.png`)).toBe('From Reef Watch, also in Dune Daily');
    await options.evaluate(() => document.querySelector('.catalogues')?.scrollIntoView());
    await options.screenshot(join(ROOT, `.tmp/screenshots/catalogues-options-${browserName}.png`));
  });

  it('a catalogue whose pack is signed by another key is refused, and the others keep answering', async () => {
    await add('tampered');
    expect(await statusOf('tampered', /failed/)).toBe('Last check failed: the signature did not verify.');
    expect(await options.evaluate((selector: string) => document.querySelector(selector)?.getAttribute('data-state'), row('tampered'))).toBe('failing');
    expect(await badgeOfFreshTab(CATALOGUES.tampered.articles[0].webUrl, '')).toBe('');
    expect(await badgeOfFreshTab(CATALOGUES.dunes.articles[0].webUrl, '81')).toBe('81');
  });

  it('one removed: its articles go, with its data; the others lose nothing', async () => {
    await options.click(`${row('reefs')} button[name="removeCatalogue"]`);
    await waitFor(
      () => options.textContent(row('reefs')),
      (text) => text === null,
    );
    expect(await badgeOfFreshTab(CATALOGUES.reefs.articles[1].webUrl, '')).toBe('');
    expect(await badgeOfFreshTab(CATALOGUES.dunes.articles[0].webUrl, '81')).toBe('81');
    expect(await popupCatalogueLine(SHARED.webUrl)).toBe('From Dune Daily');
    const databases = await options.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
    expect(databases).not.toContain(`backstory-catalogue-${ids.reefs.id}`);
    expect(databases).toContain(`backstory-catalogue-${ids.dunes.id}`);
  });

  it('requests went only to the catalogues added, only for their files, with no cookie, referrer or Origin', async () => {
    for (const server of Object.values(servers)) {
      for (const entry of server.log) {
        expect(entry.url).toMatch(/^\/pack\/(catalogue\.json|pack\.json|pack\.sig|files\/[0-9a-f]{32})$/);
        expect(entry.cookie).toBeUndefined();
        expect(entry.referer).toBeUndefined();
        expect(entry.origin).toBeUndefined();
      }
    }
    const opened = new Set(Object.values(CATALOGUES).flatMap(({ articles }) => articles.map((fields) => fields.webUrl)));
    for (const url of session.requests()) {
      const ok = opened.has(url) || url.endsWith('/favicon.ico') || Object.values(servers).some((server) => url.startsWith(server.url));
      expect(ok, url).toBe(true);
    }
    const errors = (await session.extensionConsole()).filter((entry) => entry.level !== 'warning');
    expect(errors).toEqual([]);
  });

  it.runIf(browserName === 'firefox')("removing the last catalogue on a host gives that host's access back", async () => {
    const hasAccess = () => inExtension<boolean>(options, 'async (api) => api.permissions.contains({ origins: ["http://127.0.0.1/*"] })');
    expect(await hasAccess()).toBe(true);
    await options.click(`${row('dunes')} button[name="removeCatalogue"]`);
    await waitFor(
      () => options.textContent(row('dunes')),
      (text) => text === null,
    );
    expect(await hasAccess()).toBe(true); // Tampered Tides is on the same host
    await options.click(`${row('tampered')} button[name="removeCatalogue"]`);
    expect(await waitFor(hasAccess, (granted) => !granted)).toBe(false);
  });
});
