import { type UrlKeys, urlKeys } from '../url/normalize-url';
import { type ParsedArticleFile, parseArticleFile } from './parse-article-file';

/** A parsed content file, with the matching keys of the article's own URLs (computed where it was parsed). */
export interface ParsedFile extends ParsedArticleFile {
  file: string;
  urlKeys: [url: string, keys: UrlKeys | null][];
}

/** parseArticleFile, plus the keys of webUrl, originalUrl, ampWebUrl and cdnAmpWebUrl. */
export function parseFileWithKeys(file: string, bytes: Uint8Array): ParsedFile {
  const parsed = parseArticleFile(file, bytes);
  const { article } = parsed;
  const urls = article ? [article.webUrl, article.originalUrl, article.ampWebUrl, article.cdnAmpWebUrl] : [];
  return { file, ...parsed, urlKeys: urls.filter((url): url is string => url !== undefined).map((url) => [url, urlKeys(url)]) };
}
