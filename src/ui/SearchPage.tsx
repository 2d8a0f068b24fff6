import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { ContentIndex, PageDescription } from '../index/content-index';
import { toArticleLink } from '../index/indexed-article';
import { bandLabel } from '../i18n/band-text';
import { dateText, formatNumber, plural, t } from '../i18n/translate';
import { QUALITY_BANDS, type QualityBandId, qualityBand } from '../quality/quality-band';
import type { CatalogEntry } from '../search/search-catalog';
import { type FoundArticles, isActiveQuery, type LoadedSearch, NOTHING_FOUND, type SearchQuery, type SearchSort, searchArticles } from '../search/search-articles';
import { isWebUrl } from '../url/parse-web-url';
import { ArticleLinks } from './ArticleLinks';
import { CatalogueLine } from './CatalogueLine';
import { viaLabel } from './ArticleView';
import { noAnswerReason } from './NoMatch';

/** Set (performance.mark) when the search index is loaded and the page can answer: the benchmark reads it. */
export const SEARCH_READY_MARK = 'backstory:search-ready';
/** Results are shown this many at a time. */
const PAGE_SIZE = 50;
/** Topics offered to browse when nothing is asked yet, or nothing is found. */
const BROWSE_TOPICS = 12;

interface SearchPageProps {
  loadIndex: () => Promise<ContentIndex>;
  loadSearch: (index: ContentIndex) => Promise<LoadedSearch>;
  /** The page's query string: `?q=WORDS` and `?url=URL` open it with that query. */
  search: string;
  /** Keeps the address bar in step with the query (so a search can be bookmarked); tests leave it out. */
  onQueryChange?: (params: URLSearchParams) => void;
  /** Called once, right after the first render that can answer a query. */
  onReady?: () => void;
}

/**
 * The search page: full-text search over the bundled articles with filters and sorting, and a box that says
 * what Backstory knows about a pasted address. Everything is read from the extension's own files.
 */
export function SearchPage({ loadIndex, loadSearch, search, onQueryChange, onReady }: SearchPageProps) {
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const [index, setIndex] = useState<ContentIndex | null>(null);
  const [loaded, setLoaded] = useState<LoadedSearch | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState<SearchQuery>({ text: params.get('q') ?? '', sort: 'relevance' });
  const [shown, setShown] = useState(PAGE_SIZE);

  useEffect(() => {
    loadIndex()
      .then(async (opened) => {
        setIndex(opened);
        setLoaded(await loadSearch(opened));
      })
      .catch((error: unknown) => {
        console.error('Backstory: could not load the search index', error);
        setFailed(true);
      });
  }, [loadIndex, loadSearch]);

  useLayoutEffect(() => {
    if (loaded) onReady?.();
  }, [loaded, onReady]);

  const results = useMemo(() => (loaded && isActiveQuery(query) ? searchArticles(loaded, query) : NOTHING_FOUND), [loaded, query]);
  const update = (change: Partial<SearchQuery>) => {
    const next = { ...query, ...change };
    setQuery(next);
    setShown(PAGE_SIZE);
    if (change.text !== undefined && onQueryChange) {
      const nextParams = new URLSearchParams(params);
      if (next.text) nextParams.set('q', next.text);
      else nextParams.delete('q');
      onQueryChange(nextParams);
    }
  };

  return (
    <main class="search-page">
      <h1>{t('search.heading')}</h1>
      <form role="search" class="search-form" onSubmit={(event) => event.preventDefault()}>
        <label for="search-query">{t('search.label')}</label>
        <input
          id="search-query"
          type="search"
          name="q"
          value={query.text}
          placeholder={t('search.placeholder')}
          autoFocus={!params.has('url')}
          onInput={(event) => update({ text: event.currentTarget.value })}
        />
        {loaded && <Filters loaded={loaded} query={query} update={update} />}
      </form>

      {failed && (
        <p class="status" role="alert">
          {t('search.loadFailed')}
        </p>
      )}
      {!failed && !loaded && <p class="status">{t('search.loading')}</p>}
      {loaded && <Results loaded={loaded} query={query} results={results} shown={shown} onMore={() => setShown(shown + PAGE_SIZE)} update={update} />}

      <UrlBox index={index} initialUrl={params.get('url') ?? ''} />
    </main>
  );
}

function Filters({ loaded, query, update }: { loaded: LoadedSearch; query: SearchQuery; update: (change: Partial<SearchQuery>) => void }) {
  const { topics, providers, types } = loaded.facets;
  return (
    <div class="filters">
      <FacetSelect name="topic" label={t('search.topic')} any={t('search.anyTopic')} facets={topics} value={query.topic} onChange={(topic) => update({ topic })} />
      <FacetSelect
        name="provider"
        label={t('search.provider')}
        any={t('search.anyProvider')}
        facets={providers}
        value={query.provider}
        onChange={(provider) => update({ provider })}
      />
      <label>
        {t('search.quality')}
        <select name="band" value={query.band ?? ''} onChange={(event) => update({ band: (event.currentTarget.value || undefined) as QualityBandId | undefined })}>
          <option value="">{t('search.anyQuality')}</option>
          {Object.values(QUALITY_BANDS).map((band) => (
            <option key={band.id} value={band.id}>
              {bandLabel(band.id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('search.type')}
        <select name="type" value={query.type ?? ''} onChange={(event) => update({ type: event.currentTarget.value || undefined })}>
          <option value="">{t('search.anyType')}</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('search.from')}
        <input type="date" name="from" value={query.from ?? ''} onChange={(event) => update({ from: event.currentTarget.value || undefined })} />
      </label>
      <label>
        {t('search.to')}
        <input type="date" name="to" value={query.to ?? ''} onChange={(event) => update({ to: event.currentTarget.value || undefined })} />
      </label>
      <label>
        {t('search.sortBy')}
        <select name="sort" value={query.sort} onChange={(event) => update({ sort: event.currentTarget.value as SearchSort })}>
          <option value="relevance">{t('search.relevance')}</option>
          <option value="newest">{t('search.newest')}</option>
          <option value="quality">{t('search.byQuality')}</option>
        </select>
      </label>
    </div>
  );
}

interface FacetSelectProps {
  name: string;
  label: string;
  /** The first option's text: no filter. */
  any: string;
  facets: { value: string; count: number }[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

/**
 * A filter over one facet (topic, provider): each value with how many articles have it. The options are made once
 * (a large corpus has hundreds of providers): a keystroke in the search box re-renders the form, not them.
 */
function FacetSelect({ name, label, any, facets, value, onChange }: FacetSelectProps) {
  const options = useMemo(
    () =>
      facets.map((facet) => (
        <option key={facet.value} value={facet.value}>
          {facet.value} ({formatNumber(facet.count)})
        </option>
      )),
    [facets],
  );
  return (
    <label>
      {label}
      <select name={name} value={value ?? ''} onChange={(event) => onChange(event.currentTarget.value || undefined)}>
        <option value="">{any}</option>
        {options}
      </select>
    </label>
  );
}

interface ResultsProps {
  loaded: LoadedSearch;
  query: SearchQuery;
  results: FoundArticles;
  shown: number;
  onMore: () => void;
  update: (change: Partial<SearchQuery>) => void;
}

function Results({ loaded, query, results, shown, onMore, update }: ResultsProps) {
  const active = isActiveQuery(query);
  const browse = (
    <div class="browse">
      <h2 id="browse-heading">{t('search.browse')}</h2>
      <ul class="topics" aria-labelledby="browse-heading">
        {loaded.facets.topics.slice(0, BROWSE_TOPICS).map(({ value, count }) => (
          <li key={value}>
            <button type="button" class="chip topic" onClick={() => update({ topic: value, text: '' })}>
              {value} ({formatNumber(count)})
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
  return (
    <section class="results" aria-labelledby="results-heading">
      <h2 id="results-heading" class="visually-hidden">
        {t('search.results')}
      </h2>
      <p class="status" role="status">
        {!active
          ? t('search.idle', [plural('count.articles', loaded.articleCount)])
          : results.length === 0
            ? t('search.nothing')
            : plural('count.results', results.length)}
      </p>
      {results.length > 0 && (
        <ol class="result-list">
          {results.slice(0, shown).map((entry) => (
            <ResultItem key={`${entry.catalogue?.id ?? ''}:${entry.id}`} entry={entry} />
          ))}
        </ol>
      )}
      {results.length > shown && (
        <button type="button" class="more" onClick={onMore}>
          {t('search.more', [formatNumber(results.length - shown)])}
        </button>
      )}
      {active && results.length === 0 && (
        <button
          type="button"
          onClick={() => update({ text: '', topic: undefined, provider: undefined, band: undefined, type: undefined, from: undefined, to: undefined })}
        >
          {t('search.clear')}
        </button>
      )}
      {(!active || results.length === 0) && browse}
    </section>
  );
}

function ResultItem({ entry }: { entry: CatalogEntry }) {
  const band = qualityBand(entry.quality);
  return (
    <li class="result" data-article-id={entry.id}>
      {isWebUrl(entry.url) ? (
        <a class="result-title" href={entry.url} target="_blank" rel="noopener noreferrer">
          {entry.title}
        </a>
      ) : (
        <span class="result-title">{entry.title}</span>
      )}
      <span class="result-meta">
        {[entry.provider, entry.publishedDateTime && dateText(entry.publishedDateTime), entry.type !== 'article' && entry.type].filter(Boolean).join(' · ')}
        <span class={`related-quality band-${band.id}`}>
          {entry.quality === undefined ? bandLabel(band.id) : `${formatNumber(Math.round(entry.quality))} · ${bandLabel(band.id)}`}
        </span>
      </span>
      {entry.catalogue && <CatalogueLine catalogue={entry.catalogue} alsoIn={entry.alsoIn ?? []} />}
    </li>
  );
}

/** The "what does Backstory know about this address?" box: the same answer the badge and popup give. */
function UrlBox({ index, initialUrl }: { index: ContentIndex | null; initialUrl: string }) {
  const [url, setUrl] = useState(initialUrl);
  const [answer, setAnswer] = useState<PageDescription | null>(null);
  const lookUp = (address: string) => {
    if (index) describeAddress(index, address, setAnswer);
  };
  useEffect(() => {
    if (index && initialUrl) describeAddress(index, initialUrl, setAnswer);
  }, [index, initialUrl]);
  return (
    <section class="url-box" aria-labelledby="url-box-heading">
      <h2 id="url-box-heading">{t('search.urlHeading')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          lookUp(url);
        }}
      >
        <label for="url-query">{t('search.urlLabel')}</label>
        <div class="url-row">
          <input
            id="url-query"
            type="text"
            name="url"
            inputMode="url"
            value={url}
            autoFocus={Boolean(initialUrl)}
            placeholder="https://…"
            onInput={(event) => setUrl(event.currentTarget.value)}
          />
          <button type="submit" disabled={!index}>
            {t('search.lookUp')}
          </button>
        </div>
      </form>
      <div class="url-answer" role="status">
        {answer && <UrlAnswer answer={answer} />}
      </div>
    </section>
  );
}

function describeAddress(index: ContentIndex, address: string, show: (answer: PageDescription) => void): void {
  index.describe(address.trim()).then(show, () => show({ kind: 'none', reason: 'unknown' }));
}

function UrlAnswer({ answer }: { answer: PageDescription }) {
  switch (answer.kind) {
    case 'article':
      return (
        <div data-answer="article">
          <p>
            <strong>{t('search.answerArticle')}</strong> {viaLabel(answer.via)}.
          </p>
          <ArticleLinks links={[toArticleLink(answer.article, answer.articleId)]} heading={t('search.theArticle')} id="url-article-heading" />
        </div>
      );
    case 'related':
      return (
        <div data-answer="related">
          <p>{t('search.answerRelated', [answer.story.providerName ? `${answer.story.title} (${answer.story.providerName})` : answer.story.title])}</p>
          <ArticleLinks links={answer.story.listedBy} heading={t('search.listedBy')} id="url-listed-by-heading" />
        </div>
      );
    case 'site': {
      const name = answer.site.providerName ?? answer.site.domains[0];
      const count = plural('count.articles', answer.site.articles);
      return (
        <div data-answer="site">
          <p>{answer.reason === 'home-page' ? t('search.answerSiteHome', [name, count]) : t('search.answerSite', [name, count])}</p>
          <ArticleLinks links={answer.site.newest} heading={t('search.siteNewest')} id="url-site-heading" />
        </div>
      );
    }
    case 'none':
      return (
        <p data-answer="none">
          <strong>{t('search.answerNone')}</strong> {noAnswerReason(answer.reason)}
        </p>
      );
  }
}
