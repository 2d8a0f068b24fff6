import { describe, expect, it } from 'vitest';
import { loadContentIndex } from '../../../src/index/content-index';
import { describePage } from '../../../src/match/describe-page';
import { linkMarkOf, markCardOf, markText } from '../../../src/marks/link-mark';
import { cardLines, markLabel } from '../../../src/marks/render-mark';
import { lookUpMarks } from '../../../src/background/marks-messages';
import { buildIndexOf, memoryIndexFiles } from '../helpers/content-files';

const built = buildIndexOf({
  'scored.md': {
    title: 'Scored <b>article</b>',
    webUrl: 'https://news.example.com/2024/scored',
    quality: 77.4,
    provider: { name: 'News Example', domain: 'example.com' },
    publishedDateTime: '2024-03-01T10:00:00Z',
    topics: ['AI', 'Chips'],
    related: [{ title: 'Elsewhere', webUrl: 'https://other.example.org/story', quality: 39, provider: { name: 'Other' } }],
  },
  'unscored.md': { title: 'Unscored', webUrl: 'https://news.example.com/2024/unscored' },
  'exceptional.md': { title: 'Exceptional', webUrl: 'https://news.example.com/2024/exceptional', quality: 150 },
});

describe('what mark a link gets', () => {
  it.each([
    ['a bundled article, scored', 'https://news.example.com/2024/scored?utm_source=x', { kind: 'article', quality: 77, band: 'high' }],
    ['a bundled article, unscored', 'https://news.example.com/2024/unscored', { kind: 'article', band: 'unscored' }],
    ['a bundled article beyond 100', 'https://www.news.example.com/2024/exceptional/', { kind: 'article', quality: 150, band: 'exceptional' }],
    ['related coverage of a bundled story', 'https://other.example.org/story', { kind: 'related', quality: 39, band: 'low' }],
    ["a bundled site's home page", 'https://news.example.com/', null],
    ["a bundled site's section page", 'https://news.example.com/world', null],
    ['another article of a bundled site', 'https://news.example.com/2024/not-bundled', null],
    ['an unknown page', 'https://unknown.example/a', null],
    ['javascript:', 'javascript:alert(1)', null],
  ])('%s', async (_case, href, expected) => {
    const index = await loadContentIndex(memoryIndexFiles(built));
    expect(await lookUpMarks(index, [href])).toEqual([expected]);
    // The same answer describePage gives, with the quality the badge uses.
    const answer = describePage(built.lookup, href);
    const quality = answer.kind === 'article' ? built.articles[answer.id].quality : answer.kind === 'related' ? built.stories[answer.id].quality : undefined;
    expect(linkMarkOf(answer, quality)).toEqual(expected);
  });

  it('answers many hrefs at once, in order', async () => {
    const index = await loadContentIndex(memoryIndexFiles(built));
    const marks = await lookUpMarks(index, ['https://unknown.example/a', 'https://news.example.com/2024/scored', 'https://other.example.org/story']);
    expect(marks.map((mark) => mark?.kind ?? null)).toEqual([null, 'article', 'related']);
  });

  it('draws the score as the badge does: rounded, `•` when unscored; and says what it is', () => {
    expect(markText({ kind: 'article', quality: 77, band: 'high' })).toBe('77');
    expect(markText({ kind: 'article', band: 'unscored' })).toBe('•');
    expect(markLabel({ kind: 'article', quality: 77, band: 'high' })).toBe('Backstory article, quality 77, High. Show details');
    expect(markLabel({ kind: 'related', band: 'unscored' })).toBe('Backstory: related coverage, not scored. Show details');
  });

  it("gives the card the article's title, provider, date, band and topics, and related coverage what it covers", async () => {
    const index = await loadContentIndex(memoryIndexFiles(built));
    const article = markCardOf(await index.describe('https://news.example.com/2024/scored'))!;
    expect(article).toEqual({
      kind: 'article',
      title: 'Scored <b>article</b>',
      provider: 'News Example',
      publishedDateTime: '2024-03-01T10:00:00.000Z',
      quality: 77.4,
      band: 'high',
      topics: ['AI', 'Chips'],
    });
    expect(cardLines(article)).toEqual({ title: 'Scored <b>article</b>', lines: ['News Example · Mar 1, 2024', 'Quality 77 · High', 'AI, Chips'] });
    const related = markCardOf(await index.describe('https://other.example.org/story'))!;
    expect(related.kind).toBe('related');
    expect(cardLines(related).lines[0]).toBe('Related coverage of ‘Scored <b>article</b>’');
    expect(markCardOf(await index.describe('https://news.example.com/'))).toBeNull();
  });
});
