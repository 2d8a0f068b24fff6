import { describe, expect, it } from 'vitest';
import { buildContentIndex } from '../../../src/index/build-content-index';
import { loadContentIndex } from '../../../src/index/content-index';
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
      expect((await index.getArticle(id))?.webUrl).toBe(article.webUrl);
      expect(await index.qualityOf('article', id)).toBe(article.quality);
    }
    for (const [id, story] of built.stories.entries()) {
      expect((await index.getStory(id))?.url).toBe(story.url);
      expect(await index.qualityOf('related', id)).toBe(story.quality);
    }
  });
});
