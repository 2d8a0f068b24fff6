import type { PopupData } from '../../src/popup/popup-data';
import { ArticleView } from '../../src/ui/ArticleView';
import { NoMatch } from '../../src/ui/NoMatch';

/** Set once the popup shows its content: the benchmark reads it (popup_ms). */
export const POPUP_RENDERED_MARK = 'backstory:rendered';

export function App({ data: { state, options } }: { data: PopupData }) {
  return (
    <div class="popup" data-state={state.kind}>
      {state.kind === 'match' ? (
        <ArticleView article={state.article} via={state.via} now={new Date()} loadRemoteImages={options.loadRemoteImages} />
      ) : (
        <NoMatch meta={state.meta} webPage={state.webPage} />
      )}
      <footer class="popup-footer">
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
