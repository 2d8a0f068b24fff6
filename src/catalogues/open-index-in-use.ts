import { t } from '../i18n/translate';
import { type CatalogueIndex, type ContentIndex, loadContentIndex } from '../index/content-index';
import { extensionIndexFilesInUse } from '../update/open-extension-index';
import { packIndexFiles } from '../update/pack-index-files';
import { cataloguePackStore, loadSubscriptions } from './catalogue-storage';
import { combineIndexes } from './combine-indexes';
import type { Subscription } from './subscriptions';

/** The bundled index's catalogue id (a reader's catalogue id is 16 hex digits: no clash). */
const BUNDLED_CATALOGUE_ID = 'bundled';

/**
 * The index every surface reads (background, popup, side panel, search and options pages): the bundled index (or
 * the build's update pack, open-extension-index.ts) and the installed pack of every enabled catalogue, combined
 * (combine-indexes.ts). A catalogue with no pack yet, or whose pack cannot be read, is left out: nothing else changes.
 */
export async function openIndexInUse(): Promise<ContentIndex> {
  const [bundled, subscriptions] = await Promise.all([extensionIndexFilesInUse().then(loadContentIndex), loadSubscriptions()]);
  const enabled = subscriptions.filter((entry) => entry.enabled);
  if (enabled.length === 0) return bundled;
  const opened = await Promise.all(enabled.map(openCatalogue));
  return combineIndexes([{ catalogue: { id: BUNDLED_CATALOGUE_ID, name: t('catalogues.bundledName') }, index: bundled }, ...opened.filter((part) => part !== null)]);
}

async function openCatalogue(subscription: Subscription): Promise<CatalogueIndex | null> {
  try {
    const store = cataloguePackStore(subscription.id);
    const { current } = await store.readState();
    if (!current) return null;
    return { catalogue: { id: subscription.id, name: subscription.name }, index: await loadContentIndex(packIndexFiles(store, current)) };
  } catch (error) {
    console.warn(`Backstory: catalogue ${subscription.name} (${subscription.id}) cannot be read`, error);
    return null;
  }
}
