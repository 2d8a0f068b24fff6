import { z } from 'zod';
import { parseWebUrl } from '../url/parse-web-url';

/**
 * The one schema of an article's frontmatter. Types are inferred from it, never written twice.
 *
 * Lenient where real data is messy (numbers without upper bound, `topics: AI` as one topic, quoted or bare
 * URLs, timestamps as YAML dates or strings) and strict where it matters: plain-text fields, http(s) URLs only,
 * a title and at least one article URL. Unknown fields are tolerated and dropped; `secured` is opaque and ignored.
 *
 * How a field that fails its schema is handled (drop with a warning, or reject the file) is decided by
 * `parse-article-file.ts`, from {@link REQUIRED_FIELDS}.
 */

/** Longest title kept; longer ones are cut at a word boundary with a warning. */
export const MAX_TITLE_LENGTH = 300;
/** Longest excerpt kept; longer ones are cut at a word boundary with a warning. */
export const MAX_EXCERPT_LENGTH = 1000;
/** Longest short text (names, topics, types) kept. */
const MAX_LABEL_LENGTH = 120;
/** Longest URL read; real ones reach 309 characters, and 2,048 is what browsers and servers commonly accept. */
const MAX_URL_LENGTH = 2048;
/** Most topics kept (the first, in file order, as the popup shows them); real files have at most 5. */
export const MAX_TOPICS = 20;
/** Most related stories kept (the first in the popup's order); real files have at most 14. */
export const MAX_RELATED = 50;
/** Most images kept per list (only the first is shown); real files have at most 1. */
export const MAX_IMAGES = 10;

// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000-\u001F\u007F\u200B\uFEFF]|\s\s|^\s|\s$|[^\S ]/;

/** Collapses whitespace and removes control characters: text is shown as plain text, on one line. */
function cleanText(value: string): string {
  if (!NEEDS_CLEANING.test(value)) return value; // the common case: nothing to do, nothing allocated
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
}

/** A non-empty line of plain text, at most `max` characters. Markup is kept as characters: it is never interpreted. */
function textField(max = Infinity) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .transform((value, ctx) => {
      const text = cleanText(value);
      if (text === '') ctx.addIssue({ code: 'custom', message: 'is empty' });
      else if (text.length > max) ctx.addIssue({ code: 'custom', message: `is longer than ${max} characters` });
      return text;
    });
}

const plainText = textField();
const label = textField(MAX_LABEL_LENGTH);

/** An absolute http(s) URL, surrounding spaces trimmed. javascript:, data:, relative and other URLs fail. */
const webUrl = z.string({ error: 'must be a URL string' }).transform((value, ctx) => {
  if (value.length > MAX_URL_LENGTH) {
    ctx.addIssue({ code: 'custom', message: `is longer than ${MAX_URL_LENGTH.toLocaleString('en')} characters` });
    return z.NEVER;
  }
  const url = parseWebUrl(value);
  if (!url) {
    ctx.addIssue({ code: 'custom', message: `not an http(s) URL: ${JSON.stringify(value.slice(0, 80))}` });
    return z.NEVER;
  }
  return url.href;
});

/** A number, also when YAML quoted it (`"77"`); open-ended: quality above 100 exists, heat -1 means unpublished. */
const score = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value),
  z.number({ error: 'must be a number' }).finite(),
);

/** A boolean, also `"true"`/`"false"` as strings. */
const flag = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean({ error: 'must be true or false' }),
);

/** A date-time as ISO 8601 text: YAML timestamps arrive as Date objects, quoted ones as strings (offsets allowed). */
const dateTime = z.union([z.date(), z.string()], { error: 'must be a date-time' }).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value.trim());
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: `not a date-time: ${JSON.stringify(String(value).slice(0, 40))}` });
    return z.NEVER;
  }
  return date.toISOString();
});

/** A list; zod's own wording (`Invalid input: expected array, received number`) is replaced by ours. */
const list = <T extends z.ZodType>(item: T) => z.array(item, { error: 'must be a list' });

/** A set of fields (a YAML mapping), in our wording too. */
const fields = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { error: 'must be a set of fields' });

const image = fields({
  url: webUrl,
  width: score.optional(),
  height: score.optional(),
});

const provider = fields({
  name: label,
  domain: label.optional(),
  images: list(image).optional(),
});

/** `type` is free text in the data (article, video, ...), compared lower-case. */
const articleType = label.transform((value) => value.toLowerCase());

/** A related story: another outlet's coverage of the same news. Its link is optional: a bad one is dropped. */
export const relatedStorySchema = fields({
  title: plainText,
  excerpt: plainText.optional(),
  publishedDateTime: dateTime.optional(),
  webUrl: webUrl.optional(),
  ampWebUrl: webUrl.optional(),
  cdnAmpWebUrl: webUrl.optional(),
  type: articleType.optional(),
  provider: provider.optional(),
  quality: score.optional(),
  images: list(image).optional(),
});

export const articleSchema = z
  .object({
    category: label.optional(),
    title: plainText,
    excerpt: plainText.optional(),
    publishedDateTime: dateTime.optional(),
    originalUrl: webUrl.optional(),
    webUrl: webUrl.optional(),
    ampWebUrl: webUrl.optional(),
    cdnAmpWebUrl: webUrl.optional(),
    type: articleType.optional(),
    quality: score.optional(),
    heat: score.optional(),
    published: flag.optional(),
    featuredContent: z.unknown().optional(),
    provider: provider.optional(),
    topics: z.preprocess((value) => (typeof value === 'string' ? [value] : value), list(label)).optional(),
    images: list(image).optional(),
    related: list(relatedStorySchema).optional(),
  })
  .superRefine((article, ctx) => {
    if (!article.webUrl && !article.originalUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['webUrl'],
        message: 'no http(s) article URL: webUrl or originalUrl is required',
        params: { rejectsFile: true },
      });
    }
  });

/** A validated article, as written in a content file. */
export type Article = z.infer<typeof articleSchema>;
export type RelatedStory = z.infer<typeof relatedStorySchema>;

/**
 * Top-level fields whose failure rejects the whole file (as does an issue with `params.rejectsFile`).
 * A failure anywhere else drops just that value (a bad related link, an unreadable quality) with a
 * warning, and the article is kept.
 */
export const REQUIRED_FIELDS: ReadonlySet<string> = new Set(['title']);
