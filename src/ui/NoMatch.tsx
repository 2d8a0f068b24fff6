import { dateText, plural, t } from '../i18n/translate';
import type { IndexMeta } from '../index/content-index';
import type { NoAnswerReason } from '../match/describe-page';

/** Why there is no backstory, in the reader's words (the popup and the search page's address box). */
export function noAnswerReason(reason: NoAnswerReason): string {
  return reason === 'not-web' ? t('none.notWeb') : reason === 'home-page' ? t('none.homePage') : t('none.unknown');
}

/** The friendly "nothing here" state: what Backstory knows about, and why this page is not among it. */
export function NoMatch({ meta, reason }: { meta: IndexMeta; reason: NoAnswerReason }) {
  const count = plural('count.articles', meta.articles);
  return (
    <section class="no-match" aria-labelledby="no-match-title">
      <h1 id="no-match-title">{t('none.title')}</h1>
      <p>{noAnswerReason(reason)}</p>
      <p class="bundle-info">{meta.newestPublished ? t('popup.bundled', [count, dateText(meta.newestPublished)]) : t('popup.bundledNoDate', [count])}</p>
    </section>
  );
}
