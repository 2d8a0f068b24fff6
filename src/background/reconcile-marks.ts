import type { Browser } from '#imports';
import { markSiteOfPattern, originPatternsOf } from '../marks/mark-site';

/** The id of the one registered content script of link marks. */
export const MARKS_SCRIPT_ID = 'backstory-marks';
/** The built content script (entrypoints/marks.content.ts; WXT writes content scripts to content-scripts/<name>.js). */
export const MARKS_SCRIPT_FILE = '/content-scripts/marks.js' as const;

export interface ReconcileMarksDeps {
  loadSites: () => Promise<string[]>;
  saveSites: (sites: string[]) => Promise<void>;
  permissions: Pick<typeof Browser.permissions, 'contains'>;
  scripting: MarksScripting;
  tabs: Pick<typeof Browser.tabs, 'query'>;
}

/** The part of `browser.scripting` link marks use (the browser's own, or a fake in tests). */
export interface MarksScripting {
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<{ id: string; matches?: string[] }[]>;
  registerContentScripts(scripts: { id: string; js: string[]; matches: string[]; runAt: 'document_idle'; allFrames: boolean }[]): Promise<unknown>;
  updateContentScripts(scripts: { id: string; js: string[]; matches: string[] }[]): Promise<unknown>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
  executeScript(injection: { target: { tabId: number }; files: (typeof MARKS_SCRIPT_FILE)[] }): Promise<unknown>;
}

/**
 * Brings the three places link marks live in into step: the stored list of sites, the browser's host permissions
 * (the reader may revoke them from the browser's own UI) and the registered content script. A site stays on only
 * while both the list and the permission hold it; the script is registered for exactly those sites (and for none,
 * no script); tabs already open on a site that just came on get the script at once. Returns the sites on.
 * Idempotent; safe to call at any time (start-up, permission and list changes).
 */
export async function reconcileMarks({ loadSites, saveSites, permissions, scripting, tabs }: ReconcileMarksDeps): Promise<string[]> {
  const stored = await loadSites();
  const granted = await Promise.all(stored.map((site) => permissions.contains({ origins: originPatternsOf(site) }).catch(() => false)));
  const sites = stored.filter((_, i) => granted[i]);
  if (sites.length !== stored.length) await saveSites(sites);

  const matches = sites.flatMap(originPatternsOf);
  const [current] = await scripting.getRegisteredContentScripts({ ids: [MARKS_SCRIPT_ID] });
  const before = new Set(current?.matches ?? []);
  if (matches.length === 0) {
    if (current) await scripting.unregisterContentScripts({ ids: [MARKS_SCRIPT_ID] });
    return sites;
  }
  if (!current) {
    await scripting.registerContentScripts([{ id: MARKS_SCRIPT_ID, js: [MARKS_SCRIPT_FILE], matches, runAt: 'document_idle', allFrames: false }]);
  } else if (before.size !== matches.length || matches.some((pattern) => !before.has(pattern))) {
    await scripting.updateContentScripts([{ id: MARKS_SCRIPT_ID, js: [MARKS_SCRIPT_FILE], matches }]);
  }
  const added = matches.filter((pattern) => !before.has(pattern));
  if (added.length > 0) {
    for (const tab of await tabs.query({ url: added })) {
      // The script itself makes sure it runs once per page.
      if (tab.id !== undefined) await scripting.executeScript({ target: { tabId: tab.id }, files: [MARKS_SCRIPT_FILE] }).catch(() => {});
    }
  }
  return sites;
}

/**
 * Adds the sites whose access was just granted in exactly the form Backstory asks for (`*://*.host/*`, from the
 * popup's or the options page's switch) to the stored list. The switch stores the site itself once the browser
 * says yes, but Chromium may close the popup when its permission prompt opens, and the popup's code with it: the
 * background, which hears `permissions.onAdded`, finishes the job. Access granted in any other form (the
 * browser's own site access menu, the e2e build's install-time hosts) turns nothing on.
 */
export async function addGrantedSites(
  origins: readonly string[] | undefined,
  { loadSites, saveSites }: Pick<ReconcileMarksDeps, 'loadSites' | 'saveSites'>,
): Promise<void> {
  const granted = (origins ?? []).map(markSiteOfPattern).filter((site): site is string => site !== null);
  if (granted.length === 0) return;
  const sites = await loadSites();
  const added = granted.filter((site) => !sites.includes(site));
  if (added.length > 0) await saveSites([...sites, ...added]);
}

/** `reconcileMarks`, one run at a time: runs asked for while one is going are folded into one more run after it. */
export function createMarksReconciler(deps: ReconcileMarksDeps): () => Promise<string[]> {
  let running: Promise<string[]> | null = null;
  let again: Promise<string[]> | null = null;
  const run = (): Promise<string[]> => {
    if (!running) {
      running = reconcileMarks(deps).finally(() => (running = null));
      running.catch((error) => console.warn('Backstory: could not update the link marks', error));
      return running;
    }
    again ??= running
      .catch(() => [])
      .then(() => {
        again = null;
        return run();
      });
    return again;
  };
  return run;
}
