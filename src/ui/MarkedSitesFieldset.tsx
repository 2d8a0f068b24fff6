import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import { normalizeMarkSite } from '../marks/mark-site';
import { type MarksSwitchDeps, turnMarksOff, turnMarksOn } from '../marks/marks-switch';
import { loadMarkedSites, saveMarkedSites, watchMarkedSites } from '../options/marked-sites-storage';
import { t } from '../i18n/translate';

const realDeps = (): MarksSwitchDeps & { watchSites: typeof watchMarkedSites } => ({
  permissions: browser.permissions,
  loadSites: loadMarkedSites,
  saveSites: saveMarkedSites,
  watchSites: watchMarkedSites,
});

/**
 * The options page's list of sites with link marks on, each removable, and an "Add a site" field. Adding asks the
 * browser for access to that one site, from the click; removing gives the access back.
 */
export function MarkedSitesFieldset({ deps = realDeps }: { deps?: () => MarksSwitchDeps & { watchSites?: typeof watchMarkedSites } }) {
  const [sites, setSites] = useState<string[] | null>(null);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    const { loadSites, watchSites } = deps();
    loadSites().then(setSites, () => setSites([]));
    return watchSites?.(setSites);
    // `deps` is fixed for the component's life (the real storage, or a test's fakes).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const add = () => {
    const site = normalizeMarkSite(typed);
    if (!site) {
      setMessage(t('marks.typeSite'));
      return;
    }
    turnMarksOn(site, deps()).then(
      async (on) => {
        setMessage(on ? t('marks.onFor', [site]) : t('marks.notGrantedFor', [site]));
        if (on) setTyped('');
        setSites(await deps().loadSites());
      },
      () => setMessage(t('marks.onFailed')),
    );
  };
  const remove = (site: string) =>
    turnMarksOff(site, deps()).then(
      async () => {
        setMessage(t('marks.offFor', [site]));
        setSites(await deps().loadSites());
      },
      () => setMessage(t('marks.offFailed')),
    );

  return (
    <fieldset class="marked-sites">
      <legend>{t('marks.legend')}</legend>
      <p class="hint">{t('marks.intro')}</p>
      {sites === null ? null : sites.length === 0 ? (
        <p class="hint">{t('marks.none')}</p>
      ) : (
        <ul class="site-list">
          {sites.map((site) => (
            <li key={site} data-site={site}>
              <span>{site}</span>{' '}
              <button type="button" onClick={() => void remove(site)} aria-label={t('marks.removeSite', [site])}>
                {t('marks.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="add-site">
        <label>
          <span>{t('marks.addSite')}</span>{' '}
          <input
            type="text"
            name="addSite"
            placeholder="news.example.com"
            value={typed}
            onInput={(event) => setTyped(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
        </label>{' '}
        <button type="button" name="addSiteButton" onClick={add}>
          {t('marks.add')}
        </button>
      </div>
      <p class="hint" role="status">
        {message}
      </p>
    </fieldset>
  );
}
