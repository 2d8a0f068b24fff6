import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishPack, rawPublicKey } from '../../src/publish/publish-pack';
import type { PackManifest } from '../../src/update/pack-manifest';
import { availableBrowsers, type BrowserName, type ExtensionSession, launchBrowser, type TestPage } from './harness';
import { badgeOfFreshTab as freshTabBadge, extensionTabs, inExtension, waitFor } from './harness/control';
import { PackServer } from './pack-server';

// Content packs (issue 10), end to end: an extension built with a small bundled corpus and a local update URL
// (a real static server on 127.0.0.1), packs published with the real `publish`, and the real browsers.
const ROOT = join(import.meta.dirname, '../..');
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
/** The access Firefox asks for when updates are turned on (src/update/update-host-access.ts): the host, no port. */
const UPDATE_HOST_ACCESS = ['http://127.0.0.1/*'];
const HTML = '<!doctype html><title>An article</title><p>Local copy for tests.</p>';

const article = (n: number, quality: number) => ({
  title: `Tidal article number ${n}`,
  webUrl: `https://tides.example/news/${n}`,
  publishedDateTime: `2026-11-${String(10 + n).padStart(2, '0')}T09:00:00Z`,
  quality,
});
const BUNDLED = [1, 2, 3, 4, 5].map((n) => article(n, 50 + n));
// Each pack adds one article: 81 in the first, 82 in the second, 83 in the third.
const NEW = [article(21, 81), article(22, 82), article(23, 83)];

let scratch: string;
let contentDir: string;
let packDir: string;
let server: PackServer;
const builds: Partial<Record<BrowserName, string>> = {};

function writeArticle(dir: string, n: number, fields: object) {
  writeFileSync(join(dir, `article-${n}.md`), `---\n${JSON.stringify(fields)}\n---\n`);
}

async function publishWith(articles: number, at: string): Promise<PackManifest> {
  NEW.slice(0, articles).forEach((fields, i) => writeArticle(contentDir, 21 + i, fields));
  const result = await publishPack({ contentDir, privateKey, outDir: packDir, now: new Date(at) });
  if (!result.published) throw new Error('publish failed');
  return result.manifest;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'backstory-updates-'));
  for (const entry of readdirSync(ROOT)) {
    if (!['node_modules', '.output', '.wxt', '.git', '.tmp', 'content'].includes(entry)) cpSync(join(ROOT, entry), join(scratch, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'));
  contentDir = join(scratch, 'content');
  mkdirSync(contentDir);
  BUNDLED.forEach((fields, i) => writeArticle(contentDir, i + 1, fields));
  packDir = join(scratch, 'pack');
  mkdirSync(packDir);
  server = new PackServer(packDir);
  await server.start();

  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const buildEnv = {
    ...env,
    CONTENT_DIR: contentDir,
    BACKSTORY_UPDATE_URL: server.url,
    BACKSTORY_UPDATE_PUBLIC_KEY: rawPublicKey(publicKey),
    BACKSTORY_BUNDLE_SEQUENCE: '1000',
  };
  for (const browser of availableBrowsers()) {
    const args = browser === 'chromium' ? ['wxt', 'build'] : ['wxt', 'build', '-b', 'firefox'];
    const result = spawnSync('npx', args, { cwd: scratch, env: buildEnv, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
    builds[browser] = join(scratch, '.output', browser === 'chromium' ? 'chrome-mv3' : 'firefox-mv3');
  }
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('a build with an update source', () => {
  it.each(availableBrowsers())('%s: asks for `alarms`, and no host permission', (browserName) => {
    const manifest = JSON.parse(readFileSync(join(builds[browserName]!, 'manifest.json'), 'utf8'));
    const sidePanel = browserName === 'chromium' ? ['sidePanel'] : []; // Chrome's side panel API; Firefox's sidebar needs none
    expect([...manifest.permissions].sort()).toEqual(['activeTab', 'alarms', 'contextMenus', 'scripting', ...sidePanel, 'storage', 'tabs']);
    expect(manifest).not.toHaveProperty('host_permissions');
    expect(manifest.optional_host_permissions).toEqual(['*://*/*']); // link marks only, asked for per site
    // The same connect-src as every build (catalogues may be on any https host, or loopback); the update origin is within it.
    expect(manifest.content_security_policy.extension_pages).toContain(`connect-src 'self' https: http://127.0.0.1:* http://localhost:*;`);
  });
});

describe.each(availableBrowsers())('content packs in %s', (browserName) => {
  let session: ExtensionSession;
  let options: TestPage;
  const { tabIdOf, badgeOf } = extensionTabs(() => options);
  const statusText = () => options.textContent('.update-status');
  const waitForStatus = (pattern: RegExp) => waitFor(statusText, (text) => pattern.test(text ?? ''), 20_000);
  const badgeOfFreshTab = (url: string, expected: string) => freshTabBadge(session, () => options, url, HTML, expected);
  const checkNow = async () => {
    await options.click('button[name="checkNow"]');
  };
  const serverPaths = () => server.log.map((entry) => entry.url);

  beforeAll(async () => {
    for (const file of readdirSync(contentDir)) if (/article-2\d\.md/.test(file)) rmSync(join(contentDir, file));
    rmSync(packDir, { recursive: true, force: true });
    mkdirSync(packDir);
    server.mode = 'serve';
    server.log.length = 0;
    session = await launchBrowser(browserName, builds[browserName]!, { passThroughOrigins: [server.origin] });
    options = await session.openExtensionPage('/options.html');
  });
  afterAll(async () => session?.close());

  it('shows the option off by default, and sends nothing while it is off', async () => {
    await options.waitForSelector('input[name="keepUpToDate"]');
    expect(await options.textContent('.updates label span')).toBe(`Keep articles up to date from 127.0.0.1:${server.port}`);
    expect(await options.evaluate(() => (document.querySelector('input[name="keepUpToDate"]') as HTMLInputElement).checked)).toBe(false);
    const hint = await options.textContent('.updates .hint');
    expect(hint).toMatch(/sees your IP address and that you use Backstory, never which pages you read\./);
    // Firefox asks for access to the update host (src/update/update-host-access.ts); Chrome asks for nothing.
    const asksForAccess = `Turning it on asks for access to 127.0.0.1:${server.port}`;
    if (browserName === 'firefox') expect(hint).toContain(asksForAccess);
    else expect(hint).not.toContain(asksForAccess);
    await publishWith(1, '2026-12-01T06:00:00Z');
    expect(await badgeOfFreshTab(BUNDLED[0].webUrl, '51')).toBe('51');
    expect(await badgeOfFreshTab(NEW[0].webUrl, '')).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.log).toEqual([]);
  });

  it('turned on: downloads the pack, verifies it, and the new article gets its badge and popup without a rebuild', async () => {
    const page = await session.openTab(NEW[0].webUrl, HTML);
    const tabId = (await tabIdOf(NEW[0].webUrl))!;
    await options.click('input[name="keepUpToDate"]');
    expect(await waitForStatus(/^Up to date/)).toMatch(/^Up to date: 6 articles, newest .*2026, checked just now\.$/);
    // Firefox granted the access from the click (the harness's Firefox answers the prompt yes); Chrome asked nothing.
    expect(await inExtension(options, 'async (api, origins) => api.permissions.contains({ origins })', UPDATE_HOST_ACCESS)).toBe(browserName === 'firefox');
    // The tab already open is refreshed at the switch.
    expect(
      await waitFor(
        () => badgeOf(tabId),
        (text) => text === '81',
      ),
    ).toBe('81');
    const popup = await session.openExtensionPage(`/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('[data-state="match"]');
    expect(await popup.textContent('h1')).toBe('Tidal article number 21');
    expect(await popup.textContent('.data-date')).toMatch(/^Articles up to .*2026$/);
    await popup.close();
    await page.close();
    expect(await badgeOfFreshTab(BUNDLED[1].webUrl, '52')).toBe('52');
    // Only the pack's own files, no query, no cookies, no referrer.
    expect(serverPaths().length).toBeGreaterThan(2);
    for (const entry of server.log) {
      expect(entry.url).toMatch(/^\/pack\/(pack\.json|pack\.sig|files\/[0-9a-f]{32})$/);
      expect(entry.cookie).toBeUndefined();
      expect(entry.referer).toBeUndefined();
    }
  });

  it('a tampered file, a body cut short, a server error: the articles in use keep working and the page says why; then the pack installs', async () => {
    const second = await publishWith(2, '2026-12-01T07:00:00Z');
    const firstFiles = new Set(server.log.map((entry) => entry.url));
    const fresh = second.files.find((file) => !firstFiles.has(`/pack/${file.path}`) && file.name === 'meta.json')!;
    const original = readFileSync(join(packDir, fresh.path));
    writeFileSync(join(packDir, fresh.path), Buffer.concat([original.subarray(0, original.length - 1), Buffer.from('X')]));
    await checkNow();
    expect(await waitForStatus(/^Last check failed/)).toMatch(
      /^Last check failed: a downloaded file did not match its signed hash; still using the articles from .*2026\.$/,
    );
    expect(await badgeOfFreshTab(NEW[0].webUrl, '81')).toBe('81');
    expect(await badgeOfFreshTab(NEW[1].webUrl, '')).toBe('');
    writeFileSync(join(packDir, fresh.path), original);

    server.mode = 'cut';
    await checkNow();
    expect(await waitForStatus(/cut short|could not be reached/)).toMatch(
      /^Last check failed: (a download was cut short|the update host could not be reached); still using/,
    );
    server.mode = 'error';
    await checkNow();
    expect(await waitForStatus(/answered with an error/)).toMatch(/^Last check failed: the update host answered with an error; still using/);
    expect(await badgeOfFreshTab(NEW[0].webUrl, '81')).toBe('81');

    server.mode = 'serve';
    await checkNow();
    expect(await waitForStatus(/^Up to date: 7 articles/)).toMatch(/^Up to date: 7 articles/);
    expect(await badgeOfFreshTab(NEW[1].webUrl, '82')).toBe('82');
  });

  it('refuses a rolled-back pack (an older, validly signed manifest) and a bad signature', async () => {
    const sequence = JSON.parse(readFileSync(join(packDir, 'pack.json'), 'utf8')).sequence as number;
    const saved = { json: readFileSync(join(packDir, 'pack.json')), sig: readFileSync(join(packDir, 'pack.sig')) };
    // A manifest signed with the right key but a lower sequence (here 1 below the one in use).
    const { sign } = await import('node:crypto');
    const rolledBack = Buffer.from(JSON.stringify({ ...JSON.parse(saved.json.toString('utf8')), sequence: sequence - 1 }));
    writeFileSync(join(packDir, 'pack.json'), rolledBack);
    writeFileSync(join(packDir, 'pack.sig'), sign(null, rolledBack, privateKey).toString('base64'));
    await checkNow();
    expect(await waitForStatus(/older than/)).toMatch(/^Last check failed: the pack was older than the articles in use; still using/);

    writeFileSync(join(packDir, 'pack.json'), Buffer.from(saved.json.toString('utf8').replace('"articles":7', '"articles":70')));
    writeFileSync(join(packDir, 'pack.sig'), saved.sig);
    await checkNow();
    expect(await waitForStatus(/signature did not verify/)).toMatch(/^Last check failed: the signature did not verify; still using the articles from .*2026\.$/);
    expect(await badgeOfFreshTab(NEW[1].webUrl, '82')).toBe('82');
    writeFileSync(join(packDir, 'pack.json'), saved.json);
    writeFileSync(join(packDir, 'pack.sig'), saved.sig);
  });

  it('fault: the background is stopped in the middle of a download; the next start uses the old pack fully, and the next check completes the new one', async () => {
    await publishWith(3, '2026-12-01T08:00:00Z');
    server.mode = 'slow';
    const before = server.log.length;
    await checkNow();
    await waitFor(
      async () => server.log.slice(before).some((entry) => entry.url.startsWith('/pack/files/')),
      (yes) => yes,
      10_000,
    );
    await session.stopBackground();
    server.mode = 'serve';
    // The next start: the old pack, whole (its articles answer; the half-downloaded pack's new article does not).
    expect(await badgeOfFreshTab(NEW[1].webUrl, '82')).toBe('82');
    expect(await badgeOfFreshTab(BUNDLED[2].webUrl, '53')).toBe('53');
    expect(await badgeOfFreshTab(NEW[2].webUrl, '')).toBe('');
    await options.evaluate(() => location.reload());
    await options.waitForSelector('.update-status');
    // The check the browser stopped is recorded as such (it was under way: the pack's files were being served).
    expect(await waitForStatus(/interrupted/)).toMatch(/^Last check failed: the previous check was interrupted; it resumes at the next one; still using/);
    await checkNow();
    expect(await waitForStatus(/^Up to date: 8 articles/)).toMatch(/^Up to date: 8 articles/);
    expect(await badgeOfFreshTab(NEW[2].webUrl, '83')).toBe('83');
  });

  it('with updates on, requests go only to the update host, only for pack files', async () => {
    // No request carries an identifier of the installation. Chrome sends `Origin: chrome-extension://<id>`, the same
    // for every reader of one build. Firefox would send moz-extension://<a random id per install>; with its access to
    // the update host, its same-origin requests carry no Origin at all (src/update/update-host-access.ts).
    const origins = [...new Set(server.log.map((entry) => entry.origin))];
    expect(origins).toEqual([browserName === 'firefox' ? undefined : session.extensionOrigin]);
    for (const entry of server.log) expect(entry.url).toMatch(/^\/pack\/(pack\.json|pack\.sig|files\/[0-9a-f]{32})$/);
    const opened = new Set([...BUNDLED, ...NEW].map((fields) => fields.webUrl));
    for (const url of session.requests()) {
      // The article tabs the test opened (and the browser's own favicon request for them, answered locally).
      const ok = opened.has(url) || url === 'https://tides.example/favicon.ico' || url.startsWith(server.url);
      expect(ok, url).toBe(true);
    }
    const errors = (await session.extensionConsole()).filter((entry) => entry.level !== 'warning');
    expect(errors).toEqual([]);
  });

  it.runIf(browserName === 'firefox')('without its access to the update host, Firefox requests nothing, and the page says why', async () => {
    expect(await inExtension(options, 'async (api, origins) => api.permissions.remove({ origins })', UPDATE_HOST_ACCESS)).toBe(true);
    const before = server.log.length;
    await checkNow();
    expect(await waitForStatus(/no access/)).toMatch(
      /^Last check failed: Backstory has no access to the update host \(turn the option off and on again to allow it\); still using/,
    );
    expect(server.log.length).toBe(before);
  });
});
