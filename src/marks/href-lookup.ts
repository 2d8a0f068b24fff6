import { MAX_HREFS_PER_BATCH } from './marks-protocol';

/**
 * Looks each distinct href up once per page, in batches: `want(href)` queues an href not seen before; the queue is
 * sent (at most `maxBatch` per message) when `flush` runs, scheduled once per burst of `want` calls. Answers are kept
 * for the page's life, so a link seen again (moved, re-rendered, or its href changed back) costs nothing.
 */
export interface HrefLookup<T> {
  /** The answer for `href`: undefined while unknown or pending. */
  get(href: string): T | null | undefined;
  /** Queues `href` unless it was asked for already. */
  want(href: string): void;
  /** How many hrefs were looked up (sent) so far. */
  readonly sent: number;
}

export interface HrefLookupDeps<T> {
  /** Sends one batch and resolves with one answer per href, in order (null: no mark). */
  send: (hrefs: string[]) => Promise<(T | null)[]>;
  /** Called with the hrefs of a batch once its answers are known. */
  onAnswers: (hrefs: string[]) => void;
  /** Called when a batch fails (the extension went away): no more batches are sent. */
  onFailure?: (error: unknown) => void;
  /** Runs `flush` later, once per burst (default: a macrotask, so one scan's hrefs go in one round). */
  schedule?: (flush: () => void) => void;
  maxBatch?: number;
}

export function createHrefLookup<T>({
  send,
  onAnswers,
  onFailure,
  schedule = (flush) => setTimeout(flush, 0),
  maxBatch = MAX_HREFS_PER_BATCH,
}: HrefLookupDeps<T>): HrefLookup<T> {
  const answers = new Map<string, T | null>();
  const asked = new Set<string>();
  let queue: string[] = [];
  let scheduled = false;
  let failed = false;
  let sent = 0;

  const flush = () => {
    scheduled = false;
    const hrefs = queue;
    queue = [];
    for (let start = 0; start < hrefs.length && !failed; start += maxBatch) {
      const batch = hrefs.slice(start, start + maxBatch);
      sent += batch.length;
      send(batch).then(
        (result) => {
          batch.forEach((href, i) => answers.set(href, result[i] ?? null));
          onAnswers(batch);
        },
        (error) => {
          if (failed) return;
          failed = true;
          onFailure?.(error);
        },
      );
    }
  };

  return {
    get: (href) => answers.get(href),
    want(href) {
      if (asked.has(href) || failed) return;
      asked.add(href);
      queue.push(href);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    get sent() {
      return sent;
    },
  };
}
