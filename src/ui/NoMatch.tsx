import { formatDate } from '../format/format-date';
import type { IndexMeta } from '../index/content-index';
import type { NoAnswerReason } from '../match/describe-page';

/** Why there is no backstory, in the reader's words (the popup and the search page's address box). */
export const NO_ANSWER_REASONS: Readonly<Record<NoAnswerReason, string>> = {
  'not-web': 'Not a web page: Backstory only describes http and https addresses.',
  'home-page': "A site's home page: Backstory describes articles, and has none from this site.",
  unknown: 'Not one of the articles Backstory knows about, nor related coverage of one.',
};

/** The friendly "nothing here" state: what Backstory knows about, and why this page is not among it. */
export function NoMatch({ meta, reason }: { meta: IndexMeta; reason: NoAnswerReason }) {
  return (
    <section class="no-match" aria-labelledby="no-match-title">
      <h1 id="no-match-title">No backstory for this page</h1>
      <p>{NO_ANSWER_REASONS[reason]}</p>
      <p class="bundle-info">
        Backstory bundles <strong>{meta.articles.toLocaleString()}</strong> {meta.articles === 1 ? 'article' : 'articles'}
        {meta.newestPublished && (
          <>
            , the newest from <time dateTime={meta.newestPublished}>{formatDate(meta.newestPublished)}</time>
          </>
        )}
        .
      </p>
    </section>
  );
}
