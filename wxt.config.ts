import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { readUpdateSource } from './src/update/update-source';

/** Firefox add-on id: fixed, so that storage and the add-on's identity survive updates. */
export const GECKO_ID = 'backstory@backstory-extension.org';

/**
 * Content packs (issue 10): only a build given BACKSTORY_UPDATE_URL and BACKSTORY_UPDATE_PUBLIC_KEY has an update
 * source. Without one, the constants below are '' and every update code path is dead code, removed from the bundle.
 */
const UPDATE_SOURCE = readUpdateSource(process.env);
/**
 * The bundled index's sequence: the build time in seconds (or BACKSTORY_BUNDLE_SEQUENCE). `publish` gives packs
 * max(previous + 1, publication time in seconds), so a pack published after a build wins over it, and a release
 * built after a pack (from the same content) wins over the pack.
 */
const BUNDLE_SEQUENCE = Number(process.env.BACKSTORY_BUNDLE_SEQUENCE || Math.floor(Date.now() / 1000));

/**
 * Extension pages run only our own bundled scripts. They may connect to https: hosts (and http on loopback) because
 * the reader may add catalogues from any host (issue 22); what they do connect to is only the extension's own
 * files, the hosts of the catalogues the reader added (each with its access asked for from the reader's click) and,
 * in a build with an update source, that one origin. Images may come from https: only because the reader can turn
 * remote images on (off by default).
 */
const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "img-src 'self' data: https:",
  "style-src 'self'",
].join('; ');

/** Sites the e2e build may mark links on without a prompt (served locally by the e2e harness). */
export const E2E_MARKS_HOSTS = ['*://*.marks-granted.example/*'];
/** The catalogue host the e2e build may fetch from without a prompt (the e2e tests' local servers). */
export const E2E_CATALOGUE_HOST = 'http://127.0.0.1/*';

// https://wxt.dev/api/config.html
export default defineConfig({
  // Manifest V3 for Chrome and Firefox alike: one `action` API, `scripting` + `activeTab` for reading a
  // page's canonical link on popup open, and no persistent background page. See docs/how-it-works.md, "Firefox: why Manifest V3".
  manifestVersion: 3,
  // Every string a reader sees is in locales/<lang>.yml, built into _locales/ (see src/i18n/translate.ts).
  modules: ['@wxt-dev/i18n/module'],
  vite: () => ({
    plugins: [preact()],
    define: {
      'import.meta.env.BACKSTORY_UPDATE_URL': JSON.stringify(UPDATE_SOURCE?.url ?? ''),
      'import.meta.env.BACKSTORY_UPDATE_PUBLIC_KEY': JSON.stringify(UPDATE_SOURCE?.publicKey ?? ''),
      'import.meta.env.BACKSTORY_BUNDLE_SEQUENCE': JSON.stringify(BUNDLE_SEQUENCE),
    },
  }),
  hooks: {
    // The popup and the side panel open many times a day, and what they do before their first render is their cost:
    // each is built on its own, into one script file, instead of sharing chunks with the other pages (five files
    // to load). Measured in headless Chromium: the popup renders about 7 ms sooner (docs/performance.md).
    'entrypoints:grouped': (_wxt, groups) => {
      for (const group of [...groups]) {
        if (!Array.isArray(group) || group.length < 2) continue;
        const alone = group.filter((entry) => entry.type === 'popup' || entry.type === 'sidepanel');
        for (const entry of alone) group.splice(group.indexOf(entry), 1);
        groups.push(...alone.map((entry) => [entry]));
      }
    },
    // WXT writes `content_scripts: []` when the only content script is registered at run time: leave the key out.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.content_scripts?.length === 0) delete manifest.content_scripts;
    },
  },
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Each permission is justified in docs/privacy.md, "Permissions".
    // `alarms`: the catalogues' daily checks (and the update source's), set only while one is on.
    permissions: ['tabs', 'storage', 'activeTab', 'scripting', 'contextMenus', 'alarms'],
    // Link marks: asked for one site at a time, from the reader's click, never at install (src/marks/mark-site.ts).
    optional_host_permissions: ['*://*/*'],
    // The e2e/benchmark build only (`wxt build --mode e2e`, into .output/*-e2e): the test sites' access is granted
    // at install, because Chromium's permission prompt cannot be answered by automation. See tests/e2e/marks.test.ts.
    // Catalogues on the local test servers (http://127.0.0.1/*) likewise: see tests/e2e/catalogues.test.ts.
    ...(mode === 'e2e' ? { host_permissions: [...E2E_MARKS_HOSTS, E2E_CATALOGUE_HOST] } : {}),
    // Grey until the tab shows a bundled article; the background then lights it per tab.
    action: {
      default_title: '__MSG_extName__',
      default_icon: { 16: 'icon-inactive/16.png', 32: 'icon-inactive/32.png', 48: 'icon-inactive/48.png' },
    },
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    // Keyboard shortcuts (docs/using.md, "Keyboard"): Alt+Shift+B opens the popup, Alt+Shift+U the side panel; neither is
    // one of Chrome's or Firefox's own. Readers change them in chrome://extensions/shortcuts or about:addons.
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+B' }, description: '__MSG_options_shortcutOpen__' },
      ...(browser === 'firefox'
        ? { _execute_sidebar_action: { suggested_key: { default: 'Alt+Shift+U' }, description: '__MSG_options_shortcutPanel__' } }
        : { 'toggle-side-panel': { suggested_key: { default: 'Alt+Shift+U' }, description: '__MSG_options_shortcutPanel__' } }),
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
