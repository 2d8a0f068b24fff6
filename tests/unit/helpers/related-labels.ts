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
