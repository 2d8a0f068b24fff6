import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../../src/content/parse-article-file';
import { buildContentIndexFromDir, listContentFiles } from '../../../src/index/build-content-index';
import { describePage } from '../../../src/match/describe-page';
import { matchUrl } from '../../../src/match/match-url';
import { urlKeys } from '../../../src/url/normalize-url';

// The whole bundled content/ through the real pipeline.
const CONTENT_DIR = join(import.meta.dirname, '../../../content');
const built = await buildContentIndexFromDir(CONTENT_DIR);
const files = listContentFiles(CONTENT_DIR);
const parsed = files.map((file) => ({ file, article: parseArticleFile(file, readFileSync(join(CONTENT_DIR, file))).article! }));
const idOfFile = new Map(built.articles.map((article, id) => [article.file, id]));

/** The file a duplicate was folded into (named in its warning), or the file itself. */
function keptFile(file: string): string {
  const warning = built.report.warnings.find((problem) => problem.file === file && problem.message.startsWith('same article URL as '));
  return warning ? warning.message.split(' ')[4].replace(/,$/, '') : file;
}

/** Realistic variants a reader's tab may show for an article URL. */
function variantsOf(url: string): string[] {
  const parsedUrl = new URL(url);
  const host = parsedUrl.hostname.replace(/^www\./, '');
  return [
    url,
    url.replace(/^https:/, 'http:'),
    `${parsedUrl.protocol}//${host.toUpperCase()}${parsedUrl.pathname}${parsedUrl.search}`,
    `${url}${parsedUrl.search ? '&' : '?'}utm_source=twitter&utm_medium=social&fbclid=IwAR0x`,
    `${url}#comments`,
  ];
}

describe('the bundled content', () => {
  it('has no errors, and every file is either indexed or a named duplicate', () => {
    expect(built.report.errors).toEqual([]);
    expect(built.report.files).toBe(files.length);
    expect(files.length).toBeGreaterThanOrEqual(181);
    for (const { file } of parsed) expect(idOfFile.has(keptFile(file)), file).toBe(true);
    expect(built.report.articles + built.report.warnings.filter((w) => w.message.startsWith('same article URL')).length).toBe(files.length);
  });

  it('finds every article by each of its URLs and their common variants', () => {
    let checked = 0;
    for (const { file, article } of parsed) {
      const expectedId = idOfFile.get(keptFile(file));
      for (const url of [article.webUrl, article.originalUrl, article.ampWebUrl, article.cdnAmpWebUrl]) {
        if (!url) continue;
        for (const variant of variantsOf(url)) {
          const match = matchUrl(built.lookup, variant);
          // Another article may legitimately own a URL (a file whose originalUrl is another file's webUrl); then
          // the URL must still find an article, and it must be one that lists this URL.
          expect(match, `${file}: ${variant}`).not.toBeNull();
          if (match!.articleId !== expectedId) {
            const owner = parsed.find((p) => keptFile(p.file) === built.articles[match!.articleId].file)!.article;
            expect([owner.webUrl, owner.originalUrl, owner.ampWebUrl, owner.cdnAmpWebUrl], `${file}: ${variant}`).toContain(url);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('finds every related story with an http(s) address as related coverage of its article, unless it is bundled', () => {
    const counts = { related: 0, bundled: 0 };
    for (const { file, article } of parsed) {
      const articleId = idOfFile.get(keptFile(file))!;
      const ownKeys = new Set([article.webUrl, article.originalUrl, article.ampWebUrl].map((url) => urlKeys(url)?.key));
      for (const [position, story] of (article.related ?? []).entries()) {
        const url = story.webUrl ?? story.ampWebUrl ?? story.cdnAmpWebUrl;
        const keys = urlKeys(url);
        if (!url || !keys || keys.isHomePage || ownKeys.has(keys.key)) continue; // never matched, or the article itself
        for (const variant of variantsOf(url)) {
          const answer = describePage(built.lookup, variant);
          const where = `${file}: related[${position}] ${variant}`;
          if (answer.kind === 'article') {
            // A related story that is itself bundled: the article it is, marked so in the list.
            expect(built.articles[articleId].related.some((item) => item.articleId === answer.id), where).toBe(true);
            counts.bundled++;
          } else {
            expect(answer.kind, where).toBe('related');
            const listedBy = built.stories[(answer as { id: number }).id].listedBy.map((link) => link.articleId);
            expect(listedBy, where).toContain(articleId);
            counts.related++;
          }
        }
      }
    }
    expect(counts.related).toBeGreaterThan(1000);
    expect(counts.bundled).toBeGreaterThan(0);
  });

  it('gives every page of a bundled site that is not an article its site profile, never an article', () => {
    for (const article of built.articles) {
      if (!article.webUrl) continue;
      const { origin } = new URL(article.webUrl);
      for (const page of [`${origin}/`, `${origin}/section/technology`, `${origin}/2099/01/01/not-bundled-story.html`]) {
        const answer = describePage(built.lookup, page);
        expect(['site', 'related'], `${article.file}: ${page}`).toContain(answer.kind);
        if (answer.kind === 'site') expect(built.sites[answer.id].articles, page).toBeGreaterThan(0);
      }
    }
  });

  it('keeps real-data oddities: scores above 100, unpublished items, every article with a topic', () => {
    expect(Math.max(...built.articles.map((article) => article.quality ?? 0))).toBeGreaterThan(100);
    expect(built.articles.some((article) => article.published === false && article.heat === -1)).toBe(true);
    expect(built.articles.every((article) => article.topics.length > 0)).toBe(true);
    expect(built.meta.newestPublished).toMatch(/^2023-04-2\dT/);
  });

  it('ships nothing the extension never shows', () => {
    const text = (name: string, bytes: Uint8Array) => Buffer.from(name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
    const shipped = [...built.files].map(([name, bytes]) => text(name, bytes)).join('');
    // The search index holds the word "secured" of an excerpt as a term; no other file may name the field.
    const records = [...built.files].filter(([name]) => !name.startsWith('search-')).map(([name, bytes]) => text(name, bytes)).join('');
    expect(records).not.toContain('"secured"');
    expect(shipped).not.toContain('jxAPNDpLPPBs24x1F'); // the seed's secured blob
  });
});
