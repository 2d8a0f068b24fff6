import { render } from 'preact';
import { localizeDocument } from '../../src/i18n/translate';
import { loadContentIndex } from '../../src/index/content-index';
import { loadSearch } from '../../src/search/search-articles';
import { SEARCH_READY_MARK, SearchPage } from '../../src/ui/SearchPage';
import { extensionIndexFilesInUse } from '../../src/update/open-extension-index';

localizeDocument(document, 'search.pageTitle');

const loadIndex = () => extensionIndexFilesInUse().then(loadContentIndex);

render(
  <SearchPage
    loadIndex={loadIndex}
    loadSearch={loadSearch}
    search={location.search}
    onQueryChange={(params) => history.replaceState(null, '', `${location.pathname}${params.size > 0 ? `?${params}` : ''}`)}
    onReady={() => performance.mark(SEARCH_READY_MARK)}
  />,
  document.getElementById('app')!,
);
