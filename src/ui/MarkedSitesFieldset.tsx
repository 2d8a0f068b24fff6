import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import { normalizeMarkSite } from '../marks/mark-site';
import { type MarksSwitchDeps, turnMarksOff, turnMarksOn } from '../marks/marks-switch';
import { loadMarkedSites, saveMarkedSites, watchMarkedSites } from '../options/marked-sites-storage';

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
  }, []);

  const add = () => {
    const site = normalizeMarkSite(typed);
    if (!site) {
      setMessage('Type a site, for example news.example.com.');
      return;
    }
    turnMarksOn(site, deps()).then(
      async (on) => {
        setMessage(on ? `Marks on for ${site}.` : `Access to ${site} was not given.`);
        if (on) setTyped('');
        setSites(await deps().loadSites());
      },
      () => setMessage('Could not turn the marks on.'),
    );
  };
  const remove = (site: string) =>
    turnMarksOff(site, deps()).then(
      async () => {
        setMessage(`Marks off for ${site}.`);
        setSites(await deps().loadSites());
      },
      () => setMessage('Could not turn the marks off.'),
    );

  return (
    <fieldset class="marked-sites">
      <legend>Marks on links</legend>
      <p class="hint">
        On these sites, links to Backstory's articles get a small mark with their quality. Matched in your browser; nothing is sent anywhere.
      </p>
      {sites === null ? null : sites.length === 0 ? (
        <p class="hint">No site yet. Turn marks on from the popup on a site, or add one here.</p>
      ) : (
        <ul class="site-list">
          {sites.map((site) => (
            <li key={site} data-site={site}>
              <span>{site}</span>{' '}
              <button type="button" onClick={() => remove(site)} aria-label={`Remove ${site}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="add-site">
        <label>
          <span>Add a site</span>{' '}
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
          Add
        </button>
      </div>
      <p class="hint" role="status">
        {message}
      </p>
    </fieldset>
  );
}
