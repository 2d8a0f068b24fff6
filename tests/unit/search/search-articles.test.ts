import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContentIndexFromDir } from '../../../src/index/build-content-index';
import { loadContentIndex } from '../../../src/index/content-index';
import { qualityBand } from '../../../src/quality/quality-band';
import { isActiveQuery, loadSearch, type SearchQuery, searchArticles } from '../../../src/search/search-articles';
import { memoryIndexFiles } from '../helpers/content-files';

// The real bundled content/, through the real build, loaded the way the search page loads it.
const built = await buildContentIndexFromDir(join(import.meta.dirname, '../../../content'));
const loaded = await loadSearch(await loadContentIndex(memoryIndexFiles(built)));
const query = (change: Partial<SearchQuery>): SearchQuery => ({ text: '', sort: 'relevance', ...change });

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
    expect(loaded.catalog).toHaveLength(built.articles.length);
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
