import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { buildContentIndexFromDir } from '../../../src/index/build-content-index';
import { loadContentIndex } from '../../../src/index/content-index';
import { qualityBand } from '../../../src/quality/quality-band';
import { buildSearchSegments, searchDocumentOf } from '../../../src/search/build-search-index';
import { buildCompactIndex, querySpecs, searchCompactIndex } from '../../../src/search/compact-search-index';
import { isActiveQuery, loadSearch, type SearchQuery, searchArticles as searchFound } from '../../../src/search/search-articles';
import { SEARCH_OPTIONS } from '../../../src/search/search-catalog';
import { decodeSearchSegment, encodeSearchSegment, textOf } from '../../../src/search/search-segment-file';
import { memoryIndexFiles } from '../helpers/content-files';

// The real bundled content/, through the real build, loaded the way the search page loads it.
const built = await buildContentIndexFromDir(join(import.meta.dirname, '../../../content'));
const loaded = await loadSearch(await loadContentIndex(memoryIndexFiles(built)));
const query = (change: Partial<SearchQuery>): SearchQuery => ({ text: '', sort: 'relevance', ...change });
/** Every result, as entries (the search page turns only the shown ones into entries). */
const searchArticles = (...args: Parameters<typeof searchFound>) => searchFound(...args).slice();

describe('searching the bundled articles', () => {
  it('finds every bundled article by its title, among the first three results', () => {
    const misses = built.articles.filter((article, id) => {
      const results = searchArticles(loaded, query({ text: article.title }));
      return !results.slice(0, 3).some((entry) => entry.id === id);
    });
    expect(misses.map((article) => article.title)).toEqual([]);
  });

  it('matches words in excerpts, providers and topics, and the last word as a prefix', () => {
    const leukemia = searchArticles(loaded, query({ text: 'leukemia' }));
    expect(leukemia.length).toBeGreaterThanOrEqual(3);
    expect(searchArticles(loaded, query({ text: 'venturebeat' })).length).toBeGreaterThan(5);
    expect(searchArticles(loaded, query({ text: 'leuk' })).map((entry) => entry.id)).toEqual(expect.arrayContaining(leukemia.slice(0, 3).map((entry) => entry.id)));
  });

  it('forgives a typo in the words before the last, not in the word being typed, and needs two letters for a prefix', () => {
    const leukemia = searchArticles(loaded, query({ text: 'leukemia' })).map((entry) => entry.id);
    // "leukemja" (one letter wrong) finds nothing as the last word...
    expect(searchArticles(loaded, query({ text: 'leukemja' }))).toEqual([]);
    // ...but as an earlier word it is forgiven (one edit), and the last word is a prefix.
    const withTypo = searchArticles(loaded, query({ text: 'leukemja trac' })).map((entry) => entry.id);
    expect(withTypo.length).toBeGreaterThan(0);
    expect(leukemia).toEqual(expect.arrayContaining(withTypo));
    // One letter matches whole words only; two letters are a prefix.
    expect(searchArticles(loaded, query({ text: 'l' }))).toEqual([]);
    expect(searchArticles(loaded, query({ text: 'le' })).length).toBeGreaterThan(searchArticles(loaded, query({ text: 'leukemia' })).length);
  });

  it('applies every filter, and sorts by newest and by quality', () => {
    const ethics = searchArticles(loaded, query({ topic: 'AI Ethics' }));
    expect(ethics.length).toBeGreaterThan(5);
    expect(ethics.every((entry) => entry.topics.includes('AI Ethics'))).toBe(true);
    const dates = ethics.map((entry) => entry.publishedDateTime ?? '');
    expect([...dates].sort().reverse()).toEqual(dates); // newest first when nothing is typed

    const high = searchArticles(loaded, query({ text: 'AI', band: 'high', sort: 'quality' }));
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((entry) => qualityBand(entry.quality).id === 'high')).toBe(true);
    const scores = high.map((entry) => entry.quality!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const in2019 = searchArticles(loaded, query({ from: '2019-12-20', to: '2019-12-21' }));
    expect(in2019.length).toBeGreaterThan(0);
    expect(in2019.every((entry) => entry.publishedDateTime! >= '2019-12-20' && entry.publishedDateTime!.slice(0, 10) <= '2019-12-21')).toBe(true);

    const forbes = searchArticles(loaded, query({ provider: 'Forbes' }));
    expect(forbes).toHaveLength(22);
    expect(searchArticles(loaded, query({ type: 'video' })).every((entry) => entry.type === 'video')).toBe(true);
  });

  it('offers facets from the whole corpus', () => {
    expect(loaded.articleCount).toBe(built.articles.length);
    expect(loaded.facets.topics[0]).toEqual({ value: 'AI', count: built.articles.length });
    expect(loaded.facets.providers.find((facet) => facet.value === 'Forbes')?.count).toBe(22);
  });

  it('treats an empty query as no query, and survives any text', () => {
    expect(isActiveQuery(query({ text: '   ' }))).toBe(false);
    expect(isActiveQuery(query({ band: 'low' }))).toBe(true);
    for (const text of ['(', '*', '"', '\\', 'AND OR NOT', '<script>', 'x'.repeat(10_000), '💥', 'zzzqqq']) {
      expect(() => searchArticles(loaded, query({ text }))).not.toThrow();
    }
    expect(searchArticles(loaded, query({ text: 'zzzqqqxxx' }))).toEqual([]);
  });
});

describe('the compact search index', () => {
  // MiniSearch, with the same options, is the reference: the compact index must find the same articles with the same scores.
  const documents = built.articles.map((article, id) => searchDocumentOf(article, id));
  const reference = new MiniSearch(SEARCH_OPTIONS);
  reference.addAll(documents);
  const compact = buildCompactIndex(documents);
  const typed = (text: string) => Array.from({ length: text.length }, (_, end) => text.slice(0, end + 1));
  const withTypo = (word: string, at: number) => word.slice(0, at) + (word[at] === 'x' ? 'y' : 'x') + word.slice(at + 1);
  const queries = [
    // Every keystroke of the first three words of every title (the last word a prefix, those before it forgiving).
    ...built.articles.flatMap((article) => typed(article.title.split(/\s+/).slice(0, 3).join(' '))),
    // A typo (one edit) in an earlier word; two in a word of ten letters or more.
    ...built.articles.flatMap((article) => {
      const [first, second] = article.title.split(/\s+/);
      return first && second ? [`${withTypo(first, 1)} ${second}`, `${withTypo(withTypo(first, 1), first.length - 1)} ${second}`] : [];
    }),
    'ai ai',
    'AI, Ethics!',
    '“Deep” learning—for',
    'x'.repeat(300),
    '',
    '???',
  ];

  it('answers every query as MiniSearch does: the same articles, the same scores', () => {
    const differences: string[] = [];
    for (const text of queries) {
      const expected = reference.search(text).map(({ id, score }) => ({ id: id as number, score }));
      const found = searchCompactIndex(compact, querySpecs(text)).map(({ document, score }) => ({ id: documents[document].id, score }));
      expected.sort((a, b) => a.id - b.id);
      const same =
        found.length === expected.length &&
        found.every((item, i) => item.id === expected[i].id && Math.abs(item.score - expected[i].score) <= 1e-9 * expected[i].score);
      if (!same) differences.push(`${JSON.stringify(text)}: ${found.length} found, MiniSearch ${expected.length}`);
    }
    expect(queries.length).toBeGreaterThan(3000);
    expect(differences).toEqual([]);
  });

  it('gives the same answers with its match cache as without, whatever was typed before', () => {
    const cache = new Map();
    for (const text of queries.slice(0, 400)) {
      expect(searchCompactIndex(compact, querySpecs(text), cache)).toEqual(searchCompactIndex(compact, querySpecs(text)));
    }
  });
});

describe('a search segment file', () => {
  const bufferOf = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

  it('reads back every column of every row as it was built, addresses and titles whatever they hold', () => {
    const odd = ['', 'https://example.com', 'https://example.com/', 'http://a.example:8080/x?y#z', 'not a url', '://', 'https://ü.example/ä'];
    // The text is UTF-8 with byte offsets: characters of 2, 3 and 4 bytes (a surrogate pair) before and after others.
    const titles = ['Ünïcödé — “quoted”', '日本語の見出し', 'A 🧬 gene and a 𝔉raktur letter', '', 'e\u0301 (combining)', 'plain', 'ﬁ ligature'];
    const articles = [...built.articles, ...odd.map((webUrl, i) => ({ ...built.articles[i], webUrl, title: titles[i], quality: i % 2 ? undefined : i }))];
    const [segment] = buildSearchSegments(articles, articles.length);
    const read = decodeSearchSegment(bufferOf(encodeSearchSegment(segment)));
    expect(read).toEqual(segment);
    expect(articles.map((_, row) => textOf(read, row, 'address'))).toEqual(articles.map((article) => article.webUrl ?? article.originalUrl ?? ''));
    expect(articles.map((_, row) => textOf(read, row, 'title'))).toEqual(articles.map((article) => article.title));
    expect(articles.map((_, row) => textOf(read, row, 'date'))).toEqual(articles.map((article) => article.publishedDateTime ?? ''));
    expect(read.origins.length).toBeLessThan(new Set(articles.map((article) => article.providerDomain)).size + odd.length); // one per site, not per row
  });

  it('refuses a file that is cut short or damaged, naming what is wrong', () => {
    const [segment] = buildSearchSegments(built.articles, built.articles.length);
    const bytes = encodeSearchSegment(segment);
    expect(() => decodeSearchSegment(bufferOf(bytes.subarray(0, bytes.length - 64)))).toThrow('search segment is truncated');
    // The last byte of the ids (the column after the quality scores) says another byte follows: the column no longer
    // ends where the header says.
    const headerLength = new DataView(bytes.buffer).getUint32(0, true);
    const { byteLengths } = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as { byteLengths: number[] };
    const align = (n: number) => Math.ceil(n / 8) * 8;
    const damaged = bytes.slice();
    damaged[align(4 + headerLength) + align(byteLengths[0]) + byteLengths[1] - 1] |= 0x80;
    expect(() => decodeSearchSegment(bufferOf(damaged))).toThrow('search segment is corrupt');
    expect(() => decodeSearchSegment(bufferOf(new TextEncoder().encode('\u0002\u0000\u0000\u0000{}')))).toThrow('not a search segment');
  });
});
