import { Buffer, isUtf8 } from 'node:buffer';
import {
  type Article,
  articleSchema,
  MAX_EXCERPT_LENGTH,
  MAX_IMAGES,
  MAX_TITLE_LENGTH,
  MAX_TOPICS,
  REQUIRED_FIELDS,
} from './article-schema';
import { isPlainObject, loadFrontmatter } from './load-frontmatter';
import { formatFieldPath, type Problem } from './problem';

/** Files larger than this are rejected: no article needs it, and it protects the build from runaway input. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Problems listed per file and kind; real files have at most 3 warnings (bad-content fixtures). */
const MAX_PROBLEMS_PER_FILE = 20;

export interface ParsedArticleFile {
  /** The file, as given (relative to the content folder). */
  file: string;
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
  const parsed = parseAll(file, bytes);
  return { ...parsed, errors: fewProblems(parsed.errors, 'errors'), warnings: fewProblems(parsed.warnings, 'warnings') };
}

/** The first {@link MAX_PROBLEMS_PER_FILE} problems, then one that counts the rest: a hostile file cannot flood the report. */
function fewProblems(problems: Problem[], kind: string): Problem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return problems;
  const rest = problems.length - MAX_PROBLEMS_PER_FILE;
  return [...problems.slice(0, MAX_PROBLEMS_PER_FILE), { file: problems[0].file, field: '(file)', message: `${rest.toLocaleString('en')} more ${kind} not shown` }];
}

function parseAll(file: string, bytes: Uint8Array): ParsedArticleFile {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const reject = (field: string, message: string): ParsedArticleFile => {
    errors.push({ file, field, message });
    return { file, article: null, errors, warnings };
  };

  if (bytes.length > MAX_FILE_BYTES) {
    return reject('(file)', `file is too large (${bytes.length} bytes; the limit is ${MAX_FILE_BYTES})`);
  }
  if (bytes.includes(0) && !hasUtf16Bom(bytes)) return reject('(file)', 'contains NUL bytes: a binary file, not markdown');
  const decoded = decodeText(bytes);
  if (!decoded) return reject('(file)', 'not text: neither UTF-8, UTF-16 nor Windows-1252');
  const { text, legacyEncoding } = decoded;
  if (legacyEncoding) {
    warnings.push({ file, field: '(file)', message: 'not valid UTF-8: read as Windows-1252 (Latin-1); please save the file as UTF-8' });
  }
  if (text.trim() === '') return reject('(file)', 'empty file');
  if (!/^---[ \t]*\r?\n/.test(text)) {
    return reject('(file)', 'no YAML frontmatter: the file must start with a line of three dashes (---)');
  }

  const loaded = loadFrontmatter(text, SCHEMA_FIELDS);
  if ('problem' in loaded) return reject(loaded.problem.field, loaded.problem.message);

  const result = parseLeniently(loaded.data);
  for (const problem of result.warnings) warnings.push({ file, ...problem });
  if (!result.article) {
    for (const problem of result.errors) errors.push({ file, ...problem });
    return { file, article: null, errors, warnings };
  }
  const warn = (field: string, message: string) => warnings.push({ file, field, message });
  const article = shortenLongText(shortenLongLists(result.article, warn), warn);
  return { file, article, errors, warnings };
}

/** The fields the schema reads; the others are never walked (see loadFrontmatter). */
const SCHEMA_FIELDS = Object.keys(articleSchema.shape);

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** UTF-8 (BOM optional), UTF-16 with a BOM, or else Windows-1252 if that gives text without control characters. */
function decodeText(bytes: Uint8Array): { text: string; legacyEncoding: boolean } | null {
  const decode = (encoding: string, data: Uint8Array) => new TextDecoder(encoding, { fatal: true }).decode(data);
  if (isUtf8(bytes)) {
    // The common case, checked natively; a UTF-8 byte-order mark is not part of the text.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, legacyEncoding: false };
  }
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode('utf-16le', bytes.subarray(2)), legacyEncoding: false };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode('utf-16be', bytes.subarray(2)), legacyEncoding: false };
    return { text: decode('utf-8', bytes), legacyEncoding: false };
  } catch {
    const text = new TextDecoder('windows-1252').decode(bytes);
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text) ? null : { text, legacyEncoding: true };
  }
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
  // zod never changes its input: the data is copied only once a value has to be dropped from it.
  let current: unknown = data;
  let copied = false;
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
    if (!copied) {
      current = cloneData(current);
      copied = true;
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
      return path.slice(0, depth);
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
function shortenText(text: string, max: number): string {
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

/**
 * Keeps the first {@link MAX_TOPICS} distinct topics and the first {@link MAX_IMAGES} of each image list, with a
 * warning for each list cut. Shorter lists are left as they are. Related lists are cut to MAX_RELATED by the
 * index builder, once they are in the popup's order (closest first, which needs the whole corpus).
 */
function shortenLongLists(article: Article, warn: (field: string, message: string) => void): Article {
  const shortened = shortenImageLists({ ...article }, '', warn);
  const distinctTopics = article.topics && [...new Set(article.topics)];
  if (distinctTopics && distinctTopics.length > MAX_TOPICS) {
    warn('topics', `more than ${MAX_TOPICS} topics; the first ${MAX_TOPICS} are kept`);
    shortened.topics = distinctTopics.slice(0, MAX_TOPICS);
  }
  const hasLongImageLists = (item: Pick<Article, 'images' | 'provider'>) => (item.images?.length ?? 0) > MAX_IMAGES || (item.provider?.images?.length ?? 0) > MAX_IMAGES;
  if (shortened.related?.some(hasLongImageLists)) {
    shortened.related = shortened.related.map((story, index) => shortenImageLists(story, `related[${index}].`, warn));
  }
  return shortened;
}

/** Keeps the first {@link MAX_IMAGES} of `images` and `provider.images`; returns `item` itself when nothing is cut. */
function shortenImageLists<T extends Pick<Article, 'images' | 'provider'>>(item: T, prefix: string, warn: (field: string, message: string) => void): T {
  const cut = <I>(images: I[], field: string): I[] => {
    warn(`${prefix}${field}`, `more than ${MAX_IMAGES} images; the first ${MAX_IMAGES} are kept`);
    return images.slice(0, MAX_IMAGES);
  };
  let result = item;
  if (item.images && item.images.length > MAX_IMAGES) result = { ...result, images: cut(item.images, 'images') };
  if (item.provider?.images && item.provider.images.length > MAX_IMAGES) {
    result = { ...result, provider: { ...item.provider, images: cut(item.provider.images, 'provider.images') } };
  }
  return result;
}
