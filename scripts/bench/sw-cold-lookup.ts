/**
 * The child process of sw_cold_lookup_ms: a fresh Node process, nothing warm. After the modules are imported it
 * times, with performance.now(), from the first read of the shipped index (loadContentIndex, as the service
 * worker does, with files read by fs.promises.readFile) to the badge's first answer: match(url), then
 * getArticle(id). Prints one JSON line: {"ms": ..., "articleId": ..., "title": ..., "platformLoadMs": ...}.
 *
 * Node loads its web-platform globals (Blob, DecompressionStream, Response: undici and the web streams) lazily,
 * on first access, which costs ~13 ms; in the service worker they are built in. Like module import time, that
 * loading happens before the clock starts (touching the globals, nothing more) and is reported as platformLoadMs.
 * Their first use (stream machinery not yet optimised) is still timed.
 *
 *   node --import tsx scripts/bench/sw-cold-lookup.ts <built content-index dir> <url>
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type IndexFiles, loadContentIndex } from '../../src/index/content-index';

const [indexDir, url] = process.argv.slice(2);
if (!indexDir || !url) {
  process.stderr.write('usage: sw-cold-lookup.ts <content-index dir> <url>\n');
  process.exit(2);
}

const files: IndexFiles = {
  async readBytes(name) {
    const bytes = await readFile(join(indexDir, name));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  },
};

const platformStart = performance.now();
void [Blob, DecompressionStream, Response];
const platformLoadMs = performance.now() - platformStart;

const start = performance.now();
const index = await loadContentIndex(files);
const match = await index.match(url);
const article = match ? await index.getArticle(match.articleId) : null;
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, articleId: match?.articleId ?? null, title: article?.title ?? null, platformLoadMs })}\n`);
