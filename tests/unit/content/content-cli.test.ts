import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

/** Runs `npm run -s content -- ...args` the way an editor does (through tsx), and returns its output. */
function content(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run content -- check', () => {
  it('reports the bundled content as one JSON object with zero errors, exit 0', () => {
    const { status, stdout } = content('check', '--json');
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['files', 'articles', 'errors', 'warnings']);
    expect(report).toMatchObject({ files: 181, articles: 179, errors: [] });
  });

  it('exits 1 on errors, with one file: field: message line per problem', () => {
    const { status, stdout } = content('check', 'tests/fixtures/bad-content');
    expect(status).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('tests/fixtures/bad-content: 25 files, 18 articles, 6 errors, 9 warnings');
    expect(lines).toContain('error: missing-title.md: title: is required');
    expect(lines).toHaveLength(1 + 6 + 9);
  });

  it('gives errors and warnings as {file, field, message} in JSON', () => {
    const report = JSON.parse(content('check', 'tests/fixtures/bad-content', '--json').stdout);
    expect(report.errors).toContainEqual({ file: 'empty.md', field: '(file)', message: 'empty file' });
    expect(report.warnings).toContainEqual(expect.objectContaining({ file: 'related-bad-links.md', field: 'related[0].webUrl' }));
  });
});

describe('npm run content -- match', () => {
  it('prints one JSON object per URL: the article and how it was found (or null), who lists it as related, its site', () => {
    const urls = [
      'https://www.scmp.com/business/banking-finance/article/3146708/sensetime-artificial-intelligence-platform-founded-cuhk',
      'https://www-cnbc-com.cdn.ampproject.org/c/s/www.cnbc.com/amp/2021/06/10/google-is-using-ai-to-design-chip-floorplans-faster-than-humans.html',
      'https://www.scmp.com/',
      'https://www.forbes.com/sites/ilkerkoksal/2019/12/17/amazon-releases-a-new-tool-to-improve-machine-learning-processes/?utm_source=newsletter',
      'not a url',
    ];
    const { status, stdout } = content('match', '--json', ...urls);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => Object.keys(line))).toEqual(urls.map(() => ['url', 'match', 'related', 'site']));
    expect(lines[0]).toEqual({
      url: urls[0],
      match: { file: '2021-08-27-sensetime-artificial-intelligence-platform-founded-by-cuhk-professors.md', title: expect.stringMatching(/^SenseTime/), via: 'exact' },
      related: [],
      site: { domain: 'scmp.com', articles: 2 },
    });
    expect(lines[1].match).toEqual({ file: 'everyday-ai/2021-06-11-google-claims-it-is-using-ai-to-design-chips-faster-than-humans.md', title: 'Google claims it is using A.I. to design chips faster than humans', via: 'amp' });
    expect(lines[1].related.length).toBeGreaterThan(0); // other bundled articles list it among their related stories
    expect(lines[2]).toEqual({ url: urls[2], match: null, related: [], site: { domain: 'scmp.com', articles: 2 } });
    expect(lines[3]).toEqual({
      url: urls[3],
      match: null,
      related: [{ file: 'everyday-ai/2019-12-17-amazon-releases-sagemaker-studio-ide-for-machine-learning.md', title: expect.any(String) }],
      site: { domain: 'forbes.com', articles: expect.any(Number) },
    });
    expect(lines[4]).toEqual({ url: 'not a url', match: null, related: [], site: null });
  });

  it('says in words why a URL finds nothing', () => {
    const { stdout } = content('match', 'https://www.scmp.com/', 'not a url', 'https://unknown.example/a');
    expect(stdout).toContain('→ no match: a home page (home pages never match an article)');
    expect(stdout).toContain('→ no match: not a web address (only http and https URLs are matched)');
    expect(stdout).toContain('→ no match: not a bundled article, nor related coverage of one');
  });

  it('reads another content folder with --content', () => {
    const { stdout } = content('match', '--content', 'tests/fixtures/bad-content', 'http://news.example.com/2024/01/good-article/');
    expect(stdout).toContain('→ good.md (normalised): A good article');
  });

  it('explains its usage on a wrong call, exit 2', () => {
    expect(content('match').status).toBe(2);
    const unknown = content('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('content: unknown command "frobnicate"');
    expect(unknown.stderr).toContain('usage:');
  });

  it('counts in words: "1 file, 1 article", never "1 articles"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstory-cli-'));
    try {
      writeFileSync(join(dir, 'one.md'), '---\ntitle: One\nwebUrl: https://news.example.com/2024/one\n---\n');
      expect(content('check', dir).stdout.trim()).toBe(`${dir}: 1 file, 1 article, 0 errors, 0 warnings`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a folder that does not exist, exit 2, without a stack trace', () => {
    const { status, stderr } = content('check', 'no/such/folder');
    expect(status).toBe(2);
    expect(stderr.split('\n')[0]).toBe('content: no/such/folder: no such folder');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
