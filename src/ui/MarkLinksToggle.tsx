import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/translate';
import { markSiteOf } from '../marks/mark-site';
import { type MarksSwitchDeps, turnMarksOff, turnMarksOn } from '../marks/marks-switch';
import { loadMarkedSites, saveMarkedSites } from '../options/marked-sites-storage';

const realDeps = (): MarksSwitchDeps => ({ permissions: browser.permissions, loadSites: loadMarkedSites, saveSites: saveMarkedSites });

/**
 * The popup's "Mark links on <site>" switch, for the tab's site (nothing for pages that are not on the web).
 * Turning it on asks the browser for access to that one site, from the click.
 */
export function MarkLinksToggle({ tabUrl, deps = realDeps }: { tabUrl: string | null | undefined; deps?: () => MarksSwitchDeps }) {
  const site = markSiteOf(tabUrl);
  const [on, setOn] = useState<boolean | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (site)
      deps()
        .loadSites()
        .then(
          (sites) => setOn(sites.includes(site)),
          () => setOn(false),
        );
    // `deps` is fixed for the component's life (the real storage, or a test's fakes).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [site]);
  if (!site || on === null) return null;
  const toggle = (event: Event) => {
    const wanted = (event.currentTarget as HTMLInputElement).checked;
    const done = wanted ? turnMarksOn(site, deps()) : turnMarksOff(site, deps()).then(() => false);
    done.then(
      (now) => {
        setOn(now);
        setMessage(wanted && !now ? t('marks.notGranted') : '');
      },
      () => setMessage(t('marks.failed')),
    );
  };
  return (
    <div class="mark-links">
      <label>
        <input type="checkbox" name="markLinks" checked={on} onChange={toggle} aria-describedby="mark-links-hint" />
        <span>{t('marks.toggle', [site])}</span>
      </label>
      <p class="hint" id="mark-links-hint">
        {t('marks.toggleHint')}
      </p>
      {message && (
        <p class="hint" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
