import { formatDate } from '../format/format-date';
import type { IndexMeta } from '../index/content-index';

/** The friendly "nothing here" state: what Backstory knows about, and why this page is not among it. */
export function NoMatch({ meta, webPage }: { meta: IndexMeta; webPage: boolean }) {
  return (
    <section class="no-match" aria-labelledby="no-match-title">
      <h1 id="no-match-title">No backstory for this page</h1>
      <p>
        {webPage
          ? 'This page is not one of the articles Backstory knows about.'
          : 'Backstory only describes web pages (http and https), and this tab is not one.'}
      </p>
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
