import { cleanup, render, screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_OPTIONS, parseOptions } from '../../../src/options/options';
import { loadOptions, loadPausedSites, optionsItem, saveOptions, setSitePaused } from '../../../src/options/options-storage';
import { isPausedUrl, parsePausedSites, pauseKeyOf } from '../../../src/options/paused-sites';
import { OptionsForm } from '../../../src/ui/OptionsForm';

describe('options', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['missing', undefined, DEFAULT_OPTIONS],
    ['not an object', 'corrupt', DEFAULT_OPTIONS],
    ['null', null, DEFAULT_OPTIONS],
    ['half-written', { showBadge: false }, { ...DEFAULT_OPTIONS, showBadge: false }],
    ['wrong types', { showBadge: 'yes', minQuality: '50', loadRemoteImages: 1 }, DEFAULT_OPTIONS],
    ['out of range', { minQuality: 1e9 }, { ...DEFAULT_OPTIONS, minQuality: 200 }],
    ['negative / NaN', { minQuality: Number.NaN }, DEFAULT_OPTIONS],
    [
      'valid',
      { showBadge: false, minQuality: 60, loadRemoteImages: true, keepUpToDate: true },
      { showBadge: false, minQuality: 60, loadRemoteImages: true, keepUpToDate: true },
    ],
    ['keepUpToDate not a boolean', { keepUpToDate: 'yes' }, DEFAULT_OPTIONS],
  ])('%s stored options read as the right options', (_case, stored, expected) => {
    expect(parseOptions(stored)).toEqual(expected);
  });

  it('remote images are off by default: nothing leaves the browser', () => {
    expect(DEFAULT_OPTIONS.loadRemoteImages).toBe(false);
    expect(DEFAULT_OPTIONS.keepUpToDate).toBe(false);
  });

  it('reads corrupt storage as defaults, and saving writes a whole, valid value back', async () => {
    await fakeBrowser.storage.local.set({ options: { showBadge: 'maybe', minQuality: -5 } });
    const loaded = await loadOptions();
    expect(loaded).toEqual({ ...DEFAULT_OPTIONS, minQuality: 0 });
    await saveOptions(loaded);
    expect(await optionsItem.getValue()).toEqual(loaded);
  });
});

describe('paused sites', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['the site itself', 'https://forbes.com/a', true],
    ['www. and other rendering prefixes', 'https://www.forbes.com/a', true],
    ['a subdomain', 'https://blogs.forbes.com/a', true],
    ['a look-alike', 'https://notforbes.com/a', false],
    ['another site ending the same', 'https://forbes.com.attacker.example/a', false],
    ['a browser page', 'chrome://newtab/', false],
  ])('%s', (_case, url, paused) => {
    expect(isPausedUrl(url, ['forbes.com'])).toBe(paused);
  });

  it('pauses a site as its host without www., and reads corrupt storage as no paused site', async () => {
    expect(pauseKeyOf('https://www.Forbes.com:8443/a?b')).toBe('forbes.com');
    expect(parsePausedSites(['b.example', 'a.example', 'a.example', 42, 'not a host', '<script>', { x: 1 }])).toEqual(['a.example', 'b.example']);
    expect(parsePausedSites('corrupt')).toEqual([]);
    await fakeBrowser.storage.local.set({ pausedSites: 'corrupt' });
    expect(await loadPausedSites()).toEqual([]);
    await setSitePaused('forbes.com', true);
    await setSitePaused('scmp.com', true);
    await setSitePaused('forbes.com', false);
    expect(await loadPausedSites()).toEqual(['scmp.com']);
  });
});

describe('the options page', () => {
  beforeEach(() => fakeBrowser.reset());

  it('names each control by its label only, and gives its hint as a description', async () => {
    render(<OptionsForm load={loadOptions} save={saveOptions} />);
    const checkbox = await screen.findByRole('checkbox', { name: 'Show the quality score on the toolbar icon' });
    const hint = document.getElementById(checkbox.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).toBe('The icon still lights up on bundled articles when this is off.');
    expect(hint.closest('label')).toBeNull(); // a hint inside the label would become part of the name
    expect(screen.getByRole('spinbutton', { name: 'Minimum quality for the badge' })).toBeTruthy();
    cleanup();
  });
});
