import { listText, t } from '../i18n/translate';

/** "From Reef Watch, also in Dune Daily": where an answer comes from when several catalogues answer (issue 22). */
export function catalogueText(name: string, alsoIn: readonly string[] = []): string {
  const from = t('catalogues.from', [name]);
  return alsoIn.length > 0 ? `${from}, ${t('catalogues.alsoIn', [listText(alsoIn)])}` : from;
}
