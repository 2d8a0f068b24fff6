import { browser } from '#imports';
import { render } from 'preact';
import { localizeDocument } from '../../src/i18n/translate';
import { extensionIndexFiles, loadContentIndex } from '../../src/index/content-index';
import { loadSearch } from '../../src/search/search-articles';
import { SearchPage } from '../../src/ui/SearchPage';

localizeDocument(document, 'search.pageTitle');

const loadIndex = () => loadContentIndex(extensionIndexFiles((path) => browser.runtime.getURL(path as '/')));

render(
  <SearchPage
    loadIndex={loadIndex}
    loadSearch={loadSearch}
    search={location.search}
    onQueryChange={(params) => history.replaceState(null, '', `${location.pathname}${params.size > 0 ? `?${params}` : ''}`)}
  />,
  document.getElementById('app')!,
);
