import { browser } from '#imports';
import { render } from 'preact';
import { localizeDocument, t } from '../../src/i18n/translate';
import { loadOptions, loadPausedSites, saveOptions, setSitePaused } from '../../src/options/options-storage';
import { OptionsForm, type Shortcut } from '../../src/ui/OptionsForm';
import { CHECK_NOW_MESSAGE } from '../../src/background/keep-up-to-date';
import { loadContentIndex } from '../../src/index/content-index';
import { UpdatesOption, type UpdatesOptionDeps } from '../../src/ui/UpdatesOption';
import { extensionIndexFilesInUse } from '../../src/update/open-extension-index';
import { updateHostPermission } from '../../src/update/update-host-access';
import { loadUpdateStatus, watchUpdateStatus } from '../../src/update/update-storage';
import { CataloguesSection, type CataloguesDeps } from '../../src/ui/CataloguesSection';
import { knownCatalogues } from '../../src/catalogues/known-catalogues';
import { readCatalogue } from '../../src/catalogues/read-catalogue';
import { catalogueHostPermission } from '../../src/catalogues/catalogue-descriptor';
import { CHECK_CATALOGUE_MESSAGE } from '../../src/background/keep-catalogues-up-to-date';
import {
  cataloguePackStore,
  deleteCataloguePack,
  loadCatalogueStatuses,
  loadSubscriptions,
  saveSubscriptions,
  watchCatalogueStatuses,
  watchSubscriptions,
} from '../../src/catalogues/catalogue-storage';

localizeDocument(document, 'options.pageTitle');

/** The extension's commands with their current keys; `_execute_action` has no description of its own. */
const loadShortcuts = async (): Promise<Shortcut[]> =>
  (await browser.commands.getAll()).map((command) => ({
    name: command.name ?? '',
    description: command.name === '_execute_action' ? t('options.shortcutOpen') : (command.description ?? command.name ?? ''),
    shortcut: command.shortcut ?? '',
  }));

// Only a build with an update source has the option; elsewhere this is the constant '' and the option is removed.
const hostPermission = import.meta.env.BACKSTORY_UPDATE_URL ? updateHostPermission(import.meta.env.BACKSTORY_UPDATE_URL) : null;
const updates: UpdatesOptionDeps | undefined = import.meta.env.BACKSTORY_UPDATE_URL
  ? {
      host: new URL(import.meta.env.BACKSTORY_UPDATE_URL).host,
      loadStatus: loadUpdateStatus,
      watchStatus: watchUpdateStatus,
      loadDataInUse: async () => {
        const { meta } = await extensionIndexFilesInUse().then(loadContentIndex);
        return { articles: meta.articles, newestPublished: meta.newestPublished };
      },
      // The background answers nothing: the page follows the stored status (Chrome rejects a message left unanswered).
      checkNow: () =>
        browser.runtime.sendMessage({ type: CHECK_NOW_MESSAGE }).then(
          () => {},
          () => {},
        ),
      hostAccess: hostPermission
        ? { request: () => browser.permissions.request(hostPermission), release: () => browser.permissions.remove(hostPermission) }
        : undefined,
    }
  : undefined;

const catalogues: CataloguesDeps = {
  loadBundled: async () => {
    const { meta } = await extensionIndexFilesInUse().then(loadContentIndex);
    return { articles: meta.articles, newestPublished: meta.newestPublished };
  },
  known: knownCatalogues(),
  loadSubscriptions,
  watchSubscriptions,
  saveSubscriptions,
  loadStatuses: loadCatalogueStatuses,
  watchStatuses: watchCatalogueStatuses,
  loadData: async (id) => {
    const { current } = await cataloguePackStore(id).readState();
    return current ? { articles: current.manifest.articles, newestPublished: current.manifest.newestPublished } : null;
  },
  requestAccess: (url) => browser.permissions.request(catalogueHostPermission(url)),
  releaseAccess: (url) => browser.permissions.remove(catalogueHostPermission(url)),
  readCatalogue: (url, existing, listedKey) => readCatalogue(url, existing, {}, listedKey),
  // The background answers nothing: the page follows the stored status (Chrome rejects a message left unanswered).
  checkNow: (id) =>
    browser.runtime.sendMessage({ type: CHECK_CATALOGUE_MESSAGE, id }).then(
      () => {},
      () => {},
    ),
  deletePack: (id) => deleteCataloguePack(id),
};

const renderUpdates = updates && ((enabled: boolean, onChange: (enabled: boolean) => void) => <UpdatesOption {...updates} enabled={enabled} onChange={onChange} />);

render(
  <OptionsForm
    load={loadOptions}
    save={saveOptions}
    loadPausedSites={loadPausedSites}
    resumeSite={(site) => setSitePaused(site, false)}
    loadShortcuts={loadShortcuts}
    shortcutsPage={import.meta.env.FIREFOX ? 'about:addons → ⚙ → Manage Extension Shortcuts' : 'chrome://extensions/shortcuts'}
    renderUpdates={renderUpdates}
  >
    <CataloguesSection {...catalogues} />
  </OptionsForm>,
  document.getElementById('app')!,
);
