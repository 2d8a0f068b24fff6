import { describe, expect, it } from 'vitest';
import { loadContentIndex } from '../../../src/index/content-index';
import { describePage } from '../../../src/match/describe-page';
import { normalizeUrl } from '../../../src/url/normalize-url';
import { buildIndexOf, memoryIndexFiles } from '../helpers/content-files';

const index = buildIndexOf({
  'scmp.md': {
    title: 'SenseTime files for Hong Kong IPO',
    webUrl: 'https://www.scmp.com/business/article/3146708/sensetime-ipo',
    quality: 77,
    related: [
      {
        title: 'SenseTime seeks Hong Kong listing',
        webUrl: 'https://www.reuters.com/technology/sensetime-listing-2021-08-27/',
        ampWebUrl: 'https://www.reuters.com/amp/technology/sensetime-listing-2021-08-27/',
        quality: 39,
      },
      { title: 'SenseTime IPO filing, the Bloomberg view', webUrl: 'https://news.example.org/bloomberg-view' },
      { title: 'A script', webUrl: 'javascript:alert(1)' },
      { title: 'A home page', webUrl: 'https://homepage-related.example/' },
    ],
  },
  'bloomberg.md': {
    title: 'SenseTime IPO filing, the Bloomberg view',
    webUrl: 'https://news.example.org/bloomberg-view',
    quality: 55,
    related: [{ title: 'SenseTime seeks Hong Kong listing (updated)', webUrl: 'http://reuters.com/technology/sensetime-listing-2021-08-27?utm_source=x' }],
  },
  'bbc.md': { title: 'A BBC story', webUrl: 'https://www.bbc.co.uk/news/technology-1', provider: { name: 'BBC', domain: 'bbc.com' } },
  'mislabelled.md': {
    title: 'A Reuters story credited to Fox',
    webUrl: 'https://www.reuters.com/business/other-story',
    provider: { name: 'Fox Business', domain: 'foxbusiness.com' },
  },
  'blog.md': { title: 'A blog post', webUrl: 'https://alice.github.io/posts/1' },
});
const articleId = (file: string) => index.articles.findIndex((article) => article.file === file);
const siteId = (domain: string) => index.sites.findIndex((site) => site.domains.includes(domain));
const storyId = (url: string) => index.stories.findIndex((story) => normalizeUrl(story.url) === normalizeUrl(url));
const REUTERS_STORY = 'https://www.reuters.com/technology/sensetime-listing-2021-08-27/';

describe('describePage: one answer for a URL', () => {
  it.each([
    ['a bundled article', 'https://www.scmp.com/business/article/3146708/sensetime-ipo', { kind: 'article', id: articleId('scmp.md'), via: 'normalised' }],
    [
      'an article variant',
      'http://scmp.com/business/article/3146708/sensetime-ipo/?utm_source=x#top',
      { kind: 'article', id: articleId('scmp.md'), via: 'normalised' },
    ],
    [
      'an article that another lists as related is an article (precedence)',
      'https://news.example.org/bloomberg-view',
      { kind: 'article', id: articleId('bloomberg.md'), via: 'normalised' },
    ],
    ['a related story', REUTERS_STORY, { kind: 'related', id: storyId(REUTERS_STORY), via: 'normalised' }],
    [
      'a related story with tracking and no www.',
      'https://reuters.com/technology/sensetime-listing-2021-08-27?fbclid=1',
      { kind: 'related', id: storyId(REUTERS_STORY), via: 'normalised' },
    ],
    [
      "a related story's AMP address",
      'https://www.reuters.com/amp/technology/sensetime-listing-2021-08-27/',
      { kind: 'related', id: storyId(REUTERS_STORY), via: 'amp' },
    ],
    [
      "a related story's AMP cache form",
      'https://www-reuters-com.cdn.ampproject.org/c/s/www.reuters.com/technology/sensetime-listing-2021-08-27/',
      { kind: 'related', id: storyId(REUTERS_STORY), via: 'amp' },
    ],
    ['another page of a bundled site', 'https://www.scmp.com/news/china', { kind: 'site', id: siteId('scmp.com'), reason: 'unknown' }],
    ['the home page of a bundled site', 'https://www.scmp.com/', { kind: 'site', id: siteId('scmp.com'), reason: 'home-page' }],
    ['a subdomain of a bundled site', 'https://news.bbc.co.uk/sport/1', { kind: 'site', id: siteId('bbc.co.uk'), reason: 'unknown' }],
    ["a provider's own domain under another suffix", 'https://www.bbc.com/news/world', { kind: 'site', id: siteId('bbc.co.uk'), reason: 'unknown' }],
    ['a mislabelled provider domain joins no site', 'https://www.foxbusiness.com/markets/x', { kind: 'none', reason: 'unknown' }],
    ['another blog on a shared host is another site', 'https://bob.github.io/posts/1', { kind: 'none', reason: 'unknown' }],
    ['the same blog', 'https://alice.github.io/about', { kind: 'site', id: siteId('alice.github.io'), reason: 'unknown' }],
    ['a related home page is never matched', 'https://homepage-related.example/', { kind: 'none', reason: 'home-page' }],
    ['an unknown page', 'https://unknown.example/a/b', { kind: 'none', reason: 'unknown' }],
    ['an unknown home page', 'https://unknown.example/', { kind: 'none', reason: 'home-page' }],
    ['an IP address', 'http://127.0.0.1:8080/a', { kind: 'none', reason: 'unknown' }],
    ['a look-alike host', 'https://scmp.com.attacker.example/business/article/3146708/sensetime-ipo', { kind: 'none', reason: 'unknown' }],
    ['javascript:', 'javascript:alert(1)', { kind: 'none', reason: 'not-web' }],
    ['a browser page', 'chrome://newtab/', { kind: 'none', reason: 'not-web' }],
    ['garbage', 'not a url', { kind: 'none', reason: 'not-web' }],
  ])('%s', (_case, url, expected) => {
    expect(describePage(index.lookup, url)).toEqual(expected);
  });

  it.each([null, undefined, 42, {}, [], '', 'https://'])('never throws on %j', (input) => {
    expect(describePage(index.lookup, input)).toEqual({ kind: 'none', reason: 'not-web' });
  });

  it("tries the page's canonical link and og:url for articles and related stories, on the same site only", () => {
    const tab = 'https://www.scmp.com/print/3146708';
    expect(describePage(index.lookup, tab, { canonical: 'https://www.scmp.com/business/article/3146708/sensetime-ipo' })).toEqual({
      kind: 'article',
      id: articleId('scmp.md'),
      via: 'canonical',
    });
    expect(describePage(index.lookup, 'https://www.reuters.com/print/1', { ogUrl: REUTERS_STORY })).toEqual({
      kind: 'related',
      id: storyId(REUTERS_STORY),
      via: 'og:url',
    });
    expect(describePage(index.lookup, 'https://attacker.example/x', { canonical: 'https://www.scmp.com/business/article/3146708/sensetime-ipo' })).toEqual({
      kind: 'none',
      reason: 'unknown',
    });
  });

  it('uses one id per related story, whichever article lists it', () => {
    const story = index.stories[storyId(REUTERS_STORY)];
    expect(story.listedBy.map((link) => link.articleId).sort()).toEqual([articleId('scmp.md'), articleId('bloomberg.md')].sort());
    expect(story.quality).toBe(39);
  });

  it('links bundled articles one hop: "also covered by", and a bundled related story marked with its own quality', () => {
    const bloomberg = index.articles[articleId('bloomberg.md')];
    expect(bloomberg.alsoCoveredBy.map((link) => link.articleId)).toEqual([articleId('scmp.md')]);
    const scmp = index.articles[articleId('scmp.md')];
    expect(scmp.related.find((story) => story.title.includes('Bloomberg'))).toMatchObject({ articleId: articleId('bloomberg.md'), quality: 55 });
    expect(scmp.alsoCoveredBy).toEqual([]); // bloomberg lists a Reuters story, not scmp: no closure
  });
});

describe('ContentIndex.describe, as the badge and popup call it', () => {
  it('reads what each answer shows, and marks literal addresses exact', async () => {
    const opened = await loadContentIndex(memoryIndexFiles(index));
    expect(await opened.describe('https://www.scmp.com/business/article/3146708/sensetime-ipo')).toMatchObject({
      kind: 'article',
      via: 'exact',
      article: { file: 'scmp.md' },
    });
    const related = await opened.describe(REUTERS_STORY);
    expect(related).toMatchObject({ kind: 'related', via: 'normalised', story: { title: 'SenseTime seeks Hong Kong listing (updated)', quality: 39 } });
    expect(await opened.describe('http://reuters.com/technology/sensetime-listing-2021-08-27?utm_source=x')).toMatchObject({ kind: 'related', via: 'exact' });
    // The rest of the story's coverage: the listing articles' other related stories, never the story itself.
    if (related.kind !== 'related') throw new Error('not related');
    expect(related.coverage.map((story) => story.title)).not.toContain('SenseTime seeks Hong Kong listing');
    expect(related.coverage.map((story) => story.title)).toContain('SenseTime IPO filing, the Bloomberg view');
    expect(await opened.describe('https://www.bbc.com/')).toMatchObject({
      kind: 'site',
      reason: 'home-page',
      site: { domains: ['bbc.co.uk', 'bbc.com'], providerName: 'BBC', articles: 1 },
    });
    expect(await opened.describe('https://www.reuters.com/')).toMatchObject({ kind: 'site', site: { domains: ['reuters.com'] } });
    expect((await opened.describe('https://www.reuters.com/')) as { site: { providerName?: string } }).not.toHaveProperty('site.providerName');
  });
});
