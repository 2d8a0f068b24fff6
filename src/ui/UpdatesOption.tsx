import { useEffect, useState } from 'preact/hooks';
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
    const refresh = (next: UpdateStatus) => {
      setStatus(next);
      loadDataInUse().then(setData, () => setData(null));
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
      <legend>New articles</legend>
      <label class="option">
        <input type="checkbox" name="keepUpToDate" checked={enabled} onChange={(event) => toggle(event.currentTarget)} />
        <span>Keep articles up to date from {host}</span>
        <p class="hint">
          Off by default. When on, Backstory downloads the editors’ signed article packs from {host} about once a day: that host sees your IP address and that you
          use Backstory, never which pages you read.
          {hostAccess && ` Turning it on asks for access to ${host}: with it, the browser leaves out a random number that would tell your installation apart.`}
        </p>
      </label>
      {refused && (
        <p class="hint" role="alert">
          Without access to {host} the option stays off.
        </p>
      )}
      {enabled && status && data && (
        <p class="update-status" role="status">
          {describeUpdateStatus(status, data, now())}
        </p>
      )}
      <button type="button" name="checkNow" disabled={!enabled || status?.running === true} onClick={() => void checkNow()}>
        Check now
      </button>
    </fieldset>
  );
}
