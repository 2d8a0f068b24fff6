import { spawnSync } from 'node:child_process';
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
  it('prints one JSON object per URL: the article and how it was found, or null', () => {
    const urls = [
      'https://www.scmp.com/business/banking-finance/article/3146708/sensetime-artificial-intelligence-platform-founded-cuhk',
      'https://www-cnbc-com.cdn.ampproject.org/c/s/www.cnbc.com/amp/2021/06/10/google-is-using-ai-to-design-chip-floorplans-faster-than-humans.html',
      'https://www.scmp.com/',
    ];
    const { status, stdout } = content('match', '--json', ...urls);
    expect(status).toBe(0);
    expect(stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      { url: urls[0], match: { file: '2021-08-27-sensetime-artificial-intelligence-platform-founded-by-cuhk-professors.md', title: expect.stringMatching(/^SenseTime/), via: 'exact' } },
      { url: urls[1], match: { file: 'everyday-ai/2021-06-11-google-claims-it-is-using-ai-to-design-chips-faster-than-humans.md', title: 'Google claims it is using A.I. to design chips faster than humans', via: 'amp' } },
      { url: urls[2], match: null },
    ]);
  });

  it('reads another content folder with --content', () => {
    const { stdout } = content('match', '--content', 'tests/fixtures/bad-content', 'http://news.example.com/2024/01/good-article/');
    expect(stdout).toContain('→ good.md (normalised): A good article');
  });

  it('explains its usage on a wrong call, exit 2', () => {
    expect(content('match').status).toBe(2);
    expect(content('frobnicate').stderr).toContain('usage:');
  });
});
