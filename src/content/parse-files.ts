import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ParsedArticleFile, parseArticleFile } from './parse-article-file';

/** Below this many files, parsing in this thread is faster than starting workers. */
const PARALLEL_MIN_FILES = 2000;

/**
 * Reads and parses content files (paths relative to `dir`), in file order. Large corpora are split over worker
 * threads, one per core (reading, YAML and zod are independent per file); the result is the same either way.
 */
export async function parseFiles(dir: string, files: readonly string[], { parallel = files.length >= PARALLEL_MIN_FILES } = {}): Promise<ParsedArticleFile[]> {
  const workers = Math.min(availableParallelism(), 8);
  if (!parallel || workers < 2) return files.map((file) => parseOne(dir, file));
  const source = await workerSource();
  const sliceSize = Math.ceil(files.length / workers);
  const slices = Array.from({ length: workers }, (_, n) => files.slice(n * sliceSize, (n + 1) * sliceSize));
  const results = await Promise.all(slices.map((slice) => runWorker(source, dir, slice)));
  return results.flat();
}

function parseOne(dir: string, file: string): ParsedArticleFile {
  return parseArticleFile(file, readFileSync(join(dir, file)));
}

function runWorker(source: string, dir: string, files: string[]): Promise<ParsedArticleFile[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { dir, files } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`content parser worker exited with code ${code}`)));
  });
}

/** The worker: the same parseArticleFile, bundled (with zod and gray-matter) into one script by esbuild. */
const WORKER_ENTRY = `
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseArticleFile } from './parse-article-file';
const { dir, files } = workerData;
parentPort.postMessage(files.map((file) => parseArticleFile(file, readFileSync(join(dir, file)))));
`;

let bundled: Promise<string> | undefined;

function workerSource(): Promise<string> {
  bundled ??= import('esbuild').then(({ build }) =>
    build({
      stdin: { contents: WORKER_ENTRY, resolveDir: dirname(fileURLToPath(import.meta.url)), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0].text),
  );
  return bundled;
}
