import { createMenus, searchPageForMenuClick } from '../src/background/context-menus';
import { createSidePanelToggle, TOGGLE_SIDE_PANEL_COMMAND } from '../src/background/side-panel';
import { rememberTabAnswer } from '../src/background/tab-answer-cache';
import { type BadgeUpdaterDeps, createBadgeUpdater } from '../src/background/update-tab-badge';
import { loadOptions, loadPausedSites, watchOptions, watchPausedSites } from '../src/options/options-storage';
import { asMessageListener, createMarksMessageHandler } from '../src/background/marks-messages';
import { addGrantedSites, createMarksReconciler } from '../src/background/reconcile-marks';
import { createMarkedSitesCache, loadMarkedSites, saveMarkedSites, watchMarkedSites } from '../src/options/marked-sites-storage';
import { createUpdater } from '../src/background/keep-up-to-date';
import type { ContentIndex } from '../src/index/content-index';
import { indexedDbPackStore, UPDATE_PACK_DB } from '../src/update/indexeddb-pack-store';
import { openIndexInUse } from '../src/catalogues/open-index-in-use';
import { createCatalogueUpdater } from '../src/background/keep-catalogues-up-to-date';
import { catalogueHostPermission } from '../src/catalogues/catalogue-descriptor';
import {
  cataloguePackStore,
  deleteCataloguePack,
  loadCatalogueStatuses,
  loadSubscriptions,
  saveCatalogueStatus,
  watchSubscriptions,
} from '../src/catalogues/catalogue-storage';
import { updateHostPermission } from '../src/update/update-host-access';
import { loadUpdateStatus, saveUpdateStatus } from '../src/update/update-storage';

/**
 * Lights the toolbar icon and shows the quality badge on tabs that show a bundled article. Holds no state a
 * restart would lose: the browser may stop this worker at any time; the index is simply read again.
 */
export default defineBackground(() => {
  let index: Promise<ContentIndex> | undefined;
  const loadIndex = () => {
    index ??= openIndexInUse();
    index.catch(() => (index = undefined));
    return index;
  };
  const action: BadgeUpdaterDeps['action'] = {
    setBadgeText: (details) => browser.action.setBadgeText(details),
    setBadgeBackgroundColor: (details) => browser.action.setBadgeBackgroundColor(details),
    setBadgeTextColor: (details) => browser.action.setBadgeTextColor(details),
    setTitle: (details) => browser.action.setTitle(details),
    setIcon: setIconChecked,
  };
  const updateTab = createBadgeUpdater({ loadIndex, loadOptions, loadPausedSites, action, rememberTab: rememberTabAnswer });
  const updateAllTabs = async () => {
    for (const tab of await browser.tabs.query({})) if (tab.id !== undefined) void updateTab(tab.id, tab.url);
  };

  // Navigation, reloads and single-page-app history changes (pushState/replaceState change `url`).
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url !== undefined || change.status !== undefined) void updateTab(tabId, tab.url);
  });
  // Switching tabs or windows, and prerendered tabs swapped in.
  browser.tabs.onActivated.addListener(
    ({ tabId }) =>
      void browser.tabs.get(tabId).then(
        (tab) => updateTab(tabId, tab.url),
        () => {},
      ),
  );
  browser.tabs.onReplaced?.addListener(
    (tabId) =>
      void browser.tabs.get(tabId).then(
        (tab) => updateTab(tabId, tab.url),
        () => {},
      ),
  );
  browser.tabs.onRemoved.addListener((tabId) => void rememberTabAnswer(tabId, null));
  // Chrome's side-panel shortcut (Firefox toggles its sidebar with the built-in _execute_sidebar_action).
  if (!import.meta.env.FIREFOX) {
    const toggleSidePanel = createSidePanelToggle(browser.sidePanel);
    browser.commands.onCommand.addListener((command, tab) => {
      if (command === TOGGLE_SIDE_PANEL_COMMAND && tab?.windowId !== undefined) void toggleSidePanel(tab.windowId).catch(() => {});
    });
  }
  browser.contextMenus.onClicked.addListener(({ menuItemId, linkUrl }) => {
    const page = searchPageForMenuClick(menuItemId, linkUrl);
    if (page) void browser.tabs.create({ url: browser.runtime.getURL(page as '/') });
  });
  watchOptions(() => void updateAllTabs());
  watchPausedSites(() => void updateAllTabs());
  // Link marks: the content script's lookups, and its registration kept in step with the reader's sites and the
  // browser's host permissions (which the reader may also change in the browser's own UI).
  browser.runtime.onMessage.addListener(
    asMessageListener(createMarksMessageHandler({ loadIndex, loadSites: createMarkedSitesCache(), loadPausedSites, extensionId: browser.runtime.id })),
  );
  const reconcileMarks = createMarksReconciler({
    loadSites: loadMarkedSites,
    saveSites: saveMarkedSites,
    permissions: browser.permissions,
    scripting: browser.scripting,
    tabs: browser.tabs,
  });
  browser.permissions.onAdded.addListener(
    ({ origins }) => void addGrantedSites(origins, { loadSites: loadMarkedSites, saveSites: saveMarkedSites }).finally(reconcileMarks),
  );
  browser.permissions.onRemoved.addListener(() => void reconcileMarks());
  watchMarkedSites(() => void reconcileMarks());

  // When the extension is installed, updated or enabled, and when the browser starts (not at every wake: a wake
  // for one navigation does only that navigation's work): the badges of tabs already open, the menus (the toolbar
  // button's "Search Backstory", links' "Look up in Backstory"), and the marks scripts (registrations persist).
  const atStart = () => {
    void updateAllTabs();
    void createMenus(browser.contextMenus);
    void reconcileMarks();
  };
  browser.runtime.onInstalled.addListener(atStart);
  browser.runtime.onStartup.addListener(atStart);

  // Catalogues (issue 22): the reader's own subscriptions; nothing is requested while none is on.
  const reopenIndex = () => {
    index = undefined;
    void updateAllTabs();
  };
  const catalogues = createCatalogueUpdater({
    loadSubscriptions,
    storeOf: (id) => cataloguePackStore(id),
    deletePack: (id) => deleteCataloguePack(id),
    loadStatuses: loadCatalogueStatuses,
    saveStatus: saveCatalogueStatus,
    alarms: browser.alarms,
    hostAccess: (subscription) => browser.permissions.contains(catalogueHostPermission(subscription.updateUrl)),
    onInstalled: reopenIndex,
  });
  browser.alarms.onAlarm.addListener(({ name }) => void catalogues.onAlarm(name));
  browser.runtime.onStartup.addListener(() => void catalogues.checkDue());
  browser.runtime.onInstalled.addListener(() => void catalogues.checkDue());
  browser.runtime.onMessage.addListener((message) => void catalogues.onMessage(message));
  watchSubscriptions((subscriptions, previous) => {
    reopenIndex();
    void catalogues.onSubscriptionsChanged(subscriptions, previous);
  });

  // Content packs (issue 10): only in a build with an update source; elsewhere this block is removed at build time.
  if (import.meta.env.BACKSTORY_UPDATE_URL) {
    const hostPermission = updateHostPermission(import.meta.env.BACKSTORY_UPDATE_URL);
    const updater = createUpdater({
      source: { url: import.meta.env.BACKSTORY_UPDATE_URL, publicKey: import.meta.env.BACKSTORY_UPDATE_PUBLIC_KEY },
      bundledSequence: import.meta.env.BACKSTORY_BUNDLE_SEQUENCE,
      store: indexedDbPackStore(UPDATE_PACK_DB),
      alarms: browser.alarms,
      loadOptions,
      loadStatus: loadUpdateStatus,
      saveStatus: saveUpdateStatus,
      hostAccess: hostPermission ? () => browser.permissions.contains(hostPermission) : undefined,
      onInstalled: reopenIndex,
    });
    browser.alarms.onAlarm.addListener(({ name }) => void updater.onAlarm(name));
    browser.runtime.onStartup.addListener(() => void updater.onStartup());
    browser.runtime.onInstalled.addListener(() => void updater.onStartup());
    browser.runtime.onMessage.addListener((message) => void updater.onMessage(message));
    watchOptions((options) => void updater.onOptionsChanged(options));
  }
});

/**
 * Chromium resolves `action.setIcon` for a tab that closed meanwhile and logs "Unchecked runtime.lastError"
 * (the other action calls reject, and are caught). A callback that reads lastError marks it handled.
 */
function setIconChecked(details: Parameters<typeof browser.action.setIcon>[0]): Promise<void> {
  if (import.meta.env.FIREFOX) return browser.action.setIcon(details);
  return new Promise((resolve) => {
    browser.action.setIcon(details, () => {
      void browser.runtime.lastError;
      resolve();
    });
  });
}
