import { dateText, t } from '../i18n/translate';
import type { PopupData } from '../popup/popup-data';
import { ArticleView } from './ArticleView';
import { CatalogueLine } from './CatalogueLine';
import { MarkLinksToggle } from './MarkLinksToggle';
import { NoMatch } from './NoMatch';
import { PauseControl } from './PauseControl';
import { RelatedCoverageView } from './RelatedCoverageView';
import { SiteProfileView } from './SiteProfileView';

/** Set once the popup shows its content: the benchmark reads it (popup_ms). */
export const POPUP_RENDERED_MARK = 'backstory:rendered';

/** Data whose newest article is older than this is called out as possibly out of date. */
const STALE_AFTER_MS = 365 * 24 * 3600 * 1000;

interface PopupViewProps {
  data: PopupData;
  /** Pauses or resumes Backstory on a site (the options storage); tests pass a fake. */
  setSitePaused?: (site: string, paused: boolean) => Promise<void>;
  /** Opens the side panel in this window (the popup only: the side panel itself leaves it out). */
  openSidePanel?: (windowId: number) => void;
  /** The side panel stays quiet on a paused site (the popup, opened on purpose, still shows the page). */
  quietWhenPaused?: boolean;
  now?: Date;
}

/** The popup's view of one tab: the same component shows in the side panel. */
export function PopupView({
  data: { state, options, newestPublished, pause, windowId, tabUrl },
  setSitePaused,
  openSidePanel,
  quietWhenPaused = false,
  now = new Date(),
}: PopupViewProps) {
  const quiet = quietWhenPaused && pause?.paused === true;
  return (
    <div class="popup" data-state={state.kind} data-paused={quiet ? 'true' : undefined}>
      {quiet && <h1 class="paused-heading">{t('popup.paused', [pause.site])}</h1>}
      {!quiet && state.kind === 'match' && <ArticleView article={state.article} via={state.via} now={now} loadRemoteImages={options.loadRemoteImages} />}
      {!quiet && state.kind === 'related' && <RelatedCoverageView story={state.story} coverage={state.coverage} via={state.via} now={now} />}
      {!quiet && state.kind === 'site' && <SiteProfileView site={state.site} />}
      {!quiet && state.kind === 'no-match' && <NoMatch meta={state.meta} reason={state.reason} />}
      {!quiet && state.kind !== 'no-match' && state.catalogue && <CatalogueLine catalogue={state.catalogue} alsoIn={state.alsoIn ?? []} />}
      {!quiet && <MarkLinksToggle tabUrl={tabUrl} />}
      <footer class="popup-footer">
        <DataDate newestPublished={newestPublished} now={now} />
        {pause && setSitePaused && <PauseControl site={pause.site} paused={pause.paused} setPaused={setSitePaused} />}
        <nav class="footer-links">
          {openSidePanel && windowId !== null && (
            <button type="button" class="link-button" onClick={() => openSidePanel(windowId)}>
              {t('popup.sidePanelLink')}
            </button>
          )}
          <a href="/search.html" target="_blank" rel="noopener">
            {t('popup.searchLink')}
          </a>
          <a href="/options.html" target="_blank" rel="noopener">
            {t('popup.optionsLink')}
          </a>
        </nav>
      </footer>
    </div>
  );
}

/** The date of the data, whatever its source; said plainly when the newest article is over a year old. */
function DataDate({ newestPublished, now }: { newestPublished: string | null; now: Date }) {
  if (!newestPublished) return <p class="data-date">{t('popup.dataDateNone')}</p>;
  const stale = now.getTime() - new Date(newestPublished).getTime() > STALE_AFTER_MS;
  return (
    <p class={stale ? 'data-date stale' : 'data-date'}>
      {stale ? t('popup.dataOld', [dateText(newestPublished)]) : t('popup.dataDate', [dateText(newestPublished)])}
    </p>
  );
}

export function LoadFailed() {
  return (
    <p class="status" role="alert">
      {t('popup.loadFailed')}
    </p>
  );
}
