import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleFile } from '../../../src/content/parse-article-file';
import type { Article } from '../../../src/content/article-schema';
import { listContentFiles } from '../../../src/index/build-content-index';
import type { StoryText } from '../../../src/index/story-closeness';

const ROOT = join(import.meta.dirname, '../../..');
const CONTENT_DIR = join(ROOT, 'content');
const LABELS_FILE = join(ROOT, 'tests/fixtures/related-labels.json');
/** The folder of content/ the labels' file names are in. */
const LABELLED_FOLDER = 'everyday-ai';

/** One hand-labelled (article, related story) pair. */
export interface LabelledPair {
  /** The article's file name (inside content/everyday-ai/). */
  file: string;
  /** Position of the story in the article's `related` list. */
  index: number;
  /** 'same': the same news; 'loose': only a shared company, technology or topic. */
  label: 'same' | 'loose';
  why: string;
  article: StoryText;
  story: StoryText;
}

/** A text of the corpus and the file it came from (an article or one of its related stories). */
export interface CorpusText {
  file: string;
  text: StoryText;
}

interface LabelEntry {
  file: string;
  index: number;
  relatedTitle: string;
  relatedUrl: string;
  label: 'same' | 'loose';
  why: string;
}

function textOf(story: { title: string; excerpt?: string; publishedDateTime?: string }): StoryText {
  return { title: story.title, excerpt: story.excerpt, publishedDateTime: story.publishedDateTime };
}

/**
 * The bundled corpus (every article of content/ and every related story, as the index builder would pass them to
 * buildTermStats), the parsed articles by file name, and the labelled pairs of tests/fixtures/related-labels.json.
 * Throws, naming the file and index, if a label no longer matches the content.
 */
export function loadLabelledCorpus(): { corpus: CorpusText[]; articles: Map<string, Article>; pairs: LabelledPair[] } {
  const articles = new Map<string, Article>();
  const corpus: CorpusText[] = [];
  for (const path of listContentFiles(CONTENT_DIR)) {
    const { article } = parseArticleFile(path, readFileSync(join(CONTENT_DIR, path)));
    if (!article) continue;
    if (path.startsWith(`${LABELLED_FOLDER}/`)) articles.set(path.slice(LABELLED_FOLDER.length + 1), article);
    const file = path.startsWith(`${LABELLED_FOLDER}/`) ? path.slice(LABELLED_FOLDER.length + 1) : path;
    corpus.push({ file, text: textOf(article) });
    for (const story of article.related ?? []) corpus.push({ file, text: textOf(story) });
  }
  const labels = JSON.parse(readFileSync(LABELS_FILE, 'utf8')) as LabelEntry[];
  const pairs = labels.map((entry): LabelledPair => {
    const article = articles.get(entry.file);
    const story = article?.related?.[entry.index];
    if (!article || !story || story.title !== entry.relatedTitle) {
      throw new Error(`tests/fixtures/related-labels.json: ${entry.file} related[${entry.index}] does not match the content`);
    }
    return { file: entry.file, index: entry.index, label: entry.label, why: entry.why, article: textOf(article), story: textOf(story) };
  });
  return { corpus, articles, pairs };
}

/**
 * Story groups: files with the same title, or linked by a related URL or title, are one group (union-find). A group is
 * named by its first file name in sorted order, so that the name does not depend on the order the links were found in.
 */
export function storyGroups(pairs: readonly LabelledPair[], articles: ReadonlyMap<string, Article>): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  const files = [...new Set(pairs.map((pair) => pair.file))].sort();
  for (const file of files) parent.set(file, file);
  const owner = new Map<string, string>();
  const link = (key: string, file: string) => {
    const other = owner.get(key);
    if (other === undefined) owner.set(key, file);
    else union(file, other);
  };
  const norm = (title: string) =>
    title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  for (const file of files) {
    const article = articles.get(file)!;
    link(`title:${norm(article.title)}`, file);
    for (const url of [article.webUrl, article.originalUrl]) if (url) link(`url:${url}`, file);
  }
  // A related story that another file *is*, or that two files both list, puts those files in one group.
  for (const file of files) {
    for (const story of articles.get(file)!.related ?? []) {
      if (story.webUrl && owner.has(`url:${story.webUrl}`)) union(file, owner.get(`url:${story.webUrl}`)!);
      link(`title:${norm(story.title)}`, file);
    }
  }
  const name = new Map<string, string>();
  for (const file of files) if (!name.has(find(file))) name.set(find(file), file); // files are sorted: the first
  return new Map(files.map((file) => [file, name.get(find(file))!]));
}

/** Percent of story groups held back. */
const HELD_BACK_PERCENT = 27;

/**
 * The held-back story groups: never looked at while choosing the closeness rule, only to measure the shipped one. A
 * fixed rule, not a draw: the first four bytes of the SHA-256 of the group's name, modulo 100, below HELD_BACK_PERCENT.
 */
export function isHeldBack(group: string): boolean {
  return createHash('sha256').update(group).digest().readUInt32BE(0) % 100 < HELD_BACK_PERCENT;
}
