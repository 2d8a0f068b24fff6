import { describe, expect, it } from 'vitest';
import { matchUrl, refineVia } from '../../../src/match/match-url';
import { buildIndexOf } from '../helpers/content-files';

const index = buildIndexOf({
  'scmp.md': {
    title: 'SenseTime files for IPO',
    webUrl: 'https://www.scmp.com/business/article/3146708/sensetime-ipo',
    ampWebUrl: 'https://amp.scmp.com/business/article/3146708/sensetime-ipo',
    cdnAmpWebUrl: 'https://amp-scmp-com.cdn.ampproject.org/c/s/amp.scmp.com/business/article/3146708/sensetime-ipo',
  },
  'cnbc.md': {
    title: 'Google designs chips with AI',
    webUrl: 'https://www.cnbc.com/2021/06/10/google-chips.html',
    originalUrl: 'https://www.cnbc.com/2021/06/10/google-chips-original.html',
    ampWebUrl: 'https://www.cnbc.com/amp/2021/06/10/google-chips.html',
  },
  'medicalxpress.md': { title: 'AI tracks leukemia', webUrl: 'https://medicalxpress.com/news/2019-12-leukemia.html' },
  'engadget.md': { title: 'Intel AI for workforce', webUrl: 'https://www.engadget.com/intel-ai-130027058.html?src=rss' },
  'video.md': { title: 'A video', type: 'video', webUrl: 'https://www.youtube.com/watch?v=abc123' },
  'timed-video.md': { title: 'A video from 1:02', type: 'video', webUrl: 'https://youtu.be/def456?t=62' },
  'forum-topic.md': { title: 'Topic 5', webUrl: 'https://forum.example.org/viewtopic.php?t=5' },
  'wordpress.md': { title: 'Post 42', webUrl: 'https://blog.example.org/?p=42' },
  'story-id.md': { title: 'Story 7', webUrl: 'https://news.example.org/story?id=7' },
  'unicode.md': { title: 'Bücher', webUrl: 'https://bücher.example/artikel/eins' },
  'punycode.md': { title: 'Straße', webUrl: 'https://xn--strae-oqa.example/artikel/zwei' },
  'homepage.md': { title: 'A home page by mistake', webUrl: 'https://www.homepage-only.example/' },
  'bare.md': { title: 'Spelled bare', webUrl: "https://en.example.org/wiki/Foo_(bar),_it's?list[]=1&q=a+b" },
  'escaped.md': { title: 'Spelled escaped', webUrl: 'https://news.example.net/2021/tom%26jerry%3A%20%5Bfull%5D?q=a%20b%2Cc' },
});

function find(url: unknown) {
  const match = matchUrl(index.lookup, url);
  if (!match) return null;
  const article = index.articles[match.articleId];
  return { file: article.file, via: typeof url === 'string' ? refineVia(match.via, [article.webUrl, article.originalUrl], url) : match.via };
}

describe('matchUrl finds an article through the URL variants browsers and sites produce', () => {
  it.each([
    ['exact webUrl', 'https://www.scmp.com/business/article/3146708/sensetime-ipo', 'scmp.md', 'exact'],
    ['exact originalUrl', 'https://www.cnbc.com/2021/06/10/google-chips-original.html', 'cnbc.md', 'exact'],
    ['http instead of https', 'http://www.scmp.com/business/article/3146708/sensetime-ipo', 'scmp.md', 'normalised'],
    ['host case (the browser writes it lower-case)', 'https://WWW.SCMP.COM/business/article/3146708/sensetime-ipo', 'scmp.md', 'exact'],
    ['no www.', 'https://scmp.com/business/article/3146708/sensetime-ipo', 'scmp.md', 'normalised'],
    ['m. host', 'https://m.scmp.com/business/article/3146708/sensetime-ipo', 'scmp.md', 'normalised'],
    ['default https port (the browser drops it)', 'https://www.scmp.com:443/business/article/3146708/sensetime-ipo', 'scmp.md', 'exact'],
    ['default http port', 'http://www.scmp.com:80/business/article/3146708/sensetime-ipo', 'scmp.md', 'normalised'],
    ['trailing slash', 'https://www.scmp.com/business/article/3146708/sensetime-ipo/', 'scmp.md', 'normalised'],
    ['fragment', 'https://www.scmp.com/business/article/3146708/sensetime-ipo#comments', 'scmp.md', 'normalised'],
    ['utm parameters', 'https://www.scmp.com/business/article/3146708/sensetime-ipo?utm_source=twitter&utm_medium=social', 'scmp.md', 'normalised'],
    ['fbclid', 'https://www.scmp.com/business/article/3146708/sensetime-ipo?fbclid=IwAR0abc', 'scmp.md', 'normalised'],
    ['gclid, mc_cid, mc_eid', 'https://www.scmp.com/business/article/3146708/sensetime-ipo?gclid=1&mc_cid=2&mc_eid=3', 'scmp.md', 'normalised'],
    ["tracking parameter on the article's side", 'https://www.engadget.com/intel-ai-130027058.html', 'engadget.md', 'normalised'],
    ['tracking parameters on both sides', 'https://engadget.com/intel-ai-130027058.html?utm_campaign=x', 'engadget.md', 'normalised'],
    ['amp. host', 'https://amp.scmp.com/business/article/3146708/sensetime-ipo', 'scmp.md', 'amp'],
    ['AMP cache', 'https://amp-scmp-com.cdn.ampproject.org/c/s/amp.scmp.com/business/article/3146708/sensetime-ipo', 'scmp.md', 'amp'],
    ['AMP cache not listed in the article', 'https://www-scmp-com.cdn.ampproject.org/c/s/www.scmp.com/business/article/3146708/sensetime-ipo', 'scmp.md', 'amp'],
    ['Google AMP viewer', 'https://www.google.com/amp/s/amp.scmp.com/business/article/3146708/sensetime-ipo', 'scmp.md', 'amp'],
    ['/amp/ path of ampWebUrl', 'https://www.cnbc.com/amp/2021/06/10/google-chips.html', 'cnbc.md', 'amp'],
    ['?amp on the web URL', 'https://www.cnbc.com/2021/06/10/google-chips.html?amp', 'cnbc.md', 'amp'],
    ['.amp suffix not listed in the article', 'https://medicalxpress.com/news/2019-12-leukemia.amp', 'medicalxpress.md', 'amp'],
    ['YouTube short link', 'https://youtu.be/abc123', 'video.md', 'normalised'],
    ['YouTube mobile with share parameter', 'https://m.youtube.com/watch?v=abc123&feature=share', 'video.md', 'normalised'],
    ['YouTube with a start time', 'https://www.youtube.com/watch?v=abc123&t=42s', 'video.md', 'normalised'],
    ['YouTube short link with a start time', 'https://youtu.be/abc123?t=42', 'video.md', 'normalised'],
    ['a start time on the article side', 'https://www.youtube.com/watch?v=def456', 'timed-video.md', 'normalised'],
    ['t names a forum topic', 'http://forum.example.org/viewtopic.php?t=5&utm_source=x', 'forum-topic.md', 'normalised'],
    ['content parameter with tracking added', 'https://blog.example.org/?utm_source=x&p=42', 'wordpress.md', 'normalised'],
    ['punycode tab, unicode article', 'https://xn--bcher-kva.example/artikel/eins', 'unicode.md', 'exact'],
    ['unicode tab, punycode article', 'https://straße.example/artikel/zwei', 'punycode.md', 'exact'],
    ['unicode host with www. and a tracking parameter', 'https://www.bücher.example/artikel/eins?utm_source=x', 'unicode.md', 'normalised'],
    ['escaped tab, bare article', 'https://en.example.org/wiki/Foo_%28bar%29%2C_it%27s?list%5B%5D=1&q=a%20b', 'bare.md', 'normalised'],
    ['bare tab, escaped article', 'https://news.example.net/2021/tom&jerry: [full]?q=a+b,c', 'escaped.md', 'normalised'],
    ['query space as a bare space', 'https://news.example.net/2021/tom%26jerry%3A%20%5Bfull%5D?q=a b,c', 'escaped.md', 'normalised'],
    [
      'Webtrends and signed-URL parameters',
      'https://news.example.net/2021/tom&jerry:%20[full]?WT.z_src=x&q=a+b,c&X-Amz-Security-Token=t',
      'escaped.md',
      'normalised',
    ],
  ])('%s', (_variant, url, file, via) => {
    expect(find(url)).toEqual({ file, via });
  });
});

describe('matchUrl never matches another page', () => {
  it.each([
    ['home page', 'https://www.scmp.com/'],
    ['home page without slash', 'https://scmp.com'],
    ['AMP home page', 'https://amp.scmp.com/'],
    ['/amp of a home page', 'https://www.scmp.com/amp'],
    ['section page', 'https://www.scmp.com/business'],
    ['a parent path', 'https://www.scmp.com/business/article/3146708'],
    ['another article of the same site', 'https://www.scmp.com/business/article/3146709/other-story'],
    ['a sub-page of the article', 'https://www.scmp.com/business/article/3146708/sensetime-ipo/comments'],
    ['path case differs', 'https://www.scmp.com/Business/article/3146708/sensetime-ipo'],
    ['lookalike host', 'https://scmp.com.evil.example/business/article/3146708/sensetime-ipo'],
    ['host suffix', 'https://notscmp.com/business/article/3146708/sensetime-ipo'],
    ['another video', 'https://www.youtube.com/watch?v=zzz999'],
    ['another video at the same start time', 'https://youtu.be/zzz999?t=42'],
    ['another forum topic: t is not a start time on other sites', 'https://forum.example.org/viewtopic.php?t=6'],
    ['YouTube without a video', 'https://www.youtube.com/watch'],
    ['another WordPress post', 'https://blog.example.org/?p=43'],
    ['the blog home page', 'https://blog.example.org/'],
    ['another story id', 'https://news.example.org/story?id=8'],
    ['a plus (%2B) for a query space (+)', 'https://en.example.org/wiki/Foo_(bar),_it%27s?list[]=1&q=a%2Bb'],
    ['an escaped / in the path', 'https://en.example.org/wiki%2FFoo_(bar),_it%27s?list[]=1&q=a+b'],
    ['an escaped & in the query', "https://en.example.org/wiki/Foo_(bar),_it's?list[]=1%26q=a+b"],
    ['a story id missing', 'https://news.example.org/story'],
    ['an article listed only as a home page', 'https://www.homepage-only.example/'],
    ['view-source of an article', 'view-source:https://www.scmp.com/business/article/3146708/sensetime-ipo'],
    ['chrome://', 'chrome://newtab/'],
    ['about:blank', 'about:blank'],
    ['file:', 'file:///home/reader/article.html'],
    ['data:', 'data:text/html,<h1>hi</h1>'],
    ['empty', ''],
    ['missing', undefined],
  ])('%s', (_case, url) => {
    expect(find(url)).toBeNull();
  });
});

describe('the index', () => {
  it('warns about an article URL that is a home page, and keeps the article', () => {
    expect(index.report.warnings).toContainEqual(expect.objectContaining({ file: 'homepage.md', field: 'webUrl' }));
    expect(index.articles.map((article) => article.file)).toContain('homepage.md');
  });

  it('looks URLs up by key, at most three lookups per URL, never scanning the articles', () => {
    const asked: string[] = [];
    const counting = (key: string) => (asked.push(key), index.lookup(key));
    expect(matchUrl(counting, 'https://www.cnbc.com/2021/06/10/google-chips.html?amp')?.via).toBe('amp');
    expect(asked).toEqual(['cnbc.com/2021/06/10/google-chips.html?amp', 'cnbc.com/2021/06/10/google-chips.html']);
    asked.length = 0;
    expect(matchUrl(counting, 'https://medicalxpress.com/news/nothing.amp')).toBeNull();
    expect(asked).toHaveLength(3);
  });
});

describe('key buckets', () => {
  it('spread a large corpus over many small key files, and every key is still found', async () => {
    const { buildContentIndex } = await import('../../../src/index/build-content-index');
    const { contentFile } = await import('../helpers/content-files');
    const files = Array.from({ length: 3000 }, (_, n) =>
      contentFile(`a${n}.md`, { title: `Story ${n}`, webUrl: `https://site${n % 7}.example/news/${n}`, ampWebUrl: `https://site${n % 7}.example/amp/news/${n}` }),
    );
    const large = buildContentIndex(files);
    expect(large.meta.keyBucketBits).toBeGreaterThan(0);
    expect([...large.files.keys()].filter((name) => name.startsWith('keys-'))).toHaveLength(2 ** large.meta.keyBucketBits);
    for (const n of [0, 1234, 2999]) {
      expect(matchUrl(large.lookup, `http://site${n % 7}.example/news/${n}/?utm_source=x`)?.articleId).toBe(large.articles.findIndex((a) => a.file === `a${n}.md`));
    }
    expect(matchUrl(large.lookup, 'https://site1.example/news/3000')).toBeNull();
  });
});

describe('the loaded index', () => {
  it('reads each key bucket once, also for lookups at the same time', async () => {
    const { loadContentIndex } = await import('../../../src/index/content-index');
    const { memoryIndexFiles } = await import('../helpers/content-files');
    const files = memoryIndexFiles(index);
    const reads = new Map<string, number>();
    const counting = { readBytes: (name: string) => (reads.set(name, (reads.get(name) ?? 0) + 1), files.readBytes(name)) };
    const loaded = await loadContentIndex(counting);
    const urls = ['https://www.scmp.com/business/article/3146708/sensetime-ipo', 'https://youtu.be/abc123', 'https://blog.example.org/?p=42'];
    const matches = await Promise.all(urls.map((url) => loaded.match(url)));
    expect(matches.every(Boolean)).toBe(true);
    expect(reads.get('keys-0.bin')).toBe(1);
  });

  it('keeps a few recently used shards, not every shard it ever read', async () => {
    const { buildContentIndex } = await import('../../../src/index/build-content-index');
    const { loadContentIndex } = await import('../../../src/index/content-index');
    const { contentFile, memoryIndexFiles } = await import('../helpers/content-files');
    const built = buildContentIndex(
      Array.from({ length: 64 * 40 }, (_, n) => contentFile(`a${String(n).padStart(4, '0')}.md`, { title: `Story ${n}`, webUrl: `https://s.example/news/${n}` })),
    );
    expect(built.meta.shardSize).toBe(64);
    const files = memoryIndexFiles(built);
    const reads = new Map<string, number>();
    const loaded = await loadContentIndex({ readBytes: (name) => (reads.set(name, (reads.get(name) ?? 0) + 1), files.readBytes(name)) });
    // Two lookups of one shard at the same time: one read.
    const [first, again] = await Promise.all([loaded.getArticle(0), loaded.getArticle(1)]);
    expect([first?.title, again?.title]).toEqual(['Story 0', 'Story 1']);
    for (let shard = 1; shard < 40; shard++) expect((await loaded.getArticle(shard * 64))?.title).toBe(`Story ${shard * 64}`);
    // The newest shards are still held; the first, long unused, is read again.
    expect((await loaded.getArticle(39 * 64 + 1))?.title).toBe(`Story ${39 * 64 + 1}`);
    expect(reads.get('articles-39.json.gz')).toBe(1);
    expect((await loaded.getArticle(2))?.title).toBe('Story 2');
    expect(reads.get('articles-0.json.gz')).toBe(2);
  });
});
