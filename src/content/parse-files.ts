import { availableParallelism } from 'node:os';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { bundledWorkerSource } from './bundle-worker';
import type { ParsedArticleFile } from './parse-article-file';
import { failedFile, readArticleFile } from './read-article-file';

/** Below this many files, parsing in this thread is faster than starting workers. */
const PARALLEL_MIN_FILES = 2000;

/**
 * Memory of one parser worker. The bounds of parseArticleFile keep a file far below it (a 2 MiB file with
 * 100,000 nodes needs tens of MB); results are sent back every {@link RESULTS_PER_MESSAGE} files, so a large
 * slice does not add up either. A worker over it is stopped by V8 and its file reported. The young generation is
 * where a file's short-lived YAML nodes live: 64 MB, not 32, took parsing 100,000 files on two workers from
 * 9.0-9.5 s to 8.2-8.3 s (three runs each); 128 MB did no better.
 */
const WORKER_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 };
/** A file that keeps a worker busy this long is reported and its worker replaced (a bounded file takes well under 1 s). */
const FILE_TIMEOUT_MS = 20_000;
const STARTUP_TIMEOUT_MS = 60_000;
const RESULTS_PER_MESSAGE = 256;

export interface ParseFilesOptions {
  /** Parse on worker threads; the default is to do so from {@link PARALLEL_MIN_FILES} files. */
  parallel?: boolean;
  /** Limits of each worker (default {@link WORKER_RESOURCE_LIMITS}). */
  resourceLimits?: ResourceLimits;
  /** Default {@link FILE_TIMEOUT_MS}. */
  fileTimeoutMs?: number;
  /** For tests: JavaScript run in the worker before each file, with `file` in scope (to make a worker die). */
  workerTestHook?: string;
}

/**
 * Whether `fileCount` files are parsed on worker threads (and a build of them uses workers for its other work too):
 * when asked (`parallel`), else from {@link PARALLEL_MIN_FILES} files on a machine of two cores or more.
 */
export function usesWorkers(fileCount: number, parallel?: boolean): boolean {
  return parallel ?? (fileCount >= PARALLEL_MIN_FILES && buildCores() >= 2);
}

/** How many cores a build uses: the machine's, up to 8. */
export function buildCores(): number {
  return Math.min(availableParallelism(), 8);
}

/**
 * Reads and parses content files (paths relative to `dir`), in file order. Large corpora are split over worker
 * threads, one per core (reading, YAML and zod are independent per file); the result is the same either way.
 * A worker that dies (out of memory, too slow, crashed) costs only the file it was parsing, which is reported
 * as that file's error; the files after it are parsed again on a new worker.
 */
export async function parseFiles(dir: string, files: readonly string[], options: ParseFilesOptions = {}): Promise<ParsedArticleFile[]> {
  if (!usesWorkers(files.length, options.parallel)) return files.map((file) => readArticleFile(dir, file));
  const workers = Math.max(buildCores(), 2);
  const source = await workerSource(options.workerTestHook ?? '');
  const results = new Array<ParsedArticleFile | undefined>(files.length);
  const sliceSize = Math.ceil(files.length / workers);
  const queue = Array.from({ length: workers }, (_, n) => files.slice(n * sliceSize, (n + 1) * sliceSize).map((_, i) => n * sliceSize + i))
    .filter((slice) => slice.length > 0);
  const runner = async () => {
    for (let slice = queue.shift(); slice; slice = queue.shift()) {
      const left = await runWorker(source, dir, files, slice, results, options);
      if (left.length > 0) queue.push(left);
    }
  };
  await Promise.all(Array.from({ length: queue.length }, runner));
  return results as ParsedArticleFile[];
}

/**
 * Parses the files at `slice` (indices into `files`) on one worker, storing each result in `results`. Resolves
 * with the indices still to parse: empty, or, when the worker died, the files of the slice after its culprit.
 */
function runWorker(
  source: string,
  dir: string,
  files: readonly string[],
  slice: number[],
  results: (ParsedArticleFile | undefined)[],
  options: ParseFilesOptions,
): Promise<number[]> {
  const { resourceLimits = WORKER_RESOURCE_LIMITS, fileTimeoutMs = FILE_TIMEOUT_MS } = options;
  // progress[0]: how many files of the slice the worker has started; the file in progress is the last started.
  const progress = new Int32Array(new SharedArrayBuffer(4));
  // execArgv: [] — the bundle is plain CommonJS: the parent's loaders (tsx) or --input-type=module would only break or slow it.
  const worker = new Worker(source, { eval: true, execArgv: [], resourceLimits, workerData: { dir, files: slice.map((i) => files[i]), progress } });
  return new Promise((resolve, reject) => {
    let received = 0;
    let settled = false;
    let lastStarted = 0;
    let lastChange = performance.now();
    const watchdog = setInterval(() => {
      const started = Atomics.load(progress, 0);
      if (started !== lastStarted) [lastStarted, lastChange] = [started, performance.now()];
      // Starting a worker (loading the bundle) is not a file's fault: it gets its own, longer allowance.
      else if (performance.now() - lastChange > (started === 0 ? Math.max(fileTimeoutMs, STARTUP_TIMEOUT_MS) : fileTimeoutMs)) {
        fail(`parsing took longer than ${fileTimeoutMs / 1000} s; the file was left out`);
        void worker.terminate();
      }
    }, Math.min(1000, fileTimeoutMs / 4));
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      const started = Atomics.load(progress, 0);
      // Every result arrived: whatever stopped the worker afterwards cost no file.
      if (received === slice.length) resolve([]);
      else if (started === 0) {
        reject(new Error(`content parser worker failed before reading a file: ${message}`));
      } else {
        const culprit = started - 1;
        results[slice[culprit]] = failedFile(files[slice[culprit]], message);
        resolve(slice.filter((index) => results[index] === undefined));
      }
    };
    worker.on('message', (chunk: ParsedArticleFile[]) => {
      for (const result of chunk) results[slice[received++]] = result;
    });
    worker.once('error', (error: Error & { code?: string }) => {
      fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `parsing ran out of memory (a worker may use ${resourceLimits.maxOldGenerationSizeMb} MB); the file was left out`
        : `parsing crashed (${error.message.split('\n')[0]}); the file was left out`);
    });
    worker.once('exit', (code) => fail(`parsing stopped the worker (exit code ${code}); the file was left out`));
  });
}

/** The worker: readArticleFile, bundled (with zod and gray-matter) into one script by esbuild. */
const workerEntry = (testHook: string) => `
import { parentPort, workerData } from 'node:worker_threads';
import { readArticleFile } from './read-article-file';
const { dir, files, progress } = workerData;
let chunk = [];
for (let i = 0; i < files.length; i++) {
  const file = files[i];
  Atomics.store(progress, 0, i + 1);
  ${testHook}
  chunk.push(readArticleFile(dir, file));
  if (chunk.length === ${RESULTS_PER_MESSAGE} || i === files.length - 1) {
    parentPort.postMessage(chunk);
    chunk = [];
  }
}
`;

function workerSource(testHook: string): Promise<string> {
  return bundledWorkerSource(workerEntry(testHook));
}
