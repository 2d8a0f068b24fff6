import { browser } from '#imports';
import { render } from 'preact';
import { localizeDocument, t } from '../../src/i18n/translate';
import { loadOptions, loadPausedSites, saveOptions, setSitePaused } from '../../src/options/options-storage';
import { OptionsForm, type Shortcut } from '../../src/ui/OptionsForm';

localizeDocument(document, 'options.pageTitle');

/** The extension's commands with their current keys; `_execute_action` has no description of its own. */
const loadShortcuts = async (): Promise<Shortcut[]> =>
  (await browser.commands.getAll()).map((command) => ({
    name: command.name ?? '',
    description: command.name === '_execute_action' ? t('options.shortcutOpen') : (command.description ?? command.name ?? ''),
    shortcut: command.shortcut ?? '',
  }));

render(
  <OptionsForm
    load={loadOptions}
    save={saveOptions}
    loadPausedSites={loadPausedSites}
    resumeSite={(site) => setSitePaused(site, false)}
    loadShortcuts={loadShortcuts}
    shortcutsPage={import.meta.env.FIREFOX ? 'about:addons → ⚙ → Manage Extension Shortcuts' : 'chrome://extensions/shortcuts'}
  />,
  document.getElementById('app')!,
);
