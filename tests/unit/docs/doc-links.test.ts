import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The README and docs/*.md link to each other, to repository files and to headings: every relative link and image
// must lead to a file that exists and, with `#anchor`, to a heading of that file (GitHub's heading slugs).
const ROOT = join(import.meta.dirname, '../../..');
const PAGES = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => join(ROOT, 'docs', name))];

/** The text without fenced code blocks and inline code spans, where `[x](y)` is not a link. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
}

/** GitHub's anchor for a heading's text: lowercase, punctuation removed except `-` and `_`, spaces as `-`. */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link or image: its text
    .replace(/`/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/[*~]/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page has: its headings' slugs (a repeated one gets `-1`, `-2`, ...) and explicit `id`s. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, heading] of prose.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const [, id] of prose.matchAll(/<[^>]+\s(?:id|name)="([^"]+)"/g)) anchors.add(id);
  return anchors;
}

/** The relative links and images of a page: `[x](path)`, `[x](path#anchor)`, `[x](#anchor)`, `![x](path)`. */
function relativeLinksOf(markdown: string): string[] {
  return [...withoutCode(markdown).matchAll(/!?\[[^\]]*\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** What is wrong with `target` as a link from `page`, or null when nothing is. */
function brokenLink(page: string, target: string): string | null {
  const hash = target.indexOf('#');
  const path = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
  const anchor = hash === -1 ? null : decodeURIComponent(target.slice(hash + 1));
  const file = path === '' ? page : join(dirname(page), path);
  if (!existsSync(file)) return `${target}: no such file`;
  if (anchor === null || anchor === '') return null;
  if (!file.endsWith('.md') || statSync(file).isDirectory()) return `${target}: an anchor into a file that is not Markdown`;
  return anchorsOf(readFileSync(file, 'utf8')).has(anchor) ? null : `${target}: no heading with the anchor #${anchor}`;
}

describe('links between the README and docs/', () => {
  it.each(PAGES.map((page) => [relative(ROOT, page), page]))('%s: every relative link and image leads somewhere', (_name, page) => {
    const links = relativeLinksOf(readFileSync(page, 'utf8'));
    expect(links.length).toBeGreaterThan(0);
    expect(links.map((target) => brokenLink(page, target)).filter((problem) => problem !== null)).toEqual([]);
  });

  it('the README links to every page of docs/', () => {
    const linked = new Set(relativeLinksOf(readFileSync(join(ROOT, 'README.md'), 'utf8')).map((target) => target.split('#')[0]));
    for (const page of PAGES.slice(1)) expect(linked, relative(ROOT, page)).toContain(relative(ROOT, page));
  });

  it('the README stays a front page: at most 150 lines, naming the set-up and test commands', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(150);
    expect(readme).toContain('npm ci && npm run build:all');
    expect(readme).toMatch(/^npm test\b/m);
  });
});

describe('GitHub heading slugs', () => {
  it('lowercase, punctuation dropped except - and _, spaces as -, repeats numbered', () => {
    expect(slug('Content packs: new articles without a new release')).toBe('content-packs-new-articles-without-a-new-release');
    expect(slug('Set-up (two commands)')).toBe('set-up-two-commands');
    expect(slug('Content packs at 100,000 articles')).toBe('content-packs-at-100000-articles');
    expect(slug('The `IndexFiles` seam_x')).toBe('the-indexfiles-seam_x');
    expect([...anchorsOf('# A\n## A\n```\n# A\n```\n### A!\n')]).toEqual(['a', 'a-1', 'a-2']);
  });

  it('links in code are not links', () => {
    expect(relativeLinksOf('[a](b.md) `[c](d.md)`\n```\n[e](f.md)\n```\n[g](https://x.example/) ![h](i.png)')).toEqual(['b.md', 'i.png']);
  });
});
