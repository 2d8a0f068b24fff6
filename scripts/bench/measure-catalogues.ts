/**
 * Catalogues (issue 22) at scale: the badge's lookup and the popup's first answer with 1, 5 and 20 catalogues of one
 * size each, in Node, through the extension's own code (combineIndexes over loadContentIndex of each catalogue's pack).
 *
 * The catalogues are the benchmark's published pack (measure-pack.ts), opened CATALOGUE_COUNTS times as separate
 * catalogues, each with its own reader and caches, over the pack's files held in memory (the store's reads are not
 * what is measured). Every catalogue therefore has every article: the worst case, where each lookup finds its page in
 * all of them (an answer that names the other 19). Measured:
 * - badge: `combined.describe(url)` as the badge updater calls it, warm (every key bucket read), for 2,000 URLs of
 *   which half are articles; p50 and p99 over the median of 3 passes (a shard the 16-shard cache no longer holds is
 *   read again: the p99);
 * - lookup: `combined.answer(url)`, the same URLs: every catalogue's key lookups, without reading a shard;
 * - popup: what the popup does when the background has no answer for the tab: open every catalogue (meta.json each)
 *   and describe one article, in a fresh process state for the index (new readers; median of 5).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { combineIndexes } from '../../src/catalogues/combine-indexes';
import { type CatalogueIndex, type IndexFiles, loadContentIndex } from '../../src/index/content-index';
import type { PackManifest } from '../../src/update/pack-manifest';
import { Random } from './random';

export const CATALOGUE_COUNTS = [1, 5, 20] as const;
const URLS = 2_000;
const PASSES = 3;
const POPUP_RUNS = 5;

export interface CatalogueResult {
  catalogues: number;
  badgeP50Us: number;
  badgeP99Us: number;
  /** `combined.answer(url)`: the key lookups alone, no shard read. */
  lookupP50Us: number;
  lookupP99Us: number;
  popupColdMs: number;
}

export async function measureCatalogues(packDir: string, log: (message: string) => void): Promise<CatalogueResult[]> {
  const manifest = JSON.parse(readFileSync(join(packDir, 'pack.json'), 'utf8')) as PackManifest;
  const bytes = new Map(manifest.files.map((file) => [file.name, readFileSync(join(packDir, file.path))]));
  const files: IndexFiles = {
    async readBytes(name) {
      const file = bytes.get(name);
      if (!file) throw new Error(`no ${name}`);
      return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
    },
  };
  const open = async (count: number) => {
    const parts: CatalogueIndex[] = [];
    for (let i = 0; i < count; i++) parts.push({ catalogue: { id: `catalogue-${i}`, name: `Catalogue ${i}` }, index: await loadContentIndex(files) });
    return combineIndexes(parts);
  };

  const probe = await loadContentIndex(files);
  const random = new Random(manifest.articles);
  const urls: string[] = [];
  while (urls.length < URLS) {
    const article = await probe.getArticle(random.int(0, (probe.meta.articleIds ?? probe.meta.articles) - 1));
    if (article?.webUrl) urls.push(article.webUrl, `https://nowhere-${urls.length}.example/news/story-${urls.length}`);
  }
  const results: CatalogueResult[] = [];
  for (const count of CATALOGUE_COUNTS) {
    const popupRuns: number[] = [];
    for (let run = 0; run < POPUP_RUNS; run++) {
      const start = performance.now();
      const combined = await open(count);
      const described = await combined.describe(urls[run * 2]);
      popupRuns.push(performance.now() - start);
      if (described.kind !== 'article') throw new Error(`catalogues: ${urls[run * 2]} did not match`);
    }
    const combined = await open(count);
    for (const url of urls) await combined.describe(url);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    /** p50 and p99 (µs) of `run` over every URL, the median of PASSES passes. */
    const timed = async (run: (url: string) => Promise<unknown>) => {
      const passes: { p50: number; p99: number }[] = [];
      for (let pass = 0; pass < PASSES; pass++) {
        const times: number[] = [];
        for (const url of urls) {
          const start = performance.now();
          await run(url);
          times.push((performance.now() - start) * 1000);
        }
        times.sort((a, b) => a - b);
        passes.push({ p50: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)] });
      }
      return { p50: median(passes.map((p) => p.p50)), p99: median(passes.map((p) => p.p99)) };
    };
    const badge = await timed((url) => combined.describe(url));
    const lookup = await timed((url) => combined.answer(url));
    const result = {
      catalogues: count,
      badgeP50Us: badge.p50,
      badgeP99Us: badge.p99,
      lookupP50Us: lookup.p50,
      lookupP99Us: lookup.p99,
      popupColdMs: median(popupRuns),
    };
    log(
      `  ${count} catalogue(s): badge describe p50/p99 ${badge.p50.toFixed(1)}/${badge.p99.toFixed(1)} µs; lookup alone ${lookup.p50.toFixed(1)}/${lookup.p99.toFixed(1)} µs; popup cold ${result.popupColdMs.toFixed(1)} ms`,
    );
    results.push(result);
  }
  return results;
}
