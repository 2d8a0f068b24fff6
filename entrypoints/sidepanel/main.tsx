import { browser } from '#imports';
import { render } from 'preact';
import { localizeDocument } from '../../src/i18n/translate';
import { setSitePaused } from '../../src/options/options-storage';
import { followActiveTab } from '../../src/popup/follow-active-tab';
import { idParam, loadPopupData } from '../../src/popup/popup-data';
import { LoadFailed, POPUP_RENDERED_MARK, PopupView } from '../../src/ui/PopupView';

// The popup's view, kept beside the page: it follows the active tab of its window as the reader switches tabs
// or the tab navigates.
localizeDocument(document, 'extName');
const root = document.getElementById('app')!;
// `?windowId=N` follows another window's active tab (tests); by default, the panel's own window.
const followedWindow = idParam(location.search, 'windowId');
// Only the newest load is drawn: tab switches in quick succession start loads that may finish out of order, and an
// older one finishing last would show a tab that is no longer active.
let newestLoad = 0;
const show = () => {
  const load = ++newestLoad;
  return loadPopupData(followedWindow === null ? '' : `?windowId=${followedWindow}`)
    .then(
      (data) => load === newestLoad && render(<PopupView data={data} setSitePaused={setSitePaused} quietWhenPaused />, root),
      (error) => {
        console.error('Backstory: could not load the side panel', error);
        if (load === newestLoad) render(<LoadFailed />, root);
      },
    )
    .finally(() => performance.mark(POPUP_RENDERED_MARK));
};
void show();
followActiveTab(
  browser.tabs,
  followedWindow !== null ? Promise.resolve(followedWindow) : browser.windows.getCurrent().then((current) => current.id),
  () => void show(),
);
