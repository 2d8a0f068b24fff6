import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const bundled = new Map<string, Promise<string>>();

/**
 * A worker thread's script: `entry` (TypeScript; its imports are resolved from this folder, `src/content/`) bundled
 * with everything it imports into one CommonJS script by esbuild, once per process. Run it with
 * `new Worker(source, { eval: true, execArgv: [] })`: the build's own process may be running TypeScript through a
 * loader (tsx, vite) that a worker does not have, and a bundle needs none.
 */
export function bundledWorkerSource(entry: string): Promise<string> {
  let source = bundled.get(entry);
  if (!source) {
    source = import('esbuild').then(({ build }) =>
      build({
        stdin: { contents: entry, resolveDir: dirname(fileURLToPath(import.meta.url)), loader: 'ts' },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        write: false,
        logLevel: 'silent',
      }).then((result) => result.outputFiles[0].text),
    );
    bundled.set(entry, source);
  }
  return source;
}

/**
 * Runs the bundled `entry` on a worker thread of its own with `workerData`, and resolves with the first message it
 * posts (then stops it); rejects if it fails or stops first. `what` names it in the error.
 */
export function runOnWorker<T>(source: string, workerData: unknown, what: string): Promise<T> {
  const worker = new Worker(source, { eval: true, execArgv: [], workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: T) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the ${what} worker stopped (exit code ${code})`)));
  });
}
