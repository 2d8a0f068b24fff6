import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BuiltContentIndex, buildContentIndex, type ContentFile, listContentFiles } from '../../../src/index/build-content-index';
import { packTermStats } from '../../../src/index/pack-term-stats';
import { buildTermStats, snapshotTermStats, type StoryText, storyCloseness, termStatsFromSnapshot } from '../../../src/index/story-closeness';
import { loadLabelledCorpus } from '../helpers/related-labels';

const CONTENT = join(import.meta.dirname, '../../../content');
const contentFiles: ContentFile[] = listContentFiles(CONTENT).map((file) => ({ file, bytes: new Uint8Array(readFileSync(join(CONTENT, file))) }));
// An article whose arrival, with term stats taken afresh, relabels or reorders the related lists of five others.
const ADDED = 'everyday-ai/2021-08-10-15-ai-ethics-leaders-showing-the-world-the-way-of-the-future.md';

/** Each article's related list (titles and labels, in order) and also-covered-by list, by file, for the articles that neither list nor are listed by ADDED. */
function listsOfUntouchedArticles(built: BuiltContentIndex): Map<string, string> {
  const added = built.articles.findIndex((article) => article?.file === ADDED);
  const lists = new Map<string, string>();
  for (const article of built.articles) {
    if (!article || article.file === ADDED) continue;
    const touched = article.related.some((story) => story.articleId === added) || article.alsoCoveredBy.some((link) => link.articleId === added);
    if (touched) continue;
    lists.set(
      article.file,
      JSON.stringify([article.related.map((story) => [story.title, story.closeness]), article.alsoCoveredBy.map((link) => [link.title, link.closeness])]),
    );
  }
  return lists;
}

function changedArticles(before: BuiltContentIndex, after: BuiltContentIndex): string[] {
  const old = listsOfUntouchedArticles(before);
  return [...listsOfUntouchedArticles(after)].filter(([file, lists]) => old.has(file) && old.get(file) !== lists).map(([file]) => file);
}

describe('closeness in a content pack', () => {
  const without = contentFiles.filter((file) => file.file !== ADDED);

  it('with term stats taken afresh (the extension build), one added article relabels or reorders others', () => {
    expect(changedArticles(buildContentIndex(without), buildContentIndex(contentFiles)).length).toBeGreaterThan(0);
  });

  it('a pack keeps its term stats: every article the added one does not touch keeps its labels and order', () => {
    const first = buildContentIndex(without, { pack: { previousIds: null } });
    const second = buildContentIndex(contentFiles, { pack: { previousIds: first.ids! } });
    expect(changedArticles(first, second)).toEqual([]);
    expect(first.termStatsRecomputed).toBe('no previous publication');
    expect(second.termStatsRecomputed).toBeNull();
    expect(second.ids!.termStats).toMatchObject({ documents: first.ids!.termStats!.documents, articlesChanged: 1 });
  });

  it('a pack whose previous ids kept no term stats (an older publish) takes them afresh, and says so', () => {
    const first = buildContentIndex(without, { pack: { previousIds: null } });
    const second = buildContentIndex(contentFiles, { pack: { previousIds: { ...first.ids!, termStats: undefined } } });
    expect(second.termStatsRecomputed).toBe('the previous publication kept none');
  });
});

describe('packTermStats', () => {
  const texts = (count: number): StoryText[] => Array.from({ length: count }, (_, i) => ({ title: `Robots ${i % 3 === 0 ? 'and rivers' : 'on trains'} ${i}` }));
  const files = (count: number, prefix = 'a') => Array.from({ length: count }, (_, i) => `${prefix}-${i}.md`);
  const first = packTermStats(() => texts(100), files(100), null);

  it('keeps the previous stats while the corpus is within a tenth of theirs, counting the articles added or removed', () => {
    const next = packTermStats(() => texts(109), [...files(100).slice(3), ...files(6, 'b')], { termStats: first.kept, articles: files(100) });
    expect(next.recomputed).toBeNull();
    expect(next.kept).toEqual({ ...first.kept, articlesChanged: 9 });
    expect(next.stats.weight).toEqual(first.stats.weight);
  });

  it.each([
    ['more than a tenth more texts', 111, files(100), /^111 texts, \+11\.0 % from the 100 they were taken over$/],
    ['more than a tenth fewer texts', 89, files(100), /^89 texts, -11\.0 % from the 100/],
    [
      'more than a tenth of the articles replaced, at the same count',
      100,
      [...files(94), ...files(6, 'b')],
      /^12 articles added or removed since they were taken over 100 \(12\.0 %\)$/,
    ],
  ])('takes them afresh past the drift bound: %s', (_name, textCount, articleFiles, reason) => {
    const next = packTermStats(() => texts(textCount), articleFiles, { termStats: first.kept, articles: files(100) });
    expect(next.recomputed).toMatch(reason);
    expect(next.kept).toMatchObject({ documents: textCount, articles: articleFiles.length, articlesChanged: 0 });
  });

  it('takes them afresh when they were read with another tokeniser (an older publish)', () => {
    const older = { ...first.kept, tokeniser: undefined };
    expect(packTermStats(() => texts(100), files(100), { termStats: older, articles: files(100) }).recomputed).toBe(
      "the previous publication's were read with tokeniser 1, this build's is 2",
    );
  });

  it('takes them afresh when the kept ones are damaged', () => {
    const damaged = { ...first.kept, documentFrequency: first.kept.documentFrequency.slice(1) };
    expect(packTermStats(() => texts(100), files(100), { termStats: damaged, articles: files(100) }).recomputed).toBe('the previous publication kept none');
  });
});

describe('term stats snapshots', () => {
  const { corpus, pairs } = loadLabelledCorpus();
  const fresh = buildTermStats(corpus.map((entry) => entry.text));
  const snapshot = snapshotTermStats(fresh);

  it('leave out the terms seen once, and weigh every term as the stats they were taken from', () => {
    expect(snapshot.terms.length).toBeLessThan(fresh.termIds.size);
    expect(snapshot.documentFrequency.every((frequency) => frequency > 1)).toBe(true);
    const restored = termStatsFromSnapshot(JSON.parse(JSON.stringify(snapshot)));
    for (const pair of pairs) expect(storyCloseness(pair.article, pair.story, restored)).toBeCloseTo(storyCloseness(pair.article, pair.story, fresh), 12);
  });
});
