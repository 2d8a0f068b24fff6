import type { ComponentChildren, VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/translate';
import { MAX_MIN_QUALITY, type Options } from '../options/options';
import { MarkedSitesFieldset } from './MarkedSitesFieldset';

/** A keyboard shortcut as the browser reports it (`commands.getAll`). */
export interface Shortcut {
  name: string;
  description: string;
  shortcut: string;
}

interface OptionsFormProps {
  load: () => Promise<Options>;
  save: (options: Options) => Promise<void>;
  /** The paused sites, and the way to resume one (the options storage). */
  loadPausedSites?: () => Promise<string[]>;
  resumeSite?: (site: string) => Promise<void>;
  /** The extension's keyboard shortcuts, and where the browser lets the reader change them. */
  loadShortcuts?: () => Promise<Shortcut[]>;
  shortcutsPage?: string;
  /**
   * Only in a build with an update source: renders the "Keep articles up to date" option (UpdatesOption.tsx, issue 10).
   * Passed in, not imported here, so that a build without one ships none of it.
   */
  renderUpdates?: (enabled: boolean, onChange: (enabled: boolean) => void) => VNode;
  /** The "Catalogues" section (CataloguesSection.tsx), shown after the update option. */
  children?: ComponentChildren;
}

/**
 * The options page. Opening it repairs stored options: whatever storage held (missing, half-written, wrong
 * types) is read with defaults and written back whole. Each change is saved at once.
 */
export function OptionsForm({ load, save, loadPausedSites, resumeSite, loadShortcuts, shortcutsPage, renderUpdates, children }: OptionsFormProps) {
  const [options, setOptions] = useState<Options | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    void load().then((loaded) => {
      setOptions(loaded);
      return save(loaded);
    });
  }, [load, save]);

  if (!options) return <p class="status">{t('options.loading')}</p>;
  const update = (change: Partial<Options>) => {
    const next = { ...options, ...change };
    setOptions(next);
    save(next).then(
      () => setMessage(t('options.saved')),
      () => setMessage(t('options.saveFailed')),
    );
  };
  return (
    <form class="options" onSubmit={(event) => event.preventDefault()}>
      <h1>{t('options.heading')}</h1>
      <p>
        <a href="/search.html">{t('options.searchLink')}</a>
      </p>
      <fieldset>
        <legend>{t('options.badge')}</legend>
        <Option id="showBadge" label={t('options.showBadge')} hint={t('options.showBadgeHint')}>
          <input
            type="checkbox"
            id="showBadge"
            name="showBadge"
            aria-describedby="showBadge-hint"
            checked={options.showBadge}
            onChange={(event) => update({ showBadge: event.currentTarget.checked })}
          />
        </Option>
        <Option id="minQuality" label={t('options.minQuality')} hint={t('options.minQualityHint')}>
          <input
            type="number"
            id="minQuality"
            name="minQuality"
            aria-describedby="minQuality-hint"
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
        </Option>
      </fieldset>
      <fieldset>
        <legend>{t('options.privacy')}</legend>
        <Option id="loadRemoteImages" label={t('options.remoteImages')} hint={t('options.remoteImagesHint')}>
          <input
            type="checkbox"
            id="loadRemoteImages"
            name="loadRemoteImages"
            aria-describedby="loadRemoteImages-hint"
            checked={options.loadRemoteImages}
            onChange={(event) => update({ loadRemoteImages: event.currentTarget.checked })}
          />
        </Option>
      </fieldset>
      {renderUpdates?.(options.keepUpToDate, (keepUpToDate) => update({ keepUpToDate }))}
      {children}
      <MarkedSitesFieldset />
      {loadPausedSites && resumeSite && <PausedSites load={loadPausedSites} resume={resumeSite} />}
      {loadShortcuts && <Shortcuts load={loadShortcuts} page={shortcutsPage} />}
      <p class="saved" role="status">
        {message}
      </p>
    </form>
  );
}

/** One option: its control, its label, and a hint that describes the control (aria-describedby `${id}-hint`). */
function Option({ id, label, hint, children }: { id: string; label: string; hint: string; children: ComponentChildren }) {
  return (
    <div class="option">
      {children}
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}

/** The sites Backstory is paused on, each with a button that resumes it. */
function PausedSites({ load, resume }: { load: () => Promise<string[]>; resume: (site: string) => Promise<void> }) {
  const [sites, setSites] = useState<string[] | null>(null);
  useEffect(() => {
    void load().then(setSites);
  }, [load]);
  return (
    <fieldset class="paused-sites">
      <legend>{t('options.paused')}</legend>
      <p class="hint">{t('options.pausedHint')}</p>
      {sites && sites.length === 0 && <p>{t('options.pausedNone')}</p>}
      {sites && sites.length > 0 && (
        <ul class="site-list paused-list">
          {sites.map((site) => (
            <li key={site}>
              <span class="site-name">{site}</span>
              <button type="button" onClick={() => void resume(site).then(load).then(setSites)}>
                {t('options.resume', [site])}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** The keyboard shortcuts, as the browser has them, and where to change them. */
function Shortcuts({ load, page }: { load: () => Promise<Shortcut[]>; page?: string }) {
  const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
  useEffect(() => {
    void load().then(setShortcuts, () => setShortcuts([]));
  }, [load]);
  return (
    <fieldset class="shortcuts">
      <legend>{t('options.shortcuts')}</legend>
      <dl>
        {shortcuts.map(({ name, description, shortcut }) => (
          <div key={name}>
            <dt>{description}</dt>
            <dd>{shortcut ? <kbd>{shortcut}</kbd> : t('options.shortcutNone')}</dd>
          </div>
        ))}
      </dl>
      {page && <p class="hint">{t('options.shortcutsHint', [page])}</p>}
    </fieldset>
  );
}
