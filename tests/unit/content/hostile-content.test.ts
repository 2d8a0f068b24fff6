import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../../src/content/article-schema';
import { loadFrontmatter } from '../../../src/content/load-frontmatter';
import { parseArticleFile } from '../../../src/content/parse-article-file';
import { parseFiles } from '../../../src/content/parse-files';
import { buildContentIndexFromDir, listContentFiles } from '../../../src/index/build-content-index';

// Issue 14: one file per way of making a parser blow up, next to good files: tests/fixtures/hostile-content/.
const DIR = join(import.meta.dirname, '../../fixtures/hostile-content');
const built = await buildContentIndexFromDir(DIR, { parallel: false });
const article = (file: string) => built.articles.find((item) => item.file === file);

const EXPECTED: [file: string, errors: string[], warnings: string[]][] = [
  ['bomb-in-topics.md', ['topics: YAML aliases expand beyond 100,000 nodes'], []],
  ['bomb-in-related.md', ['related: YAML aliases expand beyond 100,000 nodes'], []],
  ['bomb-in-unknown-field.md', [], ['quality: must be a number; value dropped']],
  ['deep-nesting.md', ['topics: nested more than 16 levels deep (line 4, column 25)'], []],
  ['nesting-20-levels.md', ['topics: nested more than 16 levels deep'], []],
  ['many-topics.md', [], ['topics: more than 20 topics; the first 20 are kept']],
  ['many-related.md', [], ["related: more than 50 stories; the first 50 in the popup's order are kept"]],
  ['many-bad-values.md', [], [...Array.from({ length: 20 }, (_, n) => `topics[${n}]: must be text; value dropped`), '(file): 80 more warnings not shown']],
  ['merge-keys.md', ['(frontmatter): YAML merge keys (<<) copy more than 10,000 fields (line 144, column 23)'], []],
  ['long-url.md', ['webUrl: no http(s) article URL: webUrl or originalUrl is required'], ['webUrl: is longer than 2,048 characters; value dropped']],
  ['many-images.md', [], ['images: more than 10 images; the first 10 are kept', 'provider.images: more than 10 images; the first 10 are kept', 'related[0].images: more than 10 images; the first 10 are kept']],
  ['good.md', [], []],
  ['good-too.md', [], []],
];

describe('hostile content', () => {
  it.each(EXPECTED)('%s: each problem named, with its field and bound', (file, errors, warnings) => {
    const lines = (kind: 'errors' | 'warnings') => built.report[kind].filter((problem) => problem.file === file).map((problem) => `${problem.field}: ${problem.message}`);
    expect(lines('errors')).toEqual(errors);
    expect(lines('warnings')).toEqual(warnings);
    expect(Boolean(article(file))).toBe(errors.length === 0);
  });

  it('covers every fixture', () => {
    expect(listContentFiles(DIR).sort()).toEqual(EXPECTED.map(([file]) => file).sort());
  });

  it('keeps the first 20 topics in file order and the 50 related stories the popup would show first', () => {
    expect(article('many-topics.md')!.topics).toEqual(Array.from({ length: 20 }, (_, n) => `Topic ${n + 1}`));
    // Story n has quality n: the popup shows the best first, so 1000 down to 951 are kept.
    expect(article('many-related.md')!.related.map((story) => story.quality)).toEqual(Array.from({ length: 50 }, (_, n) => 1000 - n));
  });

  it('keeps the first 10 images of each list (only the first is shown)', () => {
    const parsed = parseArticleFile('many-images.md', readFileSync(join(DIR, 'many-images.md'))).article!;
    const first10 = Array.from({ length: 10 }, (_, n) => ({ url: `https://news.example.com/images/${n + 1}.jpg` }));
    expect([parsed.images, parsed.provider!.images, parsed.related![0].images]).toEqual([first10, first10, first10]);
    expect(article('many-images.md')).toMatchObject({ imageUrl: first10[0].url, providerLogoUrl: first10[0].url });
  });

  it('indexes the good files beside the hostile ones', () => {
    expect(built.report).toMatchObject({ files: 13, articles: 7 });
    expect(article('good.md')!.topics).toEqual(['AI']);
    expect(article('good-too.md')!.related).toHaveLength(1);
  });

  it('gives the same report on worker threads', async () => {
    const parallel = await buildContentIndexFromDir(DIR, { parallel: true });
    expect(parallel.report).toEqual(built.report);
  });
});

describe('a parser worker that dies', () => {
  const files = listContentFiles(DIR);
  const serial = files.map((file) => parseArticleFile(file, readFileSync(join(DIR, file))));
  const otherFilesAsSerial = (results: Awaited<ReturnType<typeof parseFiles>>, culprit: string) => {
    expect(results.map((result) => result.file)).toEqual(files);
    expect(results.filter((result) => result.file !== culprit)).toEqual(serial.filter((result) => result.file !== culprit));
  };

  it.each([
    ['runs out of memory', `if (file === 'good.md') { const kept = []; for (;;) kept.push(new Array(1e6).fill(1)); }`, 'good.md', /^parsing ran out of memory \(a worker may use 256 MB\); the file was left out$/],
    ['crashes', `if (file === 'many-topics.md') throw new Error('boom')`, 'many-topics.md', /^parsing crashed \(boom\); the file was left out$/],
    ['exits', `if (file === 'deep-nesting.md') process.exit(3)`, 'deep-nesting.md', /^parsing stopped the worker \(exit code 3\)/],
    ['hangs', `if (file === 'long-url.md') for (;;) {}`, 'long-url.md', /^parsing took longer than 1.5 s; the file was left out$/],
  ])('%s: that file is reported, the others are parsed again elsewhere', async (_, workerTestHook, culprit, message) => {
    const results = await parseFiles(DIR, files, { parallel: true, workerTestHook, fileTimeoutMs: 1500 });
    expect(results.find((result) => result.file === culprit)).toEqual({
      file: culprit, article: null, errors: [{ file: culprit, field: '(file)', message: expect.stringMatching(message) }], warnings: [],
    });
    otherFilesAsSerial(results, culprit);
  });
});

describe('reading YAML with js-yaml directly', () => {
  const corpora = [join(import.meta.dirname, '../../../content'), join(import.meta.dirname, '../../fixtures/bad-content')];
  const fields = Object.keys(articleSchema.shape);

  it("reads every bundled and fixture file to the same fields as gray-matter's default engine", () => {
    let compared = 0;
    for (const dir of corpora) {
      for (const file of listContentFiles(dir)) {
        const text = readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, '');
        let expected: Record<string, unknown>;
        try {
          expected = matter(text, {}).data;
        } catch {
          continue; // broken YAML: compared by its message in bad-content.test.ts
        }
        const loaded = loadFrontmatter(text, fields);
        if (!('data' in loaded)) continue;
        expect(loaded.data, file).toEqual(Object.fromEntries(fields.filter((field) => field in expected).map((field) => [field, expected[field]])));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(190);
  });

  it('no bound cuts or rejects anything in the bundled corpus', async () => {
    const bundled = await buildContentIndexFromDir(corpora[0]);
    const bounded = /more than|longer than|expand beyond|nested/;
    expect([...bundled.report.errors, ...bundled.report.warnings].filter((problem) => bounded.test(problem.message))).toEqual([]);
  });
});

describe('messages in one style', () => {
  const parse = (frontmatter: string) => {
    const yaml = `---\ntitle: T\nwebUrl: https://news.example.com/a/b\n${frontmatter}\n---\n`;
    return parseArticleFile('x.md', new TextEncoder().encode(yaml));
  };
  it.each([
    ['topics: 5', 'topics: must be a list; value dropped'],
    ['topics: [AI, [nested]]', 'topics[1]: must be text; value dropped'],
    ['images: picture.jpg', 'images: must be a list; value dropped'],
    ['images: [picture.jpg]', 'images[0]: must be a set of fields; value dropped'],
    ['provider: Example News', 'provider: must be a set of fields; value dropped'],
    ['provider: {name: X, images: 3}', 'provider.images: must be a list; value dropped'],
    ['related: {title: T}', 'related: must be a list; value dropped'],
    ['related: [just a title]', 'related[0]: must be a set of fields; value dropped'],
    ['related: [{title: T, provider: [1]}]', 'related[0].provider: must be a set of fields; value dropped'],
    ['quality: .inf', 'quality: must be a number; value dropped'],
    ['published: maybe', 'published: must be true or false; value dropped'],
    ['publishedDateTime: [1]', 'publishedDateTime: must be a date-time; value dropped'],
    ['originalUrl: 42', 'originalUrl: must be a URL string; value dropped'],
  ])('%s → %s', (frontmatter, expected) => {
    const { warnings, errors } = parse(frontmatter);
    expect(errors).toEqual([]);
    expect(warnings.map((problem) => `${problem.field}: ${problem.message}`)).toEqual([expected]);
  });

  it('a required field of the wrong type rejects the file, in the same words', () => {
    const { errors } = parseArticleFile('x.md', new TextEncoder().encode('---\nwebUrl: https://news.example.com/a/b\ntitle: [a]\n---\n'));
    expect(errors.map((problem) => `${problem.field}: ${problem.message}`)).toEqual(['title: must be text']);
  });
});

describe('broken YAML is located where it breaks, in lines of the file', () => {
  it.each([
    ['an unclosed double quote', 'title: "Unclosed\nwebUrl: https://news.example.com/a/b', 'the quote that opens here is never closed (line 2, column 8)'],
    ['an unclosed single quote', "webUrl: https://news.example.com/a/b\n\ntitle: 'Unclosed", 'the quote that opens here is never closed (line 4, column 8)'],
    ['an unclosed bracket', 'title: T\nwebUrl: https://news.example.com/a/b\ntopics: [AI, ML', 'the [ that opens here is never closed (line 4, column 9)'],
    ['an unclosed brace', 'title: T\nwebUrl: https://news.example.com/a/b\nprovider: {name: X', 'the { that opens here is never closed (line 4, column 11)'],
    ['an unclosed quote in a list', 'title: T\ntopics:\n  - AI\n  - "ML', 'the quote that opens here is never closed (line 5, column 5)'],
    ['bad indentation', 'title: T\n  webUrl: x: y', 'bad indentation of a mapping entry (line 3, column 9)'],
  ])('%s', (_, frontmatter, message) => {
    const { errors } = parseArticleFile('x.md', new TextEncoder().encode(`---\n${frontmatter}\n---\nbody\n`));
    expect(errors).toEqual([{ file: 'x.md', field: '(frontmatter)', message: `broken YAML: ${message}` }]);
  });
});
