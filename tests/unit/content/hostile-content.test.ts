import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../../src/content/article-schema';
import { loadFrontmatter } from '../../../src/content/load-frontmatter';
import { parseArticleFile } from '../../../src/content/parse-article-file';
import { buildContentIndexFromDir, listContentFiles } from '../../../src/index/build-content-index';

// Issue 14: one file per way of making a parser blow up, next to good files: tests/fixtures/hostile-content/.
const DIR = join(import.meta.dirname, '../../fixtures/hostile-content');
const built = await buildContentIndexFromDir(DIR, { parallel: false });
const problemsOf = (file: string) => [...built.report.errors, ...built.report.warnings].filter((problem) => problem.file === file);
const article = (file: string) => built.articles.find((item) => item.file === file);

const EXPECTED: [file: string, errors: string[], warnings: string[]][] = [
  ['bomb-in-topics.md', ['topics: YAML aliases expand beyond 100,000 nodes'], []],
  ['bomb-in-related.md', ['related: YAML aliases expand beyond 100,000 nodes'], []],
  ['bomb-in-unknown-field.md', [], ['quality: must be a number; value dropped']],
  ['deep-nesting.md', ['topics: nested more than 16 levels deep (line 4, column 25)'], []],
  ['nesting-20-levels.md', ['topics: nested more than 16 levels deep'], []],
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

  it('indexes the good files beside the hostile ones', () => {
    expect(built.report).toMatchObject({ files: 7, articles: 3 });
    expect(article('good.md')!.topics).toEqual(['AI']);
    expect(article('good-too.md')!.related).toHaveLength(1);
  });

  it('gives the same report on worker threads', async () => {
    const parallel = await buildContentIndexFromDir(DIR, { parallel: true });
    expect(parallel.report).toEqual(built.report);
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
    const bounded = /more than|expand beyond|nested/;
    expect([...bundled.report.errors, ...bundled.report.warnings].filter((problem) => bounded.test(problem.message))).toEqual([]);
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
