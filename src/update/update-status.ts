import { formatDate } from '../format/format-date';

/** Why a check did not install a pack. Each has its words for the options page. */
const UPDATE_FAILURES = {
  network: 'the update host could not be reached',
  'http-status': 'the update host answered with an error',
  timeout: 'the update host was too slow',
  truncated: 'a download was cut short',
  'bad-signature': 'the signature did not verify',
  'bad-manifest': 'the pack’s list of files was malformed',
  'unsupported-format': 'the pack needs a newer version of Backstory',
  rollback: 'the pack was older than the articles in use',
  expired: 'the pack had expired',
  'hash-mismatch': 'a downloaded file did not match its signed hash',
  quota: 'there was not enough storage space',
  interrupted: 'the previous check was interrupted; it resumes at the next one',
  'no-host-access': 'Backstory has no access to the update host (turn the option off and on again to allow it)',
} as const;
export type UpdateFailureReason = keyof typeof UPDATE_FAILURES;

/** What the last check found, kept in local storage for the options page (see update-storage.ts). */
export interface UpdateStatus {
  /** When the last check ended (or, with `running`, started); ms since the epoch. */
  checkedAt: number | null;
  /** A check was under way (if the browser stopped it, the next start finds this and says so). */
  running: boolean;
  /** null when the last check succeeded (installed a pack or found the data up to date). */
  failure: { reason: UpdateFailureReason; detail: string } | null;
}

export const EMPTY_UPDATE_STATUS: Readonly<UpdateStatus> = { checkedAt: null, running: false, failure: null };

/** Reads a stored status whatever storage holds; never throws. */
export function parseUpdateStatus(stored: unknown): UpdateStatus {
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const failure = raw.failure as Record<string, unknown> | null | undefined;
  const reason = failure && typeof failure.reason === 'string' && failure.reason in UPDATE_FAILURES ? (failure.reason as UpdateFailureReason) : null;
  return {
    checkedAt: typeof raw.checkedAt === 'number' && Number.isFinite(raw.checkedAt) ? raw.checkedAt : null,
    running: raw.running === true,
    failure: reason ? { reason, detail: typeof failure!.detail === 'string' ? failure!.detail : '' } : null,
  };
}

/** The data in use, as the options page describes it. */
export interface DataInUse {
  articles: number;
  newestPublished: string | null;
}

/**
 * The options page's one line about updates: "Up to date: 12,345 articles, newest 30 Nov 2026, checked 2 h ago"
 * or "Last check failed: the signature did not verify; still using the articles from 28 Nov 2026".
 */
export function describeUpdateStatus(status: UpdateStatus, data: DataInUse, now: number, locale?: string): string {
  if (status.running && status.checkedAt !== null && now - status.checkedAt < 10 * 60_000) return 'Checking for new articles…';
  const articles = `${data.articles.toLocaleString('en')} ${data.articles === 1 ? 'article' : 'articles'}`;
  const newest = data.newestPublished ? formatDate(data.newestPublished, locale) : null;
  if (status.failure) {
    const using = newest ? `still using the articles from ${newest}` : `still using the ${articles} in use`;
    return `Last check failed: ${UPDATE_FAILURES[status.failure.reason]}; ${using}.`;
  }
  if (status.running) return `Last check failed: ${UPDATE_FAILURES.interrupted}.`;
  if (status.checkedAt === null) return `Not checked yet: ${articles}${newest ? `, newest ${newest}` : ''}.`;
  return `Up to date: ${articles}${newest ? `, newest ${newest}` : ''}, checked ${ago(now - status.checkedAt)}.`;
}

function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
