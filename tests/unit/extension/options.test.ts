import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_OPTIONS, parseOptions } from '../../../src/options/options';
import { loadOptions, optionsItem, saveOptions } from '../../../src/options/options-storage';

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
    ['valid', { showBadge: false, minQuality: 60, loadRemoteImages: true, keepUpToDate: true }, { showBadge: false, minQuality: 60, loadRemoteImages: true, keepUpToDate: true }],
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
