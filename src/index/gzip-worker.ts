import { Worker } from 'node:worker_threads';

/** The worker: gzipSync on each message, answered in the order received. Plain CommonJS, so no bundling is needed. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { gzipSync } = require('node:zlib');
parentPort.on('message', ({ id, data }) => {
  try {
    parentPort.postMessage({ id, bytes: gzipSync(data, { level: workerData.level }) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) });
  }
});
`;

/** A gzip of level `level` on worker threads, for a build that goes on with other work meanwhile; `close` ends them. */
export interface GzipWorkers {
  gzip: (data: string | Uint8Array) => Promise<Uint8Array>;
  close: () => Promise<void>;
}

/**
 * Starts `count` worker threads that gzip what they are sent, in turn. Node's own asynchronous gzip does not serve
 * here: it compresses in chunks of 16 kB and needs this thread's event loop between two chunks, so while the build
 * runs synchronously it barely advances (at 100,000 articles a build that queued its 4,400 files so took 46 s, not
 * 37). A worker reads its messages whatever this thread does. A worker that fails rejects its jobs, and the build
 * stops with its error.
 */
export function startGzipWorkers(level: number, count: number): GzipWorkers {
  const workers = Array.from({ length: count }, () => startGzipWorker(level));
  let next = 0;
  return {
    gzip: (data) => workers[next++ % count].gzip(data),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}

function startGzipWorker(level: number): GzipWorkers {
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { level } });
  const pending = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', ({ id, bytes, error }: { id: number; bytes?: Uint8Array; error?: string }) => {
    const job = pending.get(id)!;
    pending.delete(id);
    if (bytes) job.resolve(bytes);
    else job.reject(new Error(`gzip failed: ${error}`));
  });
  worker.once('error', (error) => failAll(new Error(`the gzip worker failed: ${error.message}`)));
  worker.once('exit', (code) => failAll(new Error(`the gzip worker stopped (exit code ${code})`)));
  return {
    gzip: (data) => {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      const done = new Promise<Uint8Array>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage({ id, data });
      return done;
    },
    close: async () => {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
