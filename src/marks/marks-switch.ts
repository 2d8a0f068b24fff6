import type { Browser } from '#imports';
import { originPatternsOf } from './mark-site';

export interface MarksSwitchDeps {
  permissions: Pick<typeof Browser.permissions, 'request' | 'remove'>;
  loadSites: () => Promise<string[]>;
  saveSites: (sites: string[]) => Promise<void>;
}

/**
 * Turns marks on for `site`, from the reader's click: asks the browser for access to that one site first (the
 * request must start in the click's own task, before anything is awaited, or the browser refuses it), then adds
 * the site to the stored list; the background registers the content script (reconcile-marks.ts). Resolves with
 * whether marks are on (false when the reader or the browser said no).
 */
export function turnMarksOn(site: string, { permissions, loadSites, saveSites }: MarksSwitchDeps): Promise<boolean> {
  const request = permissions.request({ origins: originPatternsOf(site) });
  return (async () => {
    if (!(await request.catch(() => false))) return false;
    const sites = await loadSites();
    if (!sites.includes(site)) await saveSites([...sites, site]);
    return true;
  })();
}

/**
 * Turns marks off for `site`: drops it from the stored list (the pages' marks go at once, the background
 * unregisters the script) and gives the site's access back to the browser. A browser that keeps the access (a
 * permission granted at install cannot be removed) leaves it granted; marks stay off, since the list decides.
 */
export async function turnMarksOff(site: string, { permissions, loadSites, saveSites }: MarksSwitchDeps): Promise<void> {
  const sites = await loadSites();
  if (sites.includes(site)) await saveSites(sites.filter((other) => other !== site));
  await permissions.remove({ origins: originPatternsOf(site) }).catch(() => false);
}
