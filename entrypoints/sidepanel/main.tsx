import { browser } from '#imports';
import { render } from 'preact';
import { localizeDocument } from '../../src/i18n/translate';
import { setSitePaused } from '../../src/options/options-storage';
import { followActiveTab } from '../../src/popup/follow-active-tab';
import { loadPopupData } from '../../src/popup/popup-data';
import { LoadFailed, POPUP_RENDERED_MARK, PopupView } from '../../src/ui/PopupView';

// The popup's view, kept beside the page: it follows the active tab of its window as the reader switches tabs
// or the tab navigates.
localizeDocument(document, 'extName');
const root = document.getElementById('app')!;
const show = () =>
  loadPopupData('')
    .then(
      (data) => render(<PopupView data={data} setSitePaused={setSitePaused} />, root),
      (error) => {
        console.error('Backstory: could not load the side panel', error);
        render(<LoadFailed />, root);
      },
    )
    .finally(() => performance.mark(POPUP_RENDERED_MARK));
void show();
followActiveTab(browser.tabs, browser.windows, () => void show());
