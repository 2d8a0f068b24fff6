/**
 * ingest_ms and ingest_baseline_ms: the real pipeline against its floor, on the same files, in the same process.
 * - pipeline: buildContentIndexFromDir (read + parse + validate + dedupe + key tables + gzip'd shards), as the
 *   build runs it (large folders are parsed on worker threads, one per core);
 * - baseline: the same files read (readFileSync) and YAML-parsed by gray-matter, nothing else, in this thread.
 * Runs are interleaved (B P, P B, B P, ...) so that machine noise hits both, with a full GC before each run;
 * each figure is the median of its runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { buildContentIndexFromDir, listContentFiles } from '../../src/index/build-content-index';
import { collectGarbage, median } from './stats';

export interface IngestResult {
  ingestMs: number;
  baselineMs: number;
  ingestRuns: number[];
  baselineRuns: number[];
  /** Articles the pipeline kept (duplicates left out) and its error count, for the log. */
  articles: number;
  errors: number;
}

/** Reads and YAML-parses every article file under `dir`: the floor any ingest has to pay. Returns the file count. */
export function ingestBaseline(dir: string): number {
  let parsed = 0;
  for (const file of listContentFiles(dir)) {
    // Passing an options object turns gray-matter's cache off, as the pipeline does.
    const { data } = matter(readFileSync(join(dir, file), 'utf8'), {});
    if (data) parsed++;
  }
  return parsed;
}

export async function measureIngest(dir: string, runs: number, log: (message: string) => void): Promise<IngestResult> {
  const ingestRuns: number[] = [];
  const baselineRuns: number[] = [];
  let articles = 0;
  let errors = 0;
  const timeBaseline = () => {
    collectGarbage();
    const start = performance.now();
    ingestBaseline(dir);
    baselineRuns.push(performance.now() - start);
  };
  const timePipeline = async () => {
    collectGarbage();
    const start = performance.now();
    // Awaited: the pipeline may parse on worker threads (then it returns a promise).
    const built = await buildContentIndexFromDir(dir);
    ingestRuns.push(performance.now() - start);
    articles = built.report.articles;
    errors = built.report.errors.length;
  };
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      timeBaseline();
      await timePipeline();
    } else {
      await timePipeline();
      timeBaseline();
    }
    log(`  ingest run ${run + 1}/${runs}: baseline ${baselineRuns.at(-1)!.toFixed(0)} ms, pipeline ${ingestRuns.at(-1)!.toFixed(0)} ms`);
  }
  return { ingestMs: median(ingestRuns), baselineMs: median(baselineRuns), ingestRuns, baselineRuns, articles, errors };
}
