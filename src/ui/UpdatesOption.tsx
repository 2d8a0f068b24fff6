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
}

interface UpdatesOptionProps extends UpdatesOptionDeps {
  enabled: boolean;
  onChange: (enabled: boolean) => void;
  now?: () => number;
}

/** The "Keep articles up to date from <host>" option, what it reveals, the last check in words, and "Check now". */
export function UpdatesOption({ host, enabled, onChange, loadStatus, watchStatus, loadDataInUse, checkNow, now = Date.now }: UpdatesOptionProps) {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [data, setData] = useState<DataInUse | null>(null);
  useEffect(() => {
    const refresh = (next: UpdateStatus) => {
      setStatus(next);
      loadDataInUse().then(setData, () => setData(null));
    };
    void loadStatus().then(refresh);
    return watchStatus(refresh);
  }, [loadStatus, watchStatus, loadDataInUse]);

  return (
    <fieldset class="updates">
      <legend>New articles</legend>
      <label class="option">
        <input type="checkbox" name="keepUpToDate" checked={enabled} onChange={(event) => onChange(event.currentTarget.checked)} />
        <span>Keep articles up to date from {host}</span>
        <p class="hint">
          Off by default. When on, Backstory downloads the editors’ signed article packs from {host} about once a day: that host sees your IP address and that you
          use Backstory{import.meta.env.FIREFOX ? ' (and, as Firefox sends it, a random number that stands for this installation)' : ''}, never which pages you read.
        </p>
      </label>
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
