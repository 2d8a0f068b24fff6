import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContentIndexFromDir } from '../../../src/index/build-content-index';
import { matchUrl } from '../../../src/match/match-url';

// One fixture file per kind of bad input: tests/fixtures/bad-content/.
const built = await buildContentIndexFromDir(join(import.meta.dirname, '../../fixtures/bad-content'));
const { errors, warnings } = built.report;
const article = (file: string) => built.articles.find((item) => item.file === file);
const problemsOf = (file: string) => [...errors, ...warnings].filter((problem) => problem.file === file);

describe('bad input', () => {
  it.each([
    ['broken-yaml.md', '(frontmatter)', /^broken YAML: the quote that opens here is never closed \(line 2, column 8\)$/],
    ['no-frontmatter.md', '(file)', /no YAML frontmatter/],
    ['empty.md', '(file)', /empty file/],
    ['binary.md', '(file)', /binary/],
    ['missing-title.md', 'title', /is required/],
    ['no-http-url.md', 'webUrl', /no http\(s\) article URL/],
  ])('%s is rejected, naming the field %s', (file, field, message) => {
    expect(errors.filter((problem) => problem.file === file)).toEqual([{ file, field, message: expect.stringMatching(message) }]);
    expect(article(file)).toBeUndefined();
  });

  it('keeps a related story with a javascript:, data: or ftp: link, without the link, and warns for each', () => {
    const related = article('related-bad-links.md')!.related;
    expect(related.map((story) => story.title).sort()).toEqual(['Data link', 'FTP link', 'Good related', 'Script link']);
    expect(related.filter((story) => story.url)).toEqual([expect.objectContaining({ title: 'Good related', url: 'https://other.example.org/story' })]);
    expect(problemsOf('related-bad-links.md').map((problem) => problem.field)).toEqual(['related[0].webUrl', 'related[1].webUrl', 'related[2].webUrl']);
  });

  it('keeps the newer of two files with the same article URL, and names both in a warning', () => {
    expect(article('duplicate-newer.md')?.title).toBe('Duplicate, newer copy');
    expect(article('duplicate-older.md')).toBeUndefined();
    expect(problemsOf('duplicate-older.md')).toEqual([
      { file: 'duplicate-older.md', field: 'webUrl', message: expect.stringMatching(/same article URL as duplicate-newer\.md/) },
    ]);
  });

  it('shortens a very large excerpt, with a warning', () => {
    expect(article('huge-excerpt.md')!.excerpt!.length).toBeLessThanOrEqual(1000);
    expect(problemsOf('huge-excerpt.md')).toEqual([expect.objectContaining({ field: 'excerpt', message: expect.stringMatching(/shortened to 1000/) })]);
  });

  it('drops a quality that is not a number, with a warning, and keeps the article', () => {
    expect(article('quality-not-a-number.md')).toBeDefined();
    expect(article('quality-not-a-number.md')!.quality).toBeUndefined();
    expect(problemsOf('quality-not-a-number.md')).toEqual([expect.objectContaining({ field: 'quality', message: 'must be a number; value dropped' })]);
  });

  it('reads a Latin-1 file as Windows-1252, with a warning', () => {
    expect(article('latin1.md')!.title).toBe('Café Málaga');
    expect(problemsOf('latin1.md')).toEqual([expect.objectContaining({ field: '(file)', message: expect.stringMatching(/Windows-1252/) })]);
  });

  it.each([
    'good.md', 'bom.md', 'crlf.md', 'utf16-with-bom.md', 'markup-in-text.md', 'quality-above-100.md', 'topics-string.md',
    'unknown-fields.md', 'unicode-host.md', 'offset-date-unquoted-url.md', 'unpublished.md', 'original-url-only.md', 'nested/deeper/nested.md',
  ])('%s is kept silently', (file) => {
    expect(problemsOf(file)).toEqual([]);
    expect(article(file)).toBeDefined();
  });

  it('parses the silent oddities right', () => {
    expect(article('bom.md')!.title).toBe('A good article');
    expect(article('crlf.md')!.providerName).toBe('Example News');
    expect(article('utf16-with-bom.md')!.topics).toEqual(['AI']);
    expect(article('markup-in-text.md')!.title).toBe('<script>alert(1)</script> <b>Bold</b> &amp; <img src=x onerror=alert(2)>');
    expect(article('quality-above-100.md')).toMatchObject({ quality: 188, heat: 246 });
    expect(article('topics-string.md')!.topics).toEqual(['AI']);
    expect(Object.keys(article('unknown-fields.md')!)).not.toContain('mysteryField');
    expect(article('offset-date-unquoted-url.md')!.publishedDateTime).toBe('2024-01-02T04:30:00.000Z');
    expect(article('unpublished.md')).toMatchObject({ published: false, heat: -1 });
    expect(article('original-url-only.md')!.webUrl).toBeUndefined();
    expect(matchUrl(built.lookup, 'https://xn--bcher-kva.example/artikel/eins')?.articleId).toBe(built.articles.indexOf(article('unicode-host.md')!));
    expect(matchUrl(built.lookup, 'https://news.example.com/2024/01/original-only')).not.toBeNull();
  });

  it('indexes every good file next to the bad ones', () => {
    expect(built.report.articles).toBe(18); // 25 files − 6 rejected − 1 duplicate
    expect(built.report.files).toBe(25);
  });
});

describe('building on worker threads (parsing, related coverage, gzip)', () => {
  it('gives exactly the same report and index files as building in this thread', async () => {
    const dir = join(import.meta.dirname, '../../fixtures/bad-content');
    const parallel = await buildContentIndexFromDir(dir, { parallel: true });
    const serial = await buildContentIndexFromDir(dir, { parallel: false });
    expect(parallel.report).toEqual(serial.report);
    expect([...parallel.files.keys()]).toEqual([...serial.files.keys()]);
    for (const [name, bytes] of serial.files) expect(Buffer.from(parallel.files.get(name)!).equals(Buffer.from(bytes)), name).toBe(true);
  });

  it('scores the related stories of the real corpus on workers exactly as in this thread (every shard, byte for byte)', async () => {
    const dir = join(import.meta.dirname, '../../../content');
    const parallel = await buildContentIndexFromDir(dir, { parallel: true });
    const serial = await buildContentIndexFromDir(dir, { parallel: false });
    expect(parallel.report).toEqual(serial.report); // a worker that failed would add a warning
    expect(serial.articles.flatMap((article) => article.related).length).toBeGreaterThan(300);
    expect([...parallel.files.keys()]).toEqual([...serial.files.keys()]);
    for (const [name, bytes] of serial.files) expect(Buffer.from(parallel.files.get(name)!).equals(Buffer.from(bytes)), name).toBe(true);
  });
});
