import { describe, expect, it } from 'vitest';
import { buildContentIndex } from '../../../src/index/build-content-index';
import { loadContentIndex } from '../../../src/index/content-index';
import { loadSearch, searchArticles } from '../../../src/search/search-articles';
import { contentFile, memoryIndexFiles } from '../helpers/content-files';

// Enough articles and related stories for several shards and quality files of a pack's own sizes.
const files = Array.from({ length: 1100 }, (_, i) =>
  contentFile(`a-${String(i).padStart(4, '0')}.md`, {
    title: `Article ${i} about robots`,
    webUrl: `https://site${i % 5}.example/news/${i}`,
    publishedDateTime: '2026-11-01T10:00:00Z',
    quality: i % 97,
    related: [{ title: `Coverage ${i}`, webUrl: `https://other${i % 3}.example/story/${i}`, quality: (i * 7) % 89 }],
  }),
);

describe("a content pack's layout", () => {
  it('reads back every article, related story and quality score from its own shard and chunk sizes', async () => {
    const built = buildContentIndex(files, { pack: { previousIds: null } });
    const index = await loadContentIndex(memoryIndexFiles(built));
    expect(index.meta.storyShardSize).not.toBe(index.meta.shardSize);
    expect(built.files.has('quality-article-1.bin')).toBe(true); // more than one quality file of each kind
    expect(built.files.has('quality-related-1.bin')).toBe(true);
    for (const [id, article] of built.articles.entries()) {
      expect((await index.getArticle(id))?.webUrl).toBe(article!.webUrl);
      expect(await index.qualityOf('article', id)).toBe(article!.quality);
    }
    for (const [id, story] of built.stories.entries()) {
      expect((await index.getStory(id))?.url).toBe(story.url);
      expect(await index.qualityOf('related', id)).toBe(story.quality);
    }
  });
});

describe("a content pack's article ids", () => {
  const first = buildContentIndex(files, { pack: { previousIds: null } });
  const removedFile = 'a-0400.md';
  const removedId = first.articles.findIndex((article) => article?.file === removedFile);
  const second = buildContentIndex(
    files.filter((file) => file.file !== removedFile),
    { pack: { previousIds: first.ids! } },
  );

  it('a removed article leaves its id unused: no other article, shard, search segment or key bucket changes but its own', async () => {
    expect(second.articles.map((article) => article?.file ?? null)).toEqual(first.articles.map((article) => (article?.file === removedFile ? null : article!.file)));
    expect(second.meta.articles).toBe(files.length - 1); // what the reader is told
    expect(second.meta.articleIds).toBe(files.length);
    const index = await loadContentIndex(memoryIndexFiles(second));
    expect(await index.getArticle(removedId)).toBeNull();
    expect(await index.qualityOf('article', removedId)).toBeUndefined();
    expect((await index.getArticle(files.length - 1))?.file).toBe(first.articles.at(-1)!.file);
    expect((await index.describe('https://site0.example/news/400')).kind).not.toBe('article');
    const search = await loadSearch(index);
    const everyArticle = searchArticles(search, { text: '', sort: 'newest', type: 'article' }).slice();
    expect(everyArticle.map((entry) => entry.id)).not.toContain(removedId);
    expect(everyArticle).toHaveLength(files.length - 1);
    expect(search.articleCount).toBe(files.length - 1);

    const changed = [...second.files].filter(([name, bytes]) => !first.files.has(name) || Buffer.compare(first.files.get(name)!, bytes) !== 0).map(([name]) => name);
    const shardOf = (id: number) => Math.floor(id / second.meta.shardSize);
    expect(changed.filter((name) => name.startsWith('articles-'))).toEqual([`articles-${shardOf(removedId)}.json.gz`]);
    expect(changed.filter((name) => name.startsWith('search-'))).toHaveLength(1);
  });

  it('the next new article takes the unused id', () => {
    const third = buildContentIndex(
      [...files.filter((file) => file.file !== removedFile), contentFile('b-new.md', { title: 'A new one', webUrl: 'https://site9.example/new' })],
      { pack: { previousIds: second.ids! } },
    );
    expect(third.articles[removedId]?.file).toBe('b-new.md');
    expect(third.articles).toHaveLength(files.length);
    expect(third.meta.articleIds).toBeUndefined();
  });
});
