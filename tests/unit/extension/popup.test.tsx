import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupView } from '../../../src/ui/PopupView';
import { loadContentIndex } from '../../../src/index/content-index';
import { DEFAULT_OPTIONS } from '../../../src/options/options';
import { loadPopupState } from '../../../src/popup/load-popup-state';
import { ArticleView } from '../../../src/ui/ArticleView';
import { monogramLetters } from '../../../src/ui/ProviderMark';
import { buildIndexOf, memoryIndexFiles } from '../helpers/content-files';

const built = buildIndexOf({
  'hostile.md': {
    title: '<script>window.pwned = 1</script><b>Bold</b> claims',
    excerpt: '<img src=x onerror="window.pwned=2"> an excerpt',
    webUrl: 'https://news.example.com/2024/hostile',
    publishedDateTime: '2021-08-27T16:15:00Z',
    quality: 188,
    heat: 246,
    type: 'video',
    published: false,
    provider: { name: 'South China Morning Post', domain: 'scmp.com', images: [{ url: 'https://cdn.example.com/logo.png' }] },
    topics: ['AI Ethics', 'AI'],
    related: [
      { title: 'Low but linked', webUrl: 'https://other.example.org/a', quality: 20, provider: { name: 'Other' } },
      { title: 'Script link', webUrl: 'javascript:alert(1)', quality: 99 },
      { title: 'Best coverage', webUrl: 'https://third.example.net/b', quality: 90, publishedDateTime: '2021-08-28T10:00:00Z', provider: { name: 'Third' } },
    ],
  },
  'plain.md': { title: 'Plain', webUrl: 'https://news.example.com/2024/plain', publishedDateTime: '2023-04-24T16:33:00Z' },
});
const hostile = built.articles.find((article) => article.file === 'hostile.md')!;
const index = () => loadContentIndex(memoryIndexFiles(built));

afterEach(cleanup);

describe('ArticleView', () => {
  it('shows everything the reader needs, with text as text', () => {
    const { container } = render(<ArticleView article={hostile} via="amp" now={new Date('2024-08-27T00:00:00Z')} loadRemoteImages={false} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('<script>window.pwned = 1</script><b>Bold</b> claims');
    expect(container.querySelector('script, b, img')).toBeNull(); // markup from content never becomes elements
    expect((window as { pwned?: number }).pwned).toBeUndefined();
    expect(screen.getByText('South China Morning Post')).toBeTruthy();
    expect(screen.getByText('scmp.com')).toBeTruthy();
    expect(screen.getByText('SC')).toBeTruthy(); // the monogram: no network
    expect(screen.getByRole('meter', { name: 'Quality score' }).getAttribute('aria-valuenow')).toBe('188');
    expect(screen.getByText('Exceptional')).toBeTruthy();
    // Above 100: a visible line (not only a hover title) says how far beyond the usual scale, apart from the meaning.
    expect(screen.getByText('+88 above the usual 0–100 scale').tagName).toBe('P');
    expect(screen.getByText('About these scores').closest('details')).not.toBeNull();
    expect(screen.getByText('246')).toBeTruthy();
    expect(screen.getByText('video')).toBeTruthy();
    expect(screen.getByText('Unpublished')).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: 'Topics' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['AI Ethics', 'AI']);
    expect(screen.getByText(/3 years ago/)).toBeTruthy();
    expect(screen.getByText('Matched the AMP version of this article')).toBeTruthy();
  });

  it('lists related stories closest first, loose ones after a divider; only http(s) ones are links, opening in a new tab without referrer', () => {
    render(<ArticleView article={hostile} via="exact" now={new Date()} loadRemoteImages={false} />);
    const region = screen.getByRole('region', { name: /Related coverage/ });
    const items = within(region).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.related-title')!.textContent).sort()).toEqual(['Best coverage', 'Low but linked', 'Script link']);
    const closeness = items.map((item) => item.getAttribute('data-closeness'));
    expect(closeness).toEqual(hostile.related.map((story) => story.closeness));
    expect([...closeness].sort()).toEqual(closeness); // every 'close' before every 'loose'
    const divider = within(region).queryByRole('heading', { name: 'Loosely related' });
    expect(divider !== null).toBe(closeness.includes('loose'));
    const links = screen.getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href')).sort()).toEqual(['https://other.example.org/a', 'https://third.example.net/b']);
    // The band is said in words next to each score, not only by colour.
    expect(items.find((item) => item.textContent.includes('Best coverage'))!.querySelector('.related-quality')!.textContent).toBe('Quality 90 High');
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('loads no remote image unless the reader turned them on', () => {
    const { container, rerender } = render(<ArticleView article={hostile} via="exact" now={new Date()} loadRemoteImages={false} />);
    expect(container.querySelector('img')).toBeNull();
    rerender(<ArticleView article={hostile} via="exact" now={new Date()} loadRemoteImages={true} />);
    expect(container.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example.com/logo.png');
  });

  it.each([
    ['South China Morning Post', 'SC'],
    ['The Financial Times', 'FT'],
    ['YAHOO!News', 'Y'],
    ['아크로팬', '아'],
    ['', '?'],
  ])('monogram of %j is %j', (name, letters) => expect(monogramLetters(name)).toBe(letters));
});

describe('the popup', () => {
  it('shows the article of the tab', async () => {
    const { state } = await loadPopupState({ index: await index(), tabUrl: 'https://news.example.com/2024/hostile', readPageLinks: async () => null });
    render(<PopupView data={{ state, options: DEFAULT_OPTIONS, newestPublished: null, pause: null, windowId: null }} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('claims');
    expect(screen.getByText("Matched this page's exact address")).toBeTruthy();
  });

  it('says so, kindly, when the page is not bundled, with the bundle size and newest date', async () => {
    const { state } = await loadPopupState({ index: await index(), tabUrl: 'https://elsewhere.example/x', readPageLinks: async () => null });
    render(<PopupView data={{ state, options: DEFAULT_OPTIONS, newestPublished: null, pause: null, windowId: null }} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('No backstory for this page');
    expect(document.querySelector('.bundle-info')!.textContent).toBe('Backstory bundles 2 articles, the newest from Apr 24, 2023.');
  });
});

describe('the popup beyond the exact article', () => {
  it('shows a related story as related coverage, with the bundled article that lists it, text as text', async () => {
    const { state } = await loadPopupState({ index: await index(), tabUrl: 'https://other.example.org/a?utm_source=x', readPageLinks: async () => null });
    expect(state.kind).toBe('related');
    const { container } = render(<PopupView data={{ state, options: DEFAULT_OPTIONS, newestPublished: null, pause: null, windowId: null }} />);
    expect(container.querySelector('.popup')!.getAttribute('data-state')).toBe('related');
    expect(screen.getByText('Related coverage')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Low but linked');
    const listedBy = within(screen.getByRole('region', { name: 'Listed by' })).getByRole('link');
    expect(listedBy.textContent).toBe('<script>window.pwned = 1</script><b>Bold</b> claims');
    expect(listedBy.getAttribute('href')).toBe('https://news.example.com/2024/hostile');
    expect(container.querySelector('script, b')).toBeNull();
    // The rest of the story's coverage: the other related stories of the article that lists it.
    const more = within(screen.getByRole('region', { name: /More coverage of this story/ })).getAllByRole('listitem');
    expect(more.map((item) => item.querySelector('.related-title')!.textContent).sort()).toEqual(['Best coverage', 'Script link']);
  });

  it("shows a bundled site's profile on its other pages, saying the page itself is not in Backstory", async () => {
    const { state } = await loadPopupState({ index: await index(), tabUrl: 'https://news.example.com/section/world', readPageLinks: async () => null });
    const { container } = render(<PopupView data={{ state, options: DEFAULT_OPTIONS, newestPublished: null, pause: null, windowId: null }} />);
    expect(container.querySelector('.popup')!.getAttribute('data-state')).toBe('site');
    expect(screen.getByText('This page itself is not in Backstory. Here is what Backstory knows about the site.')).toBeTruthy();
    expect(screen.getByText('Articles in Backstory').nextElementSibling!.textContent).toBe('2');
    expect(
      within(screen.getByRole('region', { name: 'Newest articles' }))
        .getAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).toEqual(['https://news.example.com/2024/plain', 'https://news.example.com/2024/hostile']);
  });

  it('prefers an article found through the canonical link over the site profile', async () => {
    const { state } = await loadPopupState({
      index: await index(),
      tabUrl: 'https://news.example.com/print/1',
      readPageLinks: async () => ({ canonical: 'https://news.example.com/2024/plain' }),
    });
    expect(state).toMatchObject({ kind: 'match', via: 'canonical' });
  });

  it('offers the search page from every state', async () => {
    for (const tabUrl of [
      'https://news.example.com/2024/plain',
      'https://other.example.org/a',
      'https://news.example.com/x',
      'https://elsewhere.example/x',
      'about:blank',
    ]) {
      const { state } = await loadPopupState({ index: await index(), tabUrl, readPageLinks: async () => null });
      const { container, unmount } = render(<PopupView data={{ state, options: DEFAULT_OPTIONS, newestPublished: null, pause: null, windowId: null }} />);
      expect(container.querySelector('.popup-footer a[href="/search.html"]'), tabUrl).not.toBeNull();
      unmount();
    }
  });
});

describe("the data's date", () => {
  it('is always in the footer, and called out when the newest article is over a year old', async () => {
    const { state } = await loadPopupState({ index: await index(), tabUrl: 'https://elsewhere.example/x', readPageLinks: async () => null });
    const data = { state, options: DEFAULT_OPTIONS, newestPublished: '2023-04-24T16:33:00.000Z', pause: null, windowId: null };
    const { container, rerender } = render(<PopupView data={data} now={new Date('2023-05-01T00:00:00Z')} />);
    expect(container.querySelector('.data-date')!.textContent).toBe('Articles up to Apr 24, 2023');
    rerender(<PopupView data={data} now={new Date('2026-12-01T00:00:00Z')} />);
    expect(container.querySelector('.data-date.stale')!.textContent).toBe('The newest article is more than a year old (Apr 24, 2023): the data may be out of date.');
  });
});

describe("the background's cached answer", () => {
  it('is used as it is, without opening the index', async () => {
    const article = built.articles.find((item) => item.file === 'plain.md')!;
    const { state } = await loadPopupState({
      index: () => Promise.reject(new Error('the index must not be opened')),
      cached: { description: { kind: 'article', articleId: 1, via: 'exact', article }, meta: built.meta },
      tabUrl: 'https://news.example.com/2024/plain',
      readPageLinks: async () => null,
    });
    expect(state).toEqual({ kind: 'match', article, via: 'exact' });
  });

  it('shows a site or nothing from the cache too, opening the index only when the page names another address', async () => {
    const never = () => Promise.reject(new Error('the index must not be opened'));
    const meta = { ...built.meta, newestPublished: '2026-11-30T00:00:00.000Z' };
    const none = { description: { kind: 'none', reason: 'unknown' } as const, meta };
    const tabUrl = 'https://elsewhere.example/x';
    const sameAddress = await loadPopupState({ index: never, cached: none, tabUrl, readPageLinks: async () => ({ canonical: tabUrl, ogUrl: null }) });
    expect(sameAddress).toEqual({ state: { kind: 'no-match', meta, reason: 'unknown' }, meta });
    // A page of a bundled site whose canonical link is a bundled article: then the index is opened, and its answer
    // (and data date) wins over the cached site profile.
    const printUrl = 'https://news.example.com/print/12345';
    const site = { description: await (await index()).describe(printUrl), meta };
    expect(site.description.kind).toBe('site');
    const throughLink = await loadPopupState({
      index,
      cached: site,
      tabUrl: printUrl,
      readPageLinks: async () => ({ canonical: 'https://news.example.com/2024/plain', ogUrl: null }),
    });
    expect(throughLink.state).toMatchObject({ kind: 'match', via: 'canonical', article: { file: 'plain.md' } });
    expect(throughLink.meta).toEqual(built.meta);
  });
});

describe('canonical and og:url fallback', () => {
  const stateFor = async (tabUrl: string, links: { canonical?: string; ogUrl?: string } | null) =>
    (await loadPopupState({ index: await index(), tabUrl, readPageLinks: async () => links })).state;

  it('finds the article through the canonical link', async () => {
    const state = await stateFor('https://news.example.com/print/12345', { canonical: 'https://news.example.com/2024/plain' });
    expect(state).toMatchObject({ kind: 'match', via: 'canonical', article: { file: 'plain.md' } });
  });

  it('then through og:url', async () => {
    const state = await stateFor('https://amp.news.example.com/p/1', { canonical: 'https://news.example.com/', ogUrl: 'https://www.news.example.com/2024/plain' });
    expect(state).toMatchObject({ kind: 'match', via: 'og:url' });
  });

  it.each([
    ['a home page', { canonical: 'https://news.example.com/' }],
    ['another site', { canonical: 'https://attacker.example/2024/plain', ogUrl: 'https://news.example.com.attacker.example/2024/plain' }],
    ['a non-http link', { canonical: 'javascript:alert(1)' }],
  ])('ignores a canonical that points to %s: the page stays a page of a bundled site', async (_case, links) => {
    expect((await stateFor('https://news.example.com/unknown', links)).kind).toBe('site');
    expect((await stateFor('https://elsewhere.example/unknown', links)).kind).toBe('no-match');
  });

  it('is not read at all on a non-web tab, and failures to read it are a plain no-match', async () => {
    const { state } = await loadPopupState({
      index: await index(),
      tabUrl: 'chrome://newtab/',
      readPageLinks: async () => {
        throw new Error('should not be called');
      },
    });
    expect(state).toMatchObject({ kind: 'no-match', reason: 'not-web' });
    const { state: failing } = await loadPopupState({
      index: await index(),
      tabUrl: 'https://x.example/a',
      readPageLinks: () => Promise.reject(new Error('no permission')),
    });
    expect(failing.kind).toBe('no-match');
  });
});
