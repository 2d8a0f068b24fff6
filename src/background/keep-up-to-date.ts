import type { Options } from '../options/options';
import { type CheckForUpdateDeps, type CheckResult, checkForUpdate } from '../update/check-for-update';
import type { PackStore } from '../update/pack-store';
import type { UpdateSource } from '../update/update-source';
import type { UpdateStatus } from '../update/update-status';

/** The alarm of the daily check, and the message the options page's "Check now" sends. */
export const UPDATE_ALARM = 'backstory-update-check';
export const CHECK_NOW_MESSAGE = 'backstory:check-for-update';
const DAY_MS = 24 * 3600_000;
/** The daily check comes 22 to 26 hours after the last one, so that readers' checks spread over the day. */
const JITTER_MS = 4 * 3600_000;

export interface UpdaterDeps {
  source: Pick<UpdateSource, 'url' | 'publicKey'>;
  bundledSequence: number;
  store: PackStore;
  alarms: {
    create(name: string, info: { when: number }): unknown;
    clear(name: string): Promise<boolean>;
    get(name: string): Promise<unknown>;
  };
  loadOptions: () => Promise<Options>;
  loadStatus: () => Promise<UpdateStatus>;
  saveStatus: (status: UpdateStatus) => Promise<void>;
  /** Called after a switch to a new pack: the background reopens its index and refreshes the tabs. */
  onInstalled: () => void;
  /** Firefox: whether the extension holds its access to the update host (see check-for-update.ts). */
  hostAccess?: () => Promise<boolean>;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** Passed to checkForUpdate (tests shorten the timeout). */
  check?: Partial<CheckForUpdateDeps>;
}

/**
 * The background's side of "Keep articles up to date" (issue 10): when to check, and what to record. Checks run
 * one at a time; each is followed by the next alarm, 22–26 h later. Nothing happens while the option is off.
 */
export function createUpdater(deps: UpdaterDeps) {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  let running: Promise<CheckResult | null> | null = null;
  // A fresh background never has a check under way: a status still saying so is one the browser stopped midway
  // (its files are kept; the next check resumes from them).
  const repaired = deps
    .loadStatus()
    .then(async (status) => {
      if (status.running)
        await deps.saveStatus({ checkedAt: status.checkedAt, running: false, failure: { reason: 'interrupted', detail: 'the background stopped during a check' } });
    })
    .catch(() => {});

  const schedule = () => deps.alarms.create(UPDATE_ALARM, { when: now() + DAY_MS - JITTER_MS / 2 + random() * JITTER_MS });

  /** Checks now, unless the option is off; a check already under way is joined, not repeated. */
  const check = (): Promise<CheckResult | null> => {
    running ??= (async () => {
      await repaired;
      if (!(await deps.loadOptions()).keepUpToDate) return null;
      const before = await deps.loadStatus();
      await deps.saveStatus({ ...before, running: true, checkedAt: now() });
      const result = await checkForUpdate({
        updateUrl: deps.source.url,
        publicKey: deps.source.publicKey,
        bundledSequence: deps.bundledSequence,
        store: deps.store,
        hostAccess: deps.hostAccess,
        fetch: deps.fetch,
        ...deps.check,
      });
      const failure = result.kind === 'failed' ? { reason: result.reason, detail: result.detail } : null;
      if (failure) console.warn(`Backstory: update check failed (${failure.reason}): ${failure.detail}`);
      await deps.saveStatus({ checkedAt: now(), running: false, failure });
      await schedule();
      if (result.kind === 'installed') deps.onInstalled();
      return result;
    })().finally(() => (running = null));
    return running;
  };

  return {
    check,
    /** The daily alarm. */
    async onAlarm(name: string) {
      if (name === UPDATE_ALARM) await check();
    },
    /** Browser start (and install): check when the last check is a day old or more; make sure the alarm exists. */
    async onStartup() {
      await repaired;
      if (!(await deps.loadOptions()).keepUpToDate) return;
      const { checkedAt } = await deps.loadStatus();
      if (checkedAt === null || now() - checkedAt >= DAY_MS) await check();
      else if (!(await deps.alarms.get(UPDATE_ALARM))) await schedule();
    },
    /** The option changed: turned on, check now (which sets the alarm); turned off, no more alarm. */
    async onOptionsChanged(options: Options) {
      if (!options.keepUpToDate) await deps.alarms.clear(UPDATE_ALARM);
      else if (!(await deps.alarms.get(UPDATE_ALARM))) await check();
    },
    /** "Check now" on the options page. */
    async onMessage(message: unknown) {
      if ((message as { type?: unknown } | null)?.type === CHECK_NOW_MESSAGE) await check();
    },
  };
}
