/**
 * The background's side: sw_cold_lookup_ms (fresh Node processes, see sw-cold-lookup.ts) and warm lookups
 * (lookup_p50_us, lookup_p99_us) over the index files the build shipped.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type IndexFiles, loadContentIndex } from '../../src/index/content-index';
import { type Corpus, type CorpusArticle, otherPageOf } from './make-corpus';
import { Random } from './random';
import { collectGarbage, median, percentile } from './stats';

const SW_COLD_LOOKUP_CHILD = join(import.meta.dirname, 'sw-cold-lookup.ts');
/** tsx's loader, resolved from here so that the child starts from any working directory. */
const TSX_LOADER = import.meta.resolve('tsx');

export interface LookupUrl {
  url: string;
  /** The generated article the URL is a variant of, or null for a URL that must not match. */
  article: CorpusArticle | null;
}

/**
 * A realistic mix of tab URLs: about half are variants of bundled articles (exact, http, www. added or removed,
 * tracking parameters, AMP forms, trailing slash), half are not (other pages of the same sites, home pages,
 * unrelated sites).
 */
export function makeLookupMix(corpus: Corpus, count: number, seed = 4242): LookupUrl[] {
  const random = new Random(seed);
  const articles = corpus.articles.filter((article) => !article.duplicate);
  const mix: LookupUrl[] = [];
  for (let i = 0; i < count; i++) {
    if (random.chance(0.5)) {
      const article = random.pick(articles);
      mix.push({ url: matchingVariant(random, article), article });
    } else {
      mix.push({ url: nonMatchingUrl(random, corpus), article: null });
    }
  }
  return mix;
}

function matchingVariant(random: Random, article: CorpusArticle): string {
  const url = new URL(article.webUrl);
  const variant = random.choose([
    ['exact', 25],
    ['http', 10],
    ['www', 10],
    ['tracking', 20],
    ['amp', 15],
    ['cdn-amp', 5],
    ['trailing-slash', 10],
    ['fragment', 5],
  ] as const);
  switch (variant) {
    case 'exact':
      return article.webUrl;
    case 'http':
      url.protocol = 'http:';
      return url.href;
    case 'www':
      url.hostname = url.hostname.startsWith('www.') ? url.hostname.slice(4) : `www.${url.hostname}`;
      return url.href;
    case 'tracking':
      url.searchParams.append('utm_source', random.pick(['twitter', 'facebook', 'newsletter', 'google_news']));
      url.searchParams.append('utm_medium', 'social');
      if (random.chance(0.3)) url.searchParams.append('fbclid', `IwAR${random.chars('abcdefghijklmnopqrstuvwxyz0123456789', 40)}`);
      return url.href;
    case 'amp':
      return article.ampWebUrl ?? article.webUrl;
    case 'cdn-amp':
      return article.cdnAmpWebUrl ?? article.webUrl;
    case 'trailing-slash':
      url.pathname = url.pathname.endsWith('/') ? url.pathname.replace(/\/+$/, '') || '/' : `${url.pathname}/`;
      return url.href;
    case 'fragment':
      return `${article.webUrl}#comments`;
  }
}

const UNRELATED_URLS = [
  'https://en.wikipedia.org/wiki/Artificial_intelligence',
  'https://github.com/openai/whisper/issues/1234',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://www.google.com/search?q=ai+news&oq=ai+news',
  'https://mail.google.com/mail/u/0/#inbox',
  'https://www.reddit.com/r/MachineLearning/comments/abc123/d_some_discussion/',
  'https://stackoverflow.com/questions/12345678/how-to-parse-yaml-in-node',
  'https://docs.python.org/3/library/functions.html#open',
  'https://www.amazon.com/dp/B08N5WRWNW?ref_=ast_sto_dp',
  'https://twitter.com/someone/status/1400000000000000000',
  'https://news.ycombinator.com/item?id=30000000',
  'https://arxiv.org/abs/2106.01345',
];

function nonMatchingUrl(random: Random, corpus: Corpus): string {
  const kind = random.choose([
    ['same-site', 50],
    ['home', 15],
    ['unrelated', 35],
  ] as const);
  const site = random.pick(corpus.sites);
  if (kind === 'same-site') return otherPageOf(random, site);
  if (kind === 'home') return random.chance(0.5) ? `https://${site.host}/` : `http://${site.domain}`;
  const base = random.pick(UNRELATED_URLS);
  return random.chance(0.5) ? base : `${base}${base.includes('?') ? '&' : '?'}page=${random.int(2, 99)}`;
}

/** IndexFiles over a folder, read with fs.promises.readFile (as in sw-cold-lookup.ts). */
export function folderIndexFiles(dir: string): IndexFiles {
  return {
    async readBytes(name) {
      const bytes = await readFile(join(dir, name));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    },
  };
}

/** Median over `runs` fresh Node processes of the time from the first index read to the badge's first answer. */
export async function measureSwColdLookup(
  indexDir: string,
  urls: readonly string[],
  runs: number,
): Promise<{ ms: number; runs: number[]; platformLoadMs: number[] }> {
  const times: number[] = [];
  const platformLoadMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const url = urls[run % urls.length];
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', TSX_LOADER, SW_COLD_LOOKUP_CHILD, indexDir, url]);
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; articleId: number | null; platformLoadMs: number };
    if (result.articleId === null) throw new Error(`sw-cold-lookup: ${url} did not match`);
    times.push(result.ms);
    platformLoadMs.push(result.platformLoadMs);
  }
  return { ms: median(times), runs: times, platformLoadMs };
}

export interface WarmLookupResult {
  p50Us: number;
  p99Us: number;
  /** p50 and p99 of each timed pass. */
  passes: { p50Us: number; p99Us: number }[];
  /** Variants of bundled articles that found no article, or another one; URLs that must not match but did. */
  missedMatches: string[];
  falseMatches: string[];
}

/**
 * Warm lookups, as the background does them once it is running:
 * 1. a check, on its own index instance: each variant finds its article (match, then getArticle), the other
 *    URLs find nothing; that instance (with every shard it read) is then dropped and collected, so that its
 *    garbage is not collected during the timed passes;
 * 2. a fresh instance runs the whole mix once (warm-up: the buckets it needs are in memory, the code optimised);
 * 3. timed passes: each `await index.match(url)` timed on its own with performance.now(). Each figure is the
 *    median over the passes, which keeps one burst of machine noise from deciding the p99.
 */
export async function measureWarmLookups(indexDir: string, mix: readonly LookupUrl[], timedPasses: number): Promise<WarmLookupResult> {
  const { missedMatches, falseMatches } = await checkMatches(indexDir, mix);
  const index = await loadContentIndex(folderIndexFiles(indexDir));
  for (const { url } of mix) await index.match(url);
  collectGarbage();
  const times = new Float64Array(mix.length);
  const passes: { p50Us: number; p99Us: number }[] = [];
  for (let pass = 0; pass < timedPasses; pass++) {
    for (let i = 0; i < mix.length; i++) {
      const start = performance.now();
      await index.match(mix[i].url);
      times[i] = performance.now() - start;
    }
    const micros = Array.from(times, (ms) => ms * 1000);
    passes.push({ p50Us: percentile(micros, 50), p99Us: percentile(micros, 99) });
  }
  return {
    p50Us: median(passes.map((pass) => pass.p50Us)),
    p99Us: median(passes.map((pass) => pass.p99Us)),
    passes,
    missedMatches,
    falseMatches,
  };
}

async function checkMatches(indexDir: string, mix: readonly LookupUrl[]): Promise<{ missedMatches: string[]; falseMatches: string[] }> {
  const index = await loadContentIndex(folderIndexFiles(indexDir));
  const missedMatches: string[] = [];
  const falseMatches: string[] = [];
  for (const { url, article } of mix) {
    const match = await index.match(url);
    const found = match ? await index.getArticle(match.articleId) : null;
    if (article && found?.webUrl !== article.webUrl) missedMatches.push(url);
    if (!article && match) falseMatches.push(url);
  }
  return { missedMatches, falseMatches };
}
