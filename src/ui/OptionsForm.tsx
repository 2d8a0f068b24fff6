import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { MAX_MIN_QUALITY, type Options } from '../options/options';

interface OptionsFormProps {
  load: () => Promise<Options>;
  save: (options: Options) => Promise<void>;
  /**
   * Only in a build with an update source: renders the "Keep articles up to date" option (UpdatesOption.tsx, issue 10).
   * Passed in, not imported here, so that a build without one ships none of it.
   */
  renderUpdates?: (enabled: boolean, onChange: (enabled: boolean) => void) => VNode;
}

/**
 * The options page. Opening it repairs stored options: whatever storage held (missing, half-written, wrong
 * types) is read with defaults and written back whole. Each change is saved at once.
 */
export function OptionsForm({ load, save, renderUpdates }: OptionsFormProps) {
  const [options, setOptions] = useState<Options | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    load().then((loaded) => {
      setOptions(loaded);
      return save(loaded);
    });
  }, [load, save]);

  if (!options) return <p class="status">Loading…</p>;
  const update = (change: Partial<Options>) => {
    const next = { ...options, ...change };
    setOptions(next);
    save(next).then(() => setMessage('Saved.'), () => setMessage('Could not save the options.'));
  };
  return (
    <form class="options" onSubmit={(event) => event.preventDefault()}>
      <h1>Backstory options</h1>
      <p>
        <a href="/search.html">Search the bundled articles</a>
      </p>
      <fieldset>
        <legend>Toolbar badge</legend>
        <label class="option">
          <input type="checkbox" name="showBadge" checked={options.showBadge} onChange={(event) => update({ showBadge: event.currentTarget.checked })} />
          <span>Show the quality score on the toolbar icon</span>
          <p class="hint">The icon still lights up on bundled articles when this is off.</p>
        </label>
        <label class="option">
          <input
            type="number"
            name="minQuality"
            min={0}
            max={MAX_MIN_QUALITY}
            step={1}
            value={options.minQuality}
            disabled={!options.showBadge}
            onChange={(event) => {
              const value = Number(event.currentTarget.value);
              if (Number.isFinite(value)) update({ minQuality: Math.min(MAX_MIN_QUALITY, Math.max(0, Math.round(value))) });
            }}
          />
          <span>Minimum quality for the badge</span>
          <p class="hint">0 shows every article. Scores are usually 0–100 and can go above 100.</p>
        </label>
      </fieldset>
      <fieldset>
        <legend>Privacy</legend>
        <label class="option">
          <input
            type="checkbox"
            name="loadRemoteImages"
            checked={options.loadRemoteImages}
            onChange={(event) => update({ loadRemoteImages: event.currentTarget.checked })}
          />
          <span>Load provider logos and article images from the web</span>
          <p class="hint">Off by default: with it off, Backstory makes no network request at all. When on, the sites hosting the images see your IP address.</p>
        </label>
      </fieldset>
      {renderUpdates?.(options.keepUpToDate, (keepUpToDate) => update({ keepUpToDate }))}
      <p class="saved" role="status">
        {message}
      </p>
    </form>
  );
}
