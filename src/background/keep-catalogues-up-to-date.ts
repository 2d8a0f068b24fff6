import type { Subscription } from '../catalogues/subscriptions';
import { type CheckForUpdateDeps, type CheckResult, checkForUpdate } from '../update/check-for-update';
import type { PackStore } from '../update/pack-store';
import type { UpdateStatus } from '../update/update-status';

/** The hourly alarm that checks the catalogues whose last check is a day old, and "Check now"'s message. */
const CATALOGUE_ALARM = 'backstory-catalogue-check';
export const CHECK_CATALOGUE_MESSAGE = 'backstory:check-catalogue';
const DAY_MS = 24 * 3600_000;
/** A catalogue is due 22 h after its last check; the hourly alarm spreads readers' checks over the next hours. */
const DUE_AFTER_MS = DAY_MS - 2 * 3600_000;

export interface CatalogueUpdaterDeps {
  loadSubscriptions: () => Promise<Subscription[]>;
  /** The pack store of one catalogue (its own database). */
  storeOf: (id: string) => PackStore;
  /** Deletes one catalogue's stored pack (a catalogue removed while its check ran). */
  deletePack: (id: string) => Promise<void>;
  loadStatuses: () => Promise<Record<string, UpdateStatus>>;
  saveStatus: (id: string, status: UpdateStatus | null) => Promise<void>;
  alarms: {
    create(name: string, info: { periodInMinutes: number }): unknown;
    clear(name: string): Promise<boolean>;
    get(name: string): Promise<unknown>;
  };
  /** Whether the extension holds its access to the catalogue's host: without it nothing is requested. */
  hostAccess: (subscription: Subscription) => Promise<boolean>;
  /** Called after a catalogue switched to a new pack: the background reopens its index and refreshes the tabs. */
  onInstalled: () => void;
  fetch?: typeof fetch;
  now?: () => number;
  /** Passed to checkForUpdate (tests shorten the timeout). */
  check?: Partial<CheckForUpdateDeps>;
}

/**
 * The background's side of catalogues (issue 22): each enabled catalogue is checked when it is added or turned on,
 * when the reader presses its "Check now", and about once a day (an hourly alarm, only while a catalogue is on).
 * Checks run one at a time; each is checkForUpdate against the catalogue's own host, its pinned key and its own
 * store, so one catalogue failing (404, bad signature, expired, a full disk) changes nothing of the others. Nothing
 * happens while no catalogue is on: a fresh install makes no request.
 */
export function createCatalogueUpdater(deps: CatalogueUpdaterDeps) {
  const now = deps.now ?? Date.now;
  let queue: Promise<unknown> = Promise.resolve();
  const pending = new Map<string, Promise<CheckResult | null>>();
  // A fresh background never has a check under way: a status still saying so is one the browser stopped midway.
  const repaired = deps
    .loadStatuses()
    .then(async (statuses) => {
      for (const [id, status] of Object.entries(statuses)) {
        if (status.running)
          await deps.saveStatus(id, { ...status, running: false, failure: { reason: 'interrupted', detail: 'the background stopped during a check' } });
      }
    })
    .catch(() => {});

  const runCheck = async (id: string): Promise<CheckResult | null> => {
    await repaired;
    const subscription = (await deps.loadSubscriptions()).find((entry) => entry.id === id && entry.enabled);
    if (!subscription) return null;
    const before = (await deps.loadStatuses())[id];
    await deps.saveStatus(id, { checkedAt: now(), failure: before?.failure ?? null, running: true });
    const result = await checkForUpdate({
      updateUrl: subscription.updateUrl,
      publicKey: subscription.publicKey,
      // A catalogue bundles nothing: any validly signed pack is newer than no data.
      bundledSequence: -1,
      store: deps.storeOf(id),
      hostAccess: () => deps.hostAccess(subscription),
      fetch: deps.fetch,
      ...deps.check,
    });
    const failure = result.kind === 'failed' ? { reason: result.reason, detail: result.detail } : null;
    if (failure) console.warn(`Backstory: catalogue ${subscription.name} (${id}): check failed (${failure.reason}): ${failure.detail}`);
    if (!(await deps.loadSubscriptions()).some((entry) => entry.id === id)) {
      // Removed while it was being checked: what the check stored goes too.
      await deps.deletePack(id).catch(() => {});
      await deps.saveStatus(id, null);
      return result;
    }
    await deps.saveStatus(id, { checkedAt: now(), running: false, failure });
    if (result.kind === 'installed') deps.onInstalled();
    return result;
  };

  /** Checks one catalogue now, after any check under way; a check of it already waiting is joined, not repeated. */
  const check = (id: string): Promise<CheckResult | null> => {
    let promise = pending.get(id);
    if (!promise) {
      promise = queue.then(() => runCheck(id)).finally(() => pending.delete(id));
      pending.set(id, promise);
      queue = promise.catch(() => {});
    }
    return promise;
  };

  /** Checks every enabled catalogue never checked, or last checked 22 h ago or more; keeps the alarm while any is on. */
  const checkDue = async (): Promise<void> => {
    await repaired;
    const [subscriptions, statuses] = await Promise.all([deps.loadSubscriptions(), deps.loadStatuses()]);
    const enabled = subscriptions.filter((entry) => entry.enabled);
    if (enabled.length === 0) await deps.alarms.clear(CATALOGUE_ALARM);
    else if (!(await deps.alarms.get(CATALOGUE_ALARM))) await deps.alarms.create(CATALOGUE_ALARM, { periodInMinutes: 60 });
    const due = enabled.filter(({ id }) => {
      const checkedAt = statuses[id]?.checkedAt ?? null;
      return checkedAt === null || now() - checkedAt >= DUE_AFTER_MS;
    });
    await Promise.all(due.map(({ id }) => check(id)));
  };

  return {
    check,
    checkDue,
    async onAlarm(name: string) {
      if (name === CATALOGUE_ALARM) await checkDue();
    },
    /**
     * The list changed (a catalogue added, turned on or off, removed): forget removed catalogues' statuses, check the
     * ones just added or turned on (never checked, or checked before they were turned off), and keep the alarm in step.
     */
    async onSubscriptionsChanged(subscriptions: readonly Subscription[], previous: readonly Subscription[] | null) {
      await repaired;
      const statuses = await deps.loadStatuses();
      for (const id of Object.keys(statuses)) if (!subscriptions.some((entry) => entry.id === id)) await deps.saveStatus(id, null);
      const wasOn = new Set((previous ?? []).filter((entry) => entry.enabled).map((entry) => entry.id));
      const turnedOn = subscriptions.filter((entry) => entry.enabled && !wasOn.has(entry.id));
      await Promise.all([checkDue(), ...turnedOn.map(({ id }) => check(id))]);
    },
    /** "Check now" on one catalogue, from the options page. */
    async onMessage(message: unknown) {
      const { type, id } = (typeof message === 'object' && message !== null ? message : {}) as { type?: unknown; id?: unknown };
      if (type === CHECK_CATALOGUE_MESSAGE && typeof id === 'string') await check(id);
    },
  };
}
