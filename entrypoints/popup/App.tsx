import { useEffect, useState } from 'preact/hooks';
import { loadPopupData, type PopupData } from '../../src/popup/popup-data';
import { ArticleView } from '../../src/ui/ArticleView';
import { NoMatch } from '../../src/ui/NoMatch';

/** Set once the popup shows its content: the benchmark reads it (popup_ms). */
export const POPUP_RENDERED_MARK = 'backstory:rendered';

export function App({ load = loadPopupData }: { load?: () => Promise<PopupData> }) {
  const [data, setData] = useState<PopupData | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (data) performance.mark(POPUP_RENDERED_MARK);
  }, [data]);
  useEffect(() => {
    load().then(setData, (error) => {
      console.error('Backstory: could not load the popup', error);
      setFailed(true);
    });
  }, [load]);

  if (failed) return <p class="status" role="alert">Backstory could not read its article index. Try reloading the extension.</p>;
  if (!data) return <p class="status">Loading…</p>;
  const { state, options } = data;
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
