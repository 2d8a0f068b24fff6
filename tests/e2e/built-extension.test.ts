import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Checks of what we ship, on the real builds (npm run build:all runs before this file).
const ROOT = join(import.meta.dirname, '../..');
const BUILDS = { chrome: join(ROOT, '.output/chrome-mv3'), firefox: join(ROOT, '.output/firefox-mv3') };
/** The e2e build (npm run build:e2e): Chrome's, with the link marks test site granted at install (tests/e2e/marks.test.ts). */
const E2E_BUILD = join(ROOT, '.output/chrome-mv3-e2e');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The "Permissions" section of docs/privacy.md: its table of permissions, each with why it is asked for. */
function permissionsSection(): string {
  const privacy = readFileSync(join(ROOT, 'docs/privacy.md'), 'utf8');
  const start = privacy.indexOf('\n## Permissions\n');
  expect(start, 'docs/privacy.md has a "## Permissions" section').toBeGreaterThan(-1);
  const end = privacy.indexOf('\n## ', start + 1);
  return privacy.slice(start, end === -1 ? undefined : end);
}

/**
 * The permissions docs/privacy.md's "Permissions" table documents, read from the page itself. A row that says
 * "Only in builds with an update source" is a permission of those builds only (tests/e2e/updates.test.ts).
 */
function documentedPermissions(which: 'default' | 'update-source' = 'default'): string[] {
  return [...permissionsSection().matchAll(/^\| `(\w+)` \| (.*)$/gm)]
    .filter((match) => match[2].startsWith('Only in builds with an update source') === (which === 'update-source'))
    .map((match) => match[1])
    .sort();
}

/** The optional host permissions the same table documents (rows `| \`pattern\` (optional host permission) |`). */
function documentedOptionalHosts(): string[] {
  return [...permissionsSection().matchAll(/^\| `([^`]+)` \(optional host permission\) \|/gm)].map((match) => match[1]).sort();
}

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; connect-src 'self' https: http://127.0.0.1:* http://localhost:*; img-src 'self' data: https:; style-src 'self'";

describe.each(Object.entries(BUILDS))('the %s build', (browser, dir) => {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const scripts = filesUnder(dir).filter((file) => /\.(m?js)$/.test(file));
  const pages = filesUnder(dir).filter((file) => file.endsWith('.html'));

  it('requests exactly the documented permissions: host access only as optional, asked for per site; no content scripts', () => {
    // `sidePanel` is Chrome's side panel API; Firefox's sidebar needs no permission.
    const documented = documentedPermissions().filter((permission) => browser === 'chrome' || permission !== 'sidePanel');
    expect([...manifest.permissions].sort()).toEqual(documented);
    expect(documentedPermissions()).toEqual(['activeTab', 'alarms', 'contextMenus', 'scripting', 'sidePanel', 'storage', 'tabs']);
    expect(manifest.optional_host_permissions).toEqual(documentedOptionalHosts());
    expect(documentedOptionalHosts()).toEqual(['*://*/*']);
    expect(documentedPermissions('update-source')).toEqual([]);
    for (const key of ['host_permissions', 'optional_permissions', 'content_scripts', 'web_accessible_resources', 'externally_connectable']) {
      expect(manifest, key).not.toHaveProperty(key);
    }
  });

  it('ships the link marks content script, registered at run time only (not in the manifest)', () => {
    const script = readFileSync(join(dir, 'content-scripts/marks.js'), 'utf8');
    expect(script).toContain('backstory-mark');
    expect(script).not.toContain('backstory-marks:start'); // the e2e build's timing marks stay out of real builds
    expect(JSON.stringify(manifest)).not.toContain('marks.js');
  });

  it.runIf(browser === 'chrome')('has an e2e twin that differs only by the test sites granted at install (marks, catalogues)', () => {
    const e2e = JSON.parse(readFileSync(join(E2E_BUILD, 'manifest.json'), 'utf8'));
    const { host_permissions: hosts, ...rest } = e2e;
    expect(hosts).toEqual(['*://*.marks-granted.example/*', 'http://127.0.0.1/*']);
    expect(rest).toEqual(manifest);
  });

  it('declares an explicit content security policy for extension pages', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.content_security_policy).toEqual({ extension_pages: EXPECTED_CSP });
  });

  it.runIf(browser === 'firefox')('carries a fixed gecko id and declares that it collects no data', () => {
    expect(manifest.browser_specific_settings.gecko).toEqual({
      id: 'backstory@backstory-extension.org',
      strict_min_version: '142.0',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it.runIf(browser === 'chrome')('keeps Firefox-only keys out of the Chrome manifest', () => {
    expect(manifest).not.toHaveProperty('browser_specific_settings');
  });

  it('ships no eval, no new Function, no remote code', () => {
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = readFileSync(file, 'utf8');
      const name = relative(dir, file);
      expect(code, name).not.toMatch(/\beval\s*\(/);
      expect(code, name).not.toMatch(/\bnew\s+Function\s*\(/);
      expect(code, name).not.toMatch(/\bimportScripts\s*\(/);
      expect(code, name).not.toMatch(/\bimport\s*\(\s*["'`]https?:/);
      expect(code, name).not.toMatch(/\b(?:setTimeout|setInterval)\s*\(\s*["'`]/);
    }
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      for (const [, attributes, body] of tags) {
        expect(body.trim(), `${relative(dir, file)}: inline script`).toBe('');
        expect(attributes, relative(dir, file)).toMatch(/src="\/[^"]+"/);
      }
      expect(html, relative(dir, file)).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    }
  });

  it("injects no HTML strings: the only innerHTML is Preact's own dangerouslySetInnerHTML support, which we never use", () => {
    for (const file of scripts) {
      const code = readFileSync(file, 'utf8');
      expect(code, relative(dir, file)).not.toMatch(/insertAdjacentHTML|document\.write|outerHTML\s*=/);
      if (/innerHTML/.test(code)) expect(code, relative(dir, file)).toMatch(/dangerouslySetInnerHTML/);
    }
    const ourCode = ['src', 'entrypoints'].flatMap((folder) => filesUnder(join(ROOT, folder)));
    for (const file of ourCode) {
      expect(readFileSync(file, 'utf8'), relative(ROOT, file)).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/);
    }
  });

  it('has no build-time update source and no "Keep articles up to date" option without one (issue 10)', () => {
    const code = scripts.map((file) => readFileSync(file, 'utf8')).join('\n');
    // The update source's store, its alarm, its message, the option's words and message keys: all removed (its messages
    // are in every build's _locales, as @wxt-dev/i18n writes one file per language). Every build downloads and checks
    // packs for the catalogues a reader adds (issue 22), with the same code: that part is there.
    expect(code).not.toMatch(/backstory-packs|backstory-update-check|backstory:check-for-update|Keep articles up to date|updates\.keep/);
    expect(code).toMatch(/backstory-catalogue-check/);
  });

  it('ships the index and nothing of the build-time pipeline (gray-matter, zod, fs)', () => {
    const names = filesUnder(dir).map((file) => relative(dir, file));
    expect(names).toContain('content-index/meta.json');
    expect(names.some((name) => /^content-index\/keys-\d+\.bin$/.test(name))).toBe(true);
    const code = scripts.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(code).not.toMatch(/gray-matter|js-yaml|node:fs|ZodError|secured/);
    expect(code).not.toMatch(/publicsuffix|getDomainWithoutSuffix/i); // the Public Suffix List is used at build time only
  });

  it('loads the search index reader in the search page only, never in the background or the popup; MiniSearch nowhere', () => {
    /** A script and every chunk it imports, transitively. */
    const graph = (entry: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(entry)) return seen;
      seen.add(entry);
      const code = readFileSync(entry, 'utf8');
      for (const [, path] of code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) graph(join(entry, '..', path), seen);
      return seen;
    };
    const entryOf = (page: string) => join(dir, /<script[^>]*src="\/([^"]+)"/.exec(readFileSync(join(dir, page), 'utf8'))![1]);
    // The segment reader's own message marks its code (search-segment-file.ts).
    const readsSearchSegments = (entry: string) => [...graph(entry)].some((file) => readFileSync(file, 'utf8').includes('not a search segment'));
    expect(readsSearchSegments(entryOf('search.html'))).toBe(true);
    expect(readsSearchSegments(entryOf('popup.html'))).toBe(false);
    expect(readsSearchSegments(entryOf('options.html'))).toBe(false);
    expect(readsSearchSegments(join(dir, 'background.js'))).toBe(false);
    // MiniSearch is the build's reference in the unit tests only: the compact index answers as it does.
    expect(scripts.some((file) => readFileSync(file, 'utf8').includes('MiniSearch'))).toBe(false);
  });
});
