import { dateText, type MessageKey, plural, t } from '../i18n/translate';

/** Why a check did not install a pack, and the message that says so on the options page (locales/*.yml). */
const UPDATE_FAILURES = {
  network: 'updates.failure.network',
  'http-status': 'updates.failure.httpStatus',
  timeout: 'updates.failure.timeout',
  truncated: 'updates.failure.truncated',
  'bad-signature': 'updates.failure.badSignature',
  'bad-manifest': 'updates.failure.badManifest',
  'unsupported-format': 'updates.failure.unsupportedFormat',
  rollback: 'updates.failure.rollback',
  expired: 'updates.failure.expired',
  'hash-mismatch': 'updates.failure.hashMismatch',
  quota: 'updates.failure.quota',
  interrupted: 'updates.failure.interrupted',
  'no-host-access': 'updates.failure.noHostAccess',
} as const satisfies Record<string, MessageKey>;
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
 * The options page's one line about updates, in the reader's language: "Up to date: 12,345 articles, newest
 * Nov 30, 2026, checked 2 h ago." or "Last check failed: the signature did not verify; still using the articles
 * from Nov 28, 2026."
 */
export function describeUpdateStatus(status: UpdateStatus, data: DataInUse, now: number): string {
  if (status.running && status.checkedAt !== null && now - status.checkedAt < 10 * 60_000) return t('updates.checking');
  const articles = plural('count.articles', data.articles);
  const newest = data.newestPublished ? dateText(data.newestPublished) : null;
  if (status.failure) {
    // A catalogue whose first pack never arrived has no articles to go on using.
    if (data.articles === 0 && !newest) return t('updates.failedShort', [t(UPDATE_FAILURES[status.failure.reason])]);
    const using = newest ? t('updates.stillUsingFrom', [newest]) : t('updates.stillUsingCount', [articles]);
    return t('updates.failed', [t(UPDATE_FAILURES[status.failure.reason]), using]);
  }
  if (status.running) return t('updates.failedShort', [t(UPDATE_FAILURES.interrupted)]);
  if (status.checkedAt === null) return newest ? t('updates.notCheckedNewest', [articles, newest]) : t('updates.notChecked', [articles]);
  const checked = ago(now - status.checkedAt);
  return newest ? t('updates.upToDateNewest', [articles, newest, checked]) : t('updates.upToDate', [articles, checked]);
}

/**
 * "2 h ago" from the locale files rather than Intl.RelativeTimeFormat, whose short English ("2 hr. ago",
 * "this minute") is not the wording the page has always used.
 */
function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return t('updates.justNow');
  if (minutes < 60) return plural('updates.minutesAgo', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return plural('updates.hoursAgo', hours);
  return plural('updates.daysAgo', Math.round(hours / 24));
}
