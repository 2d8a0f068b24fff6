import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { asMessageListener, createMarksMessageHandler, type MarksSender } from '../../../src/background/marks-messages';
import { addGrantedSites, MARKS_SCRIPT_FILE, MARKS_SCRIPT_ID, type MarksScripting, reconcileMarks } from '../../../src/background/reconcile-marks';
import { loadContentIndex } from '../../../src/index/content-index';
import { turnMarksOff, turnMarksOn } from '../../../src/marks/marks-switch';
import { loadMarkedSites, markedSitesItem, saveMarkedSites } from '../../../src/options/marked-sites-storage';
import { buildIndexOf, memoryIndexFiles } from '../helpers/content-files';

const built = buildIndexOf({
  'a.md': { title: 'A', webUrl: 'https://news.example.com/2024/a', quality: 81 },
});
const ARTICLE = 'https://news.example.com/2024/a';
const lookup = { type: 'backstory:marks-lookup', hrefs: [ARTICLE, 'https://news.example.com/'] };
const ours: MarksSender = { id: 'our-id', frameId: 0, url: 'https://front.example/', tab: { url: 'https://front.example/' } };

/** The browser's permissions, as a set of granted origin patterns. */
function fakePermissions(granted: string[] = [], answer = true) {
  const origins = new Set(granted);
  return {
    origins,
    request: vi.fn(async ({ origins: asked = [] }: { origins?: string[] }) => {
      if (answer) for (const origin of asked) origins.add(origin);
      return answer;
    }),
    remove: vi.fn(async ({ origins: asked = [] }: { origins?: string[] }) => asked.every((origin) => origins.delete(origin))),
    contains: vi.fn(async ({ origins: asked = [] }: { origins?: string[] }) => asked.every((origin) => origins.has(origin))),
  };
}

/** The browser's registered content scripts. */
function fakeScripting() {
  const scripts = new Map<string, { id: string; js: string[]; matches: string[] }>();
  const injected: number[] = [];
  const scripting: MarksScripting = {
    getRegisteredContentScripts: async ({ ids }) => [...scripts.values()].filter((script) => ids.includes(script.id)),
    registerContentScripts: async (list) => list.forEach((script) => scripts.set(script.id, { id: script.id, js: script.js, matches: script.matches })),
    updateContentScripts: async (list) => list.forEach((script) => scripts.set(script.id, { ...scripts.get(script.id)!, ...script })),
    unregisterContentScripts: async ({ ids }) => ids.forEach((id) => scripts.delete(id)),
    executeScript: async ({ target }) => injected.push(target.tabId),
  };
  return { scripts, injected, scripting };
}

describe('the background answers the marks content script', () => {
  beforeEach(() => fakeBrowser.reset());
  const handler = (sites = ['front.example']) =>
    createMarksMessageHandler({ loadIndex: () => loadContentIndex(memoryIndexFiles(built)), loadSites: async () => sites, extensionId: 'our-id' });

  it('with the marks of a batch, in order, and the card of one link', async () => {
    expect(await handler()(lookup, ours)).toEqual({ marks: [{ kind: 'article', quality: 81, band: 'high' }, null] });
    expect(await handler()({ type: 'backstory:mark-card', href: ARTICLE }, ours)).toMatchObject({ kind: 'article', title: 'A', quality: 81 });
  });

  it.each([
    ['another extension', { ...ours, id: 'someone-else' }],
    ['no sender id (a web page)', { ...ours, id: undefined }],
    ['a frame inside the page', { ...ours, frameId: 3 }],
  ])('never answers %s', (_case, sender) => {
    expect(handler()(lookup, sender)).toBeUndefined();
  });

  it('answers nothing for a page whose site does not have marks on', async () => {
    expect(await handler(['other.example'])(lookup, ours)).toBeNull();
    expect(await handler([])(lookup, { ...ours, tab: { url: 'https://front.example.evil.net/' } })).toBeNull();
  });

  it('answers nothing on a site the reader paused Backstory on', async () => {
    const paused = createMarksMessageHandler({
      loadIndex: () => loadContentIndex(memoryIndexFiles(built)),
      loadSites: async () => ['front.example'],
      loadPausedSites: async () => ['front.example'],
      extensionId: 'our-id',
    });
    expect(await paused(lookup, ours)).toBeNull();
  });

  it('leaves other messages to other listeners', () => {
    const listener = asMessageListener(handler());
    const sendResponse = vi.fn();
    expect(listener({ type: 'something-else' }, ours, sendResponse)).toBeUndefined();
    expect(listener({ type: 'backstory:marks-lookup', hrefs: ['javascript:alert(1)'] }, ours, sendResponse)).toBeUndefined();
    expect(listener(lookup, ours, sendResponse)).toBe(true);
  });
});

describe('turning marks on and off', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks for the one site at once (inside the click), then stores it', async () => {
    const permissions = fakePermissions();
    const on = turnMarksOn('front.example', { permissions, loadSites: loadMarkedSites, saveSites: saveMarkedSites });
    // The request is made before the function awaits anything: Firefox refuses it otherwise.
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['*://*.front.example/*'] });
    expect(await on).toBe(true);
    expect(await loadMarkedSites()).toEqual(['front.example']);
  });

  it('stores nothing when the reader says no', async () => {
    const permissions = fakePermissions([], false);
    expect(await turnMarksOn('front.example', { permissions, loadSites: loadMarkedSites, saveSites: saveMarkedSites })).toBe(false);
    expect(await loadMarkedSites()).toEqual([]);
  });

  it('off: drops the site and gives the access back; a browser that keeps it changes nothing', async () => {
    await saveMarkedSites(['front.example', 'other.example']);
    const permissions = fakePermissions(['*://*.front.example/*']);
    await turnMarksOff('front.example', { permissions, loadSites: loadMarkedSites, saveSites: saveMarkedSites });
    expect(await loadMarkedSites()).toEqual(['other.example']);
    expect(permissions.origins.has('*://*.front.example/*')).toBe(false);
    permissions.remove.mockRejectedValueOnce(new Error('You cannot remove required permissions.'));
    await expect(turnMarksOff('other.example', { permissions, loadSites: loadMarkedSites, saveSites: saveMarkedSites })).resolves.toBeUndefined();
    expect(await loadMarkedSites()).toEqual([]);
  });
});

describe('keeping the list, the permissions and the registered script in step', () => {
  beforeEach(() => fakeBrowser.reset());
  const tabs = { query: vi.fn(async () => [{ id: 7 }]) as never };

  it('registers the script for exactly the granted sites, and injects it into their open tabs', async () => {
    await saveMarkedSites(['a.example', 'b.example']);
    const { scripts, injected, scripting } = fakeScripting();
    const permissions = fakePermissions(['*://*.a.example/*', '*://*.b.example/*']);
    expect(await reconcileMarks({ loadSites: loadMarkedSites, saveSites: saveMarkedSites, permissions, scripting, tabs })).toEqual(['a.example', 'b.example']);
    expect([...scripts.values()]).toEqual([{ id: MARKS_SCRIPT_ID, js: [MARKS_SCRIPT_FILE], matches: ['*://*.a.example/*', '*://*.b.example/*'] }]);
    expect(injected).toEqual([7]);
    // Nothing changed: nothing is done again.
    await reconcileMarks({ loadSites: loadMarkedSites, saveSites: saveMarkedSites, permissions, scripting, tabs });
    expect(injected).toEqual([7]);
  });

  it('drops a site whose access was revoked in the browser, and the script with the last site', async () => {
    await saveMarkedSites(['a.example', 'b.example']);
    const { scripts, scripting } = fakeScripting();
    const permissions = fakePermissions(['*://*.a.example/*', '*://*.b.example/*']);
    const deps = { loadSites: loadMarkedSites, saveSites: saveMarkedSites, permissions, scripting, tabs };
    await reconcileMarks(deps);
    permissions.origins.delete('*://*.a.example/*');
    expect(await reconcileMarks(deps)).toEqual(['b.example']);
    expect(await loadMarkedSites()).toEqual(['b.example']);
    expect(scripts.get(MARKS_SCRIPT_ID)!.matches).toEqual(['*://*.b.example/*']);
    permissions.origins.clear();
    expect(await reconcileMarks(deps)).toEqual([]);
    expect(scripts.size).toBe(0);
  });

  it('registers nothing for a granted site the reader did not choose, and repairs a corrupt list', async () => {
    await markedSitesItem.setValue('corrupt');
    const { scripts, scripting } = fakeScripting();
    const permissions = fakePermissions(['*://*.a.example/*']);
    expect(await reconcileMarks({ loadSites: loadMarkedSites, saveSites: saveMarkedSites, permissions, scripting, tabs })).toEqual([]);
    expect(scripts.size).toBe(0);
  });
});

describe('access granted while the popup closed', () => {
  beforeEach(() => fakeBrowser.reset());

  it('turns on the sites granted in the form Backstory asks for, and nothing else', async () => {
    await saveMarkedSites(['a.example']);
    const deps = { loadSites: loadMarkedSites, saveSites: saveMarkedSites };
    await addGrantedSites(['*://*.b.example/*', 'https://c.example/*', '*://*/*', '<all_urls>', '*://*.a.example/*'], deps);
    expect(await loadMarkedSites()).toEqual(['a.example', 'b.example']);
    await addGrantedSites(undefined, deps);
    expect(await loadMarkedSites()).toEqual(['a.example', 'b.example']);
  });
});
