import { listText, t } from '../i18n/translate';
import type { CatalogueRef } from '../index/content-index';

/** "From Reef Watch, also in Dune Daily": where an answer comes from when several catalogues answer (issue 22). */
export function catalogueText(catalogue: CatalogueRef, alsoIn: readonly CatalogueRef[] = []): string {
  const from = t('catalogues.from', [catalogue.name]);
  return alsoIn.length > 0 ? `${from}, ${t('catalogues.alsoIn', [listText(alsoIn.map((other) => other.name))])}` : from;
}
