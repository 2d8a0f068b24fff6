import { render } from 'preact';
import { localizeDocument } from '../../src/i18n/translate';
import { loadSearch } from '../../src/search/search-articles';
import { SEARCH_READY_MARK, SearchPage } from '../../src/ui/SearchPage';
import { openIndexInUse } from '../../src/catalogues/open-index-in-use';

localizeDocument(document, 'search.pageTitle');

const loadIndex = openIndexInUse;

// The address bar follows the query (so a search can be bookmarked) once typing pauses: history.replaceState costs
// a few ms, which every keystroke would otherwise pay before its results show.
const ADDRESS_DELAY_MS = 300;
let addressTimer: ReturnType<typeof setTimeout> | undefined;
const keepAddress = (params: URLSearchParams) => {
  clearTimeout(addressTimer);
  addressTimer = setTimeout(() => history.replaceState(null, '', `${location.pathname}${params.size > 0 ? `?${params}` : ''}`), ADDRESS_DELAY_MS);
};

render(
  <SearchPage
    loadIndex={loadIndex}
    loadSearch={loadSearch}
    search={location.search}
    onQueryChange={keepAddress}
    onReady={() => performance.mark(SEARCH_READY_MARK)}
  />,
  document.getElementById('app')!,
);
