import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedArticleFile, parseArticleFile } from './parse-article-file';

/** Reads `file` (relative to `dir`) and parses it; a file that cannot be read is that file's error, not a crash. */
export function readArticleFile(dir: string, file: string): ParsedArticleFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(dir, file));
  } catch (error) {
    return failedFile(file, `cannot be read: ${(error as Error).message}`);
  }
  return parseArticleFile(file, bytes);
}

/** The result for a file that could not be parsed at all. */
export function failedFile(file: string, message: string): ParsedArticleFile {
  return { file, article: null, errors: [{ file, field: '(file)', message }], warnings: [] };
}
