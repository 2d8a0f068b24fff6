import { render } from 'preact';
import { localizeDocument } from '../../src/i18n/translate';
import { openSidePanel } from '../../src/background/side-panel';
import { setSitePaused } from '../../src/options/options-storage';
import { loadPopupData } from '../../src/popup/popup-data';
import { LoadFailed, POPUP_RENDERED_MARK, PopupView } from '../../src/ui/PopupView';

// Loading starts as soon as the script runs (not after a first paint), and the popup renders once, with its data.
localizeDocument(document, 'extName');
/** "Keep open in side panel": opens it straight from the click (browsers require a user action), then closes the popup. */
const keepOpenInSidePanel = (windowId: number) => {
  openSidePanel(windowId).then(
    () => window.close(),
    (error) => console.warn('Backstory: could not open the side panel', error),
  );
};
const root = document.getElementById('app')!;
loadPopupData()
  .then(
    (data) => render(<PopupView data={data} setSitePaused={setSitePaused} openSidePanel={keepOpenInSidePanel} />, root),
    (error) => {
      console.error('Backstory: could not load the popup', error);
      render(<LoadFailed />, root);
    },
  )
  .finally(() => performance.mark(POPUP_RENDERED_MARK));
