import { useEffect, useState } from 'preact/hooks';
import type { AddCatalogueError, CataloguePreview } from '../catalogues/read-catalogue';
import type { KnownCatalogue } from '../catalogues/known-catalogues';
import { subscriptionOf } from '../catalogues/read-catalogue';
import type { CatalogueStatuses, Subscription } from '../catalogues/subscriptions';
import { dateText, plural, t } from '../i18n/translate';
import { type DataInUse, describeUpdateStatus } from '../update/update-status';

/** What the options page's "Catalogues" section reads and does (entrypoints/options wires it to the browser). */
export interface CataloguesDeps {
  /** The bundled index's articles. */
  loadBundled: () => Promise<DataInUse>;
  known: readonly KnownCatalogue[];
  loadSubscriptions: () => Promise<Subscription[]>;
  watchSubscriptions: (onChange: (subscriptions: Subscription[]) => void) => () => void;
  saveSubscriptions: (subscriptions: readonly Subscription[]) => Promise<void>;
  loadStatuses: () => Promise<CatalogueStatuses>;
  watchStatuses: (onChange: (statuses: CatalogueStatuses) => void) => () => void;
  /** The articles of a catalogue's installed pack, or null when it has none yet. */
  loadData: (id: string) => Promise<DataInUse | null>;
  /** Asks for access to the host of `url`; must be called in the click's own task, before anything is awaited. */
  requestAccess: (url: string) => Promise<boolean>;
  /** Gives the access to the host of `url` back. */
  releaseAccess: (url: string) => Promise<unknown>;
  /** Reads the descriptor at `url` (read-catalogue.ts). */
  readCatalogue: (url: string, existing: readonly Subscription[], listedKey?: string) => Promise<CataloguePreview | AddCatalogueError>;
  /** Asks the background to check one catalogue now. */
  checkNow: (id: string) => Promise<void>;
  /** Deletes a catalogue's stored pack. */
  deletePack: (id: string) => Promise<void>;
  now?: () => number;
}

const hostOf = (url: string) => new URL(url).host;
const hostPattern = (url: string) => new URL(url).hostname;

/**
 * The "Catalogues" section of the options page (issue 22): the bundled catalogue, the reader's catalogues (each
 * with on/off, its last check, its articles, "Check now" and "Remove"), the known catalogues and "Add a catalogue by
 * URL". Adding asks for access to the catalogue's host from the click, reads its descriptor, and shows its name, host
 * and key fingerprint before the reader subscribes. Nothing is requested until then.
 */
export function CataloguesSection(deps: CataloguesDeps) {
  const { known, now = Date.now } = deps;
  const [subscriptions, setSubscriptions] = useState<Subscription[] | null>(null);
  const [statuses, setStatuses] = useState<CatalogueStatuses>({});
  const [data, setData] = useState<Record<string, DataInUse | null>>({});
  const [bundled, setBundled] = useState<DataInUse | null>(null);
  const [address, setAddress] = useState('');
  const [preview, setPreview] = useState<{ preview: CataloguePreview; keepsAccess: boolean } | null>(null);
  const [message, setMessage] = useState<{ text: string; alert: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void deps.loadBundled().then(setBundled, () => {});
    // Statuses and each catalogue's articles are shown together: a check that just installed a pack must not read
    // "up to date" with the count from before.
    const refresh = (next: CatalogueStatuses, list: readonly Subscription[]) => {
      void Promise.all(list.map(async ({ id }) => [id, await deps.loadData(id).catch(() => null)] as const)).then((entries) => {
        setData(Object.fromEntries(entries));
        setStatuses(next);
      });
    };
    let list: Subscription[] = [];
    let latest: CatalogueStatuses = {};
    void Promise.all([deps.loadSubscriptions(), deps.loadStatuses()]).then(([loaded, loadedStatuses]) => {
      list = loaded;
      latest = loadedStatuses;
      setSubscriptions(loaded);
      refresh(loadedStatuses, loaded);
    });
    const stopList = deps.watchSubscriptions((next) => {
      list = next;
      setSubscriptions(next);
      refresh(latest, next);
    });
    const stopStatuses = deps.watchStatuses((next) => {
      latest = next;
      refresh(next, list);
    });
    return () => {
      stopList();
      stopStatuses();
    };
    // The deps are the page's own, made once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const errorText = (error: AddCatalogueError, url: string): string => {
    switch (error.reason) {
      case 'url':
        return t('catalogues.error.url', [error.detail]);
      case 'unreachable':
        return t('catalogues.error.unreachable', [safeHost(url)]);
      case 'malformed':
        return t('catalogues.error.malformed', [error.detail]);
      case 'duplicate':
        return t('catalogues.error.duplicate', [error.detail]);
      case 'keyMismatch':
        return t('catalogues.error.keyMismatch', [error.detail]);
    }
  };

  /** From a click: asks for the host's access at once, then reads the descriptor and shows it. */
  const startAdding = (url: string, listedKey?: string) => {
    setMessage(null);
    setPreview(null);
    const list = subscriptions ?? [];
    let host: string;
    try {
      host = hostPattern(url.trim());
    } catch {
      setMessage({ text: t('catalogues.error.url', [url.trim() || '—']), alert: true });
      return;
    }
    // Another catalogue on the same host already holds its access: cancelling must not take that away.
    const keepsAccess = list.some((entry) => hostPattern(entry.updateUrl) === host);
    setBusy(true);
    void deps
      .requestAccess(url.trim())
      .catch(() => false)
      .then(async (granted) => {
        if (!granted) {
          setMessage({ text: t('catalogues.error.noAccess', [safeHost(url)]), alert: true });
          return;
        }
        setMessage({ text: t('catalogues.reading'), alert: false });
        const read = await deps.readCatalogue(url.trim(), list, listedKey);
        if ('reason' in read) {
          if (!keepsAccess) await deps.releaseAccess(url.trim()).catch(() => {});
          setMessage({ text: errorText(read, url), alert: true });
          return;
        }
        setMessage(null);
        setPreview({ preview: read, keepsAccess });
      })
      .finally(() => setBusy(false));
  };

  const subscribe = async ({ preview: read }: { preview: CataloguePreview }) => {
    setPreview(null);
    const current = await deps.loadSubscriptions();
    await deps.saveSubscriptions([...current, subscriptionOf(read, now())]);
    setAddress('');
    setMessage({ text: t('catalogues.subscribed', [read.descriptor.name]), alert: false });
  };

  const cancel = async ({ preview: read, keepsAccess }: { preview: CataloguePreview; keepsAccess: boolean }) => {
    setPreview(null);
    if (!keepsAccess) await deps.releaseAccess(read.descriptorUrl).catch(() => {});
  };

  const setEnabled = (subscription: Subscription, enabled: boolean) => {
    const save = async () => {
      const current = await deps.loadSubscriptions();
      await deps.saveSubscriptions(current.map((entry) => (entry.id === subscription.id ? { ...entry, enabled } : entry)));
    };
    if (!enabled) {
      void save();
      return;
    }
    // Turned on again: its access may have been taken back in the browser's own settings meanwhile.
    void deps
      .requestAccess(subscription.updateUrl)
      .catch(() => false)
      .then((granted) => {
        if (granted) return save();
        setMessage({ text: t('catalogues.error.noAccess', [hostOf(subscription.updateUrl)]), alert: true });
      });
  };

  const remove = async (subscription: Subscription) => {
    const current = await deps.loadSubscriptions();
    const rest = current.filter((entry) => entry.id !== subscription.id);
    await deps.saveSubscriptions(rest);
    await deps.deletePack(subscription.id).catch(() => {});
    if (!rest.some((entry) => hostPattern(entry.updateUrl) === hostPattern(subscription.updateUrl))) {
      await deps.releaseAccess(subscription.updateUrl).catch(() => {});
    }
    setMessage({ text: t('catalogues.removed', [subscription.name]), alert: false });
  };

  const addedIds = new Set((subscriptions ?? []).map((entry) => entry.descriptorUrl));
  return (
    <fieldset class="catalogues">
      <legend>{t('catalogues.legend')}</legend>
      <p>{t('catalogues.intro')}</p>
      <p class="hint">{t('catalogues.reveals')}</p>
      <ul class="catalogue-list">
        <li class="catalogue" data-catalogue="bundled">
          <strong class="catalogue-name">{t('catalogues.bundledName')}</strong>
          {bundled && (
            <p class="catalogue-status">
              {bundled.newestPublished
                ? t('catalogues.bundledStatus', [plural('count.articles', bundled.articles), dateText(bundled.newestPublished)])
                : plural('count.articles', bundled.articles)}
            </p>
          )}
        </li>
        {(subscriptions ?? []).map((subscription) => {
          const status = statuses[subscription.id];
          const state = !subscription.enabled ? 'off' : status?.running ? 'checking' : status?.failure ? 'failing' : status?.checkedAt ? 'ok' : 'checking';
          const inUse = data[subscription.id] ?? { articles: 0, newestPublished: null };
          return (
            <li class="catalogue" data-catalogue={subscription.id} data-state={state} key={subscription.id}>
              <label>
                <input
                  type="checkbox"
                  name="catalogueEnabled"
                  checked={subscription.enabled}
                  onChange={(event) => setEnabled(subscription, event.currentTarget.checked)}
                />
                <span>
                  <strong class="catalogue-name">{subscription.name}</strong>{' '}
                  <span class="catalogue-host">{t('catalogues.host', [hostOf(subscription.updateUrl)])}</span>
                </span>
              </label>
              {subscription.description && <p class="catalogue-description">{subscription.description}</p>}
              <p class="catalogue-status" role={state === 'failing' ? 'alert' : undefined}>
                {!subscription.enabled ? t('catalogues.off') : status ? describeUpdateStatus(status, inUse, now()) : t('updates.checking')}
              </p>
              <p class="catalogue-key">
                {t('catalogues.key', [subscription.fingerprint])}
                {subscription.licence && <> · {t('catalogues.licence', [subscription.licence])}</>}
                {subscription.homepage && (
                  <>
                    {' · '}
                    <a href={subscription.homepage} target="_blank" rel="noopener noreferrer">
                      {hostOf(subscription.homepage)}
                    </a>
                  </>
                )}
              </p>
              <p class="catalogue-actions">
                <button
                  type="button"
                  name="checkCatalogue"
                  aria-label={t('catalogues.checkNow', [subscription.name])}
                  disabled={!subscription.enabled}
                  onClick={() => void deps.checkNow(subscription.id)}
                >
                  {t('updates.checkNow')}
                </button>{' '}
                <button type="button" name="removeCatalogue" aria-label={t('catalogues.remove', [subscription.name])} onClick={() => void remove(subscription)}>
                  {t('marks.remove')}
                </button>
              </p>
            </li>
          );
        })}
      </ul>

      {known.length > 0 && (
        <>
          <h3>{t('catalogues.known')}</h3>
          <ul class="known-catalogues">
            {known.map((entry) => (
              <li key={entry.url}>
                <strong>{entry.name}</strong> <span class="catalogue-host">{t('catalogues.host', [safeHost(entry.url)])}</span>
                {entry.description && <p class="catalogue-description">{entry.description}</p>}
                {addedIds.has(new URL(entry.url).href) ? (
                  <span class="catalogue-added">{t('catalogues.added')}</span>
                ) : (
                  <button type="button" name="addKnownCatalogue" disabled={busy} onClick={() => startAdding(entry.url, entry.publicKey)}>
                    {t('catalogues.addKnown', [entry.name])}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      <p class="add-catalogue">
        <label for="catalogue-url">{t('catalogues.addLabel')}</label>
        <input
          id="catalogue-url"
          type="url"
          name="catalogueUrl"
          value={address}
          aria-describedby="catalogue-url-hint"
          onInput={(event) => setAddress(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              if (!busy) startAdding(address);
            }
          }}
        />{' '}
        <button type="button" name="addCatalogue" disabled={busy} onClick={() => startAdding(address)}>
          {t('catalogues.add')}
        </button>
      </p>
      <p class="hint" id="catalogue-url-hint">
        {t('catalogues.addHint')}
      </p>

      {preview && (
        <section class="catalogue-preview" aria-label={preview.preview.descriptor.name}>
          <p>
            <strong class="catalogue-name">{preview.preview.descriptor.name}</strong>{' '}
            <span class="catalogue-host">{t('catalogues.host', [preview.preview.host])}</span>
          </p>
          {preview.preview.descriptor.description && <p class="catalogue-description">{preview.preview.descriptor.description}</p>}
          <p class="catalogue-key">
            {t('catalogues.key', [preview.preview.fingerprint])}
            {preview.preview.descriptor.licence && <> · {t('catalogues.licence', [preview.preview.descriptor.licence])}</>}
          </p>
          <p class="hint">{t('catalogues.previewIntro')}</p>
          <p>
            <button type="button" name="confirmCatalogue" onClick={() => void subscribe(preview)}>
              {t('catalogues.confirm', [preview.preview.descriptor.name])}
            </button>{' '}
            <button type="button" name="cancelCatalogue" onClick={() => void cancel(preview)}>
              {t('catalogues.cancel')}
            </button>
          </p>
        </section>
      )}
      {message && (
        <p class="catalogue-message" role={message.alert ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </fieldset>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url.trim()).host || url;
  } catch {
    return url.trim();
  }
}
