import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/translate';
import { type DataInUse, describeUpdateStatus, type UpdateStatus } from '../update/update-status';

/** What the options page needs for "Keep articles up to date": only builds with an update source pass it. */
export interface UpdatesOptionDeps {
  /** The update host, as the reader sees it: `editors.example`. */
  host: string;
  loadStatus: () => Promise<UpdateStatus>;
  watchStatus: (onChange: (status: UpdateStatus) => void) => () => void;
  /** The articles in use now (bundled or a pack). */
  loadDataInUse: () => Promise<DataInUse>;
  /** Asks the background to check now ("Check now"). */
  checkNow: () => Promise<void>;
  /**
   * Firefox only (src/update/update-host-access.ts): access to the update host, asked for when the reader turns the
   * option on (the option stays off without it) and given back when they turn it off.
   */
  hostAccess?: { request: () => Promise<boolean>; release: () => Promise<unknown> };
}

interface UpdatesOptionProps extends UpdatesOptionDeps {
  enabled: boolean;
  onChange: (enabled: boolean) => void;
  now?: () => number;
}

/** The "Keep articles up to date from <host>" option, what it reveals, the last check in words, and "Check now". */
export function UpdatesOption({ host, enabled, onChange, loadStatus, watchStatus, loadDataInUse, checkNow, hostAccess, now = Date.now }: UpdatesOptionProps) {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [data, setData] = useState<DataInUse | null>(null);
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    // The status and the data in use are shown together: a check that just switched packs must not be shown as
    // "up to date" with the previous pack's article count. Only the newest refresh is shown.
    let latest = 0;
    const refresh = (next: UpdateStatus) => {
      const mine = ++latest;
      const show = (inUse: DataInUse | null) => {
        if (mine !== latest) return;
        setStatus(next);
        setData(inUse);
      };
      loadDataInUse().then(show, () => show(null));
    };
    void loadStatus().then(refresh);
    return watchStatus(refresh);
  }, [loadStatus, watchStatus, loadDataInUse]);

  const toggle = (input: HTMLInputElement) => {
    setRefused(false);
    if (!hostAccess || !input.checked) {
      onChange(input.checked);
      if (hostAccess) void hostAccess.release().catch(() => {});
      return;
    }
    // The request must start in the click's own task, before anything is awaited, or the browser refuses it.
    void hostAccess
      .request()
      .catch(() => false)
      .then((granted) => {
        if (granted) onChange(true);
        else {
          input.checked = false;
          setRefused(true);
        }
      });
  };

  return (
    <fieldset class="updates">
      <legend>{t('updates.legend')}</legend>
      <label class="option">
        <input type="checkbox" name="keepUpToDate" checked={enabled} onChange={(event) => toggle(event.currentTarget)} />
        <span>{t('updates.keep', [host])}</span>
        <p class="hint">
          {t('updates.reveals', [host])}
          {hostAccess && ` ${t('updates.asksAccess', [host])}`}
        </p>
      </label>
      {refused && (
        <p class="hint" role="alert">
          {t('updates.refused', [host])}
        </p>
      )}
      {enabled && status && data && (
        <p class="update-status" role="status">
          {describeUpdateStatus(status, data, now())}
        </p>
      )}
      <button type="button" name="checkNow" disabled={!enabled || status?.running === true} onClick={() => void checkNow()}>
        {t('updates.checkNow')}
      </button>
    </fieldset>
  );
}
