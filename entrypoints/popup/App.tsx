import { formatDate } from '../../src/format/format-date';
import type { PopupData } from '../../src/popup/popup-data';
import { ArticleView } from '../../src/ui/ArticleView';
import { NoMatch } from '../../src/ui/NoMatch';
import { RelatedCoverageView } from '../../src/ui/RelatedCoverageView';
import { SiteProfileView } from '../../src/ui/SiteProfileView';

/** Set once the popup shows its content: the benchmark reads it (popup_ms). */
export const POPUP_RENDERED_MARK = 'backstory:rendered';

export function App({ data: { state, options, meta } }: { data: PopupData }) {
  const now = new Date();
  return (
    <div class="popup" data-state={state.kind}>
      {state.kind === 'match' && <ArticleView article={state.article} via={state.via} now={now} loadRemoteImages={options.loadRemoteImages} />}
      {state.kind === 'related' && <RelatedCoverageView story={state.story} coverage={state.coverage} via={state.via} now={now} />}
      {state.kind === 'site' && <SiteProfileView site={state.site} />}
      {state.kind === 'no-match' && <NoMatch meta={state.meta} reason={state.reason} />}
      <footer class="popup-footer">
        {meta?.newestPublished && (
          <span class="data-date">
            Articles up to <time dateTime={meta.newestPublished}>{formatDate(meta.newestPublished)}</time>
          </span>
        )}
        <a href="/search.html" target="_blank" rel="noopener">
          Search Backstory
        </a>
        <a href="/options.html" target="_blank" rel="noopener">
          Options
        </a>
      </footer>
    </div>
  );
}

export function LoadFailed() {
  return (
    <p class="status" role="alert">
      Backstory could not read its article index. Try reloading the extension.
    </p>
  );
}
