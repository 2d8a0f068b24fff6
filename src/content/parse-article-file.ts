import matter from 'gray-matter';
import {
  type Article,
  articleSchema,
  MAX_EXCERPT_LENGTH,
  MAX_TITLE_LENGTH,
  REQUIRED_FIELDS,
} from './article-schema';
import { formatFieldPath, type Problem } from './problem';

/** Files larger than this are rejected: no article needs it, and it protects the build from runaway input. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface ParsedArticleFile {
  /** The validated article, or null when the file is rejected (then `errors` says why). */
  article: Article | null;
  errors: Problem[];
  warnings: Problem[];
}

/**
 * Reads one content file (its raw bytes) into a validated article. Never throws: every problem comes back as
 * an error (file rejected) or a warning (article kept, the bad value dropped or shortened), each naming the
 * file and the field. Runs in Node at build time only (gray-matter needs Node).
 */
export function parseArticleFile(file: string, bytes: Uint8Array): ParsedArticleFile {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const reject = (field: string, message: string): ParsedArticleFile => {
    errors.push({ file, field, message });
    return { article: null, errors, warnings };
  };

  if (bytes.length > MAX_FILE_BYTES) {
    return reject('(file)', `file is too large (${bytes.length} bytes; the limit is ${MAX_FILE_BYTES})`);
  }
  const text = decodeText(bytes);
  if (text === null) return reject('(file)', 'not UTF-8 or UTF-16 text (binary data or another encoding)');
  if (text.includes('\u0000')) return reject('(file)', 'contains NUL bytes: a binary file, not markdown');
  if (text.trim() === '') return reject('(file)', 'empty file');
  if (!/^---[ \t]*\r?\n/.test(text)) {
    return reject('(file)', 'no YAML frontmatter: the file must start with a line of three dashes (---)');
  }

  let data: unknown;
  try {
    // Passing options turns off gray-matter's cache, which would share one object between identical files.
    data = matter(text, { language: 'yaml' }).data;
  } catch (error) {
    return reject('(frontmatter)', `broken YAML: ${describeYamlError(error)}`);
  }
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    return reject('(frontmatter)', 'the frontmatter is empty or not a set of fields');
  }

  const result = parseLeniently(data);
  for (const problem of result.warnings) warnings.push({ file, ...problem });
  if (!result.article) {
    for (const problem of result.errors) errors.push({ file, ...problem });
    return { article: null, errors, warnings };
  }
  const article = shortenLongText(result.article, (field, message) => warnings.push({ file, field, message }));
  return { article, errors, warnings };
}

/** UTF-8 (BOM optional) or UTF-16 with a BOM; null for anything else. */
function decodeText(bytes: Uint8Array): string | null {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function describeYamlError(error: unknown): string {
  const yaml = error as { reason?: string; mark?: { line?: number; column?: number }; message?: string };
  if (yaml.reason && yaml.mark?.line !== undefined) {
    // gray-matter counts lines inside the frontmatter; the file has the opening `---` line before them.
    return `${yaml.reason} (line ${yaml.mark.line + 2}, column ${(yaml.mark.column ?? 0) + 1})`;
  }
  return String(yaml.message ?? error).split('\n')[0];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

type FieldProblem = Omit<Problem, 'file'>;

/** Marks an array element for removal; arrays are compacted after each round so indices stay right. */
const DROPPED = Symbol('dropped');

/**
 * Parses with the article schema; each failing value outside the required fields is dropped (with a warning)
 * and the rest parsed again, until the article is valid or a required field fails.
 */
function parseLeniently(data: Record<string, unknown>): { article: Article | null; errors: FieldProblem[]; warnings: FieldProblem[] } {
  const warnings: FieldProblem[] = [];
  const warningByField = new Map<string, FieldProblem>();
  let current: unknown = cloneData(data);
  // Each round removes at least one value, so the number of values bounds the rounds; 100 is far above real files.
  for (let round = 0; round < 100; round++) {
    const result = articleSchema.safeParse(current);
    if (result.success) return { article: result.data, errors: [], warnings };
    const fatal = result.error.issues.filter(
      (issue) => issue.path.length === 0 || REQUIRED_FIELDS.has(String(issue.path[0])) || (issue as { params?: { rejectsFile?: boolean } }).params?.rejectsFile,
    );
    if (fatal.length > 0) {
      const errors = fatal.map((issue) => ({ field: formatFieldPath(issue.path), message: issue.message }));
      return { article: null, errors, warnings };
    }
    for (const issue of result.error.issues) {
      const field = formatFieldPath(issue.path);
      const dropped = dropValueAt(current, issue.path);
      const earlier = warningByField.get(field);
      if (earlier && dropped.length < issue.path.length) {
        // The value dropped in an earlier round was required where it stood: its entry goes too, in one warning.
        earlier.message = earlier.message.replace(/; value dropped$/, `; ${formatFieldPath(dropped)} dropped`);
        continue;
      }
      const warning = {
        field: formatFieldPath(dropped),
        message: dropped.length === issue.path.length
          ? `${issue.message}; value dropped`
          : `${formatFieldPath(issue.path.slice(dropped.length))} ${issue.message}; entry dropped`,
      };
      warnings.push(warning);
      warningByField.set(field, warning);
    }
    current = compactArrays(current);
  }
  return { article: null, errors: [{ field: '(frontmatter)', message: 'too many invalid values' }], warnings };
}

/** Removes the value at `path`; when it is absent (a missing required sub-field), removes its parent. Returns the path removed. */
function dropValueAt(root: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = valueAt(root, path.slice(0, depth - 1));
    const key = path[depth - 1];
    if (parent !== null && typeof parent === 'object' && key in parent) {
      if (Array.isArray(parent)) parent[key as number] = DROPPED;
      else delete (parent as Record<PropertyKey, unknown>)[key];
      return path.slice(0, depth) as PropertyKey[];
    }
  }
  return [...path];
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function cloneData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneData);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneData(item)]));
  return value;
}

function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== DROPPED).map(compactArrays);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compactArrays(item)]));
  return value;
}

/** Cuts `text` to at most `max` characters at a word boundary, ending with an ellipsis. */
export function shortenText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

function shortenLongText(article: Article, warn: (field: string, message: string) => void): Article {
  const shorten = (text: string | undefined, max: number, field: string): string | undefined => {
    if (text === undefined || text.length <= max) return text;
    warn(field, `is ${text.length} characters long; shortened to ${max}`);
    return shortenText(text, max);
  };
  return {
    ...article,
    title: shorten(article.title, MAX_TITLE_LENGTH, 'title')!,
    excerpt: shorten(article.excerpt, MAX_EXCERPT_LENGTH, 'excerpt'),
    related: article.related?.map((story, index) => ({
      ...story,
      title: shorten(story.title, MAX_TITLE_LENGTH, `related[${index}].title`)!,
      excerpt: shorten(story.excerpt, MAX_EXCERPT_LENGTH, `related[${index}].excerpt`),
    })),
  };
}
