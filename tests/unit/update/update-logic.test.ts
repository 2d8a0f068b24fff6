import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createUpdater, UPDATE_ALARM } from '../../../src/background/keep-up-to-date';
import { stableOrder, stableSlots } from '../../../src/index/stable-ids';
import { DEFAULT_OPTIONS, type Options } from '../../../src/options/options';
import { memoryPackStore } from '../../../src/update/pack-store';
import { updateHostPermission } from '../../../src/update/update-host-access';
import { readUpdateSource } from '../../../src/update/update-source';
import { type DataInUse, describeUpdateStatus, EMPTY_UPDATE_STATUS, parseUpdateStatus, type UpdateStatus } from '../../../src/update/update-status';
import { PUBLIC_KEY } from './pack-helpers';

describe('stableOrder', () => {
  const id = (s: string) => s;
  it.each([
    ['no previous ids: the order given', ['a', 'b', 'c'], undefined, ['a', 'b', 'c']],
    ['an added item goes at the end', ['a', 'b', 'c', 'n'], ['a', 'b', 'c'], ['a', 'b', 'c', 'n']],
    ['an added item sorted first still goes at the end', ['0', 'a', 'b'], ['a', 'b'], ['a', 'b', '0']],
    ['a new item fills the gap a removed one left', ['a', 'c', 'n'], ['a', 'b', 'c'], ['a', 'n', 'c']],
    ['a removal moves only the last item into the gap', ['a', 'c', 'd', 'e'], ['a', 'b', 'c', 'd', 'e'], ['a', 'e', 'c', 'd']],
    ['removing the last item moves nothing', ['a', 'b'], ['a', 'b', 'c'], ['a', 'b']],
    ['two removals, the last items fill them', ['b', 'd', 'e'], ['a', 'b', 'c', 'd', 'e'], ['e', 'b', 'd']],
    ['everything removed', [], ['a', 'b'], []],
  ])('%s', (_case, items, previous, expected) => {
    expect(stableOrder(items, id, previous)).toEqual(expected);
  });
});

describe('stableSlots (article ids)', () => {
  const id = (s: string) => s;
  it.each([
    ['no previous ids: the order given', ['a', 'b'], undefined, ['a', 'b']],
    ['a removal leaves its id unused, moving nothing', ['a', 'c', 'd'], ['a', 'b', 'c', 'd'], ['a', null, 'c', 'd']],
    ['a new item takes the first unused id', ['a', 'c', 'd', 'n'], ['a', null, 'c', 'd'], ['a', 'n', 'c', 'd']],
    ['unused ids at the end are dropped', ['a'], ['a', null, 'c'], ['a']],
    ['more new items than unused ids: the rest at the end', ['a', 'm', 'n'], [null, 'a'], ['m', 'a', 'n']],
    ['everything removed', [], ['a', null], []],
  ])('%s', (_case, items, previous, expected) => {
    expect(stableSlots(items, id, previous)).toEqual(expected);
  });
});

describe('readUpdateSource', () => {
  it('is null without the variables, and both or neither must be set', () => {
    expect(readUpdateSource({})).toBeNull();
    expect(() => readUpdateSource({ BACKSTORY_UPDATE_URL: 'https://packs.example/' })).toThrow(/PUBLIC_KEY is not/);
    expect(() => readUpdateSource({ BACKSTORY_UPDATE_PUBLIC_KEY: PUBLIC_KEY })).toThrow(/URL is not/);
  });
  it.each([
    ['https', 'https://packs.example/backstory', { url: 'https://packs.example/backstory/', origin: 'https://packs.example' }],
    ['http on 127.0.0.1 (tests)', 'http://127.0.0.1:8080/pack/', { url: 'http://127.0.0.1:8080/pack/', origin: 'http://127.0.0.1:8080' }],
    ['http on localhost', 'http://localhost:9/', { url: 'http://localhost:9/', origin: 'http://localhost:9' }],
  ])('accepts %s', (_case, url, expected) => {
    expect(readUpdateSource({ BACKSTORY_UPDATE_URL: url, BACKSTORY_UPDATE_PUBLIC_KEY: PUBLIC_KEY })).toEqual({ ...expected, publicKey: PUBLIC_KEY });
  });
  it.each(['http://packs.example/', 'ftp://127.0.0.1/', 'https://user:pw@packs.example/', 'https://packs.example/?id=1', 'not a url'])('refuses %s', (url) => {
    expect(() => readUpdateSource({ BACKSTORY_UPDATE_URL: url, BACKSTORY_UPDATE_PUBLIC_KEY: PUBLIC_KEY })).toThrow(/BACKSTORY_UPDATE_URL/);
  });
  it('refuses a key that is not 32 bytes of base64', () => {
    expect(() => readUpdateSource({ BACKSTORY_UPDATE_URL: 'https://packs.example/', BACKSTORY_UPDATE_PUBLIC_KEY: 'abc' })).toThrow(/PUBLIC_KEY/);
  });
});

describe('updateHostPermission', () => {
  it.each([
    ['https://editors.example/backstory/', 'https://editors.example/*'],
    ['https://editors.example:8443/pack/', 'https://editors.example/*'], // Firefox's match patterns carry no port
    ['http://127.0.0.1:41234/pack/', 'http://127.0.0.1/*'],
  ])('Firefox asks for access to the update host of %s: %s', (url, pattern) => {
    expect(updateHostPermission(url, true)).toEqual({ origins: [pattern] });
  });

  it('Chrome asks for nothing', () => {
    expect(updateHostPermission('https://editors.example/backstory/', false)).toBeNull();
  });
});

describe('describeUpdateStatus', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const data = { articles: 12_345, newestPublished: '2026-11-30T10:00:00Z' };
  it('says what is in use and when it was checked', () => {
    expect(describeUpdateStatus({ checkedAt: now - 2 * 3600_000, running: false, failure: null }, data, now)).toBe(
      'Up to date: 12,345 articles, newest Nov 30, 2026, checked 2 h ago.',
    );
  });
  it('says why the last check failed, and what is still in use', () => {
    const status: UpdateStatus = { checkedAt: now, running: false, failure: { reason: 'bad-signature', detail: '' } };
    expect(describeUpdateStatus(status, { ...data, newestPublished: '2026-11-28T10:00:00Z' }, now)).toBe(
      'Last check failed: the signature did not verify; still using the articles from Nov 28, 2026.',
    );
  });
  const undated = { articles: 1, newestPublished: null };
  it.each<[string, UpdateStatus, DataInUse, string]>([
    ['a check under way', { checkedAt: now - 60_000, running: true, failure: null }, data, 'Checking for new articles…'],
    [
      'a check the browser stopped',
      { checkedAt: now - 3600_000, running: true, failure: null },
      data,
      'Last check failed: the previous check was interrupted; it resumes at the next one.',
    ],
    ['never checked', EMPTY_UPDATE_STATUS, data, 'Not checked yet: 12,345 articles, newest Nov 30, 2026.'],
    ['never checked, no dates', EMPTY_UPDATE_STATUS, undated, 'Not checked yet: 1 article.'],
    [
      'failed, no dates',
      { checkedAt: now, running: false, failure: { reason: 'no-host-access', detail: '' } },
      undated,
      'Last check failed: Backstory has no access to the update host (turn the option off and on again to allow it); still using the 1 article in use.',
    ],
    ['checked seconds ago', { checkedAt: now - 20_000, running: false, failure: null }, undated, 'Up to date: 1 article, checked just now.'],
    ['checked minutes ago', { checkedAt: now - 5 * 60_000, running: false, failure: null }, undated, 'Up to date: 1 article, checked 5 min ago.'],
    ['checked days ago', { checkedAt: now - 3 * 24 * 3600_000, running: false, failure: null }, undated, 'Up to date: 1 article, checked 3 days ago.'],
  ])('%s', (_case, status, inUse, line) => {
    expect(describeUpdateStatus(status, inUse, now)).toBe(line);
  });
  it('repairs whatever storage holds', () => {
    expect(parseUpdateStatus('junk')).toEqual(EMPTY_UPDATE_STATUS);
    expect(parseUpdateStatus({ checkedAt: 5, failure: { reason: 'nonsense' } })).toEqual({ checkedAt: 5, running: false, failure: null });
  });
});

describe('createUpdater', () => {
  beforeEach(() => fakeBrowser.reset());

  function updater(options: Partial<Options>, status: UpdateStatus = EMPTY_UPDATE_STATUS, hostAccess?: () => Promise<boolean>) {
    let saved = status;
    const fetch = vi.fn(async () => new Response('', { status: 404 }));
    const alarms = { create: vi.fn(), clear: vi.fn(async () => true), get: vi.fn(async () => undefined as unknown) };
    const u = createUpdater({
      source: { url: 'https://packs.example/', publicKey: PUBLIC_KEY },
      bundledSequence: 1,
      store: memoryPackStore(),
      alarms,
      loadOptions: async () => ({ ...DEFAULT_OPTIONS, ...options }),
      loadStatus: async () => saved,
      saveStatus: async (next) => void (saved = next),
      onInstalled: vi.fn(),
      hostAccess,
      fetch: fetch,
      now: () => Date.parse('2026-12-01T12:00:00Z'),
      random: () => 0.5,
    });
    return { u, fetch, alarms, status: () => saved };
  }

  it('does nothing while the option is off: no request, no alarm', async () => {
    const { u, fetch, alarms } = updater({ keepUpToDate: false });
    await u.onStartup();
    await u.onAlarm(UPDATE_ALARM);
    await u.onMessage({ type: 'backstory:check-for-update' });
    await u.onOptionsChanged({ ...DEFAULT_OPTIONS, keepUpToDate: false });
    expect(fetch).not.toHaveBeenCalled();
    expect(alarms.create).not.toHaveBeenCalled();
    expect(alarms.clear).toHaveBeenCalledWith(UPDATE_ALARM);
  });

  it('turned on: checks at once, records the result, and sets the next check about a day later', async () => {
    const { u, fetch, alarms, status } = updater({ keepUpToDate: true });
    await u.onOptionsChanged({ ...DEFAULT_OPTIONS, keepUpToDate: true });
    expect(fetch).toHaveBeenCalled();
    expect(status()).toMatchObject({ running: false, failure: { reason: 'http-status' } });
    expect(alarms.create).toHaveBeenCalledWith(UPDATE_ALARM, { when: Date.parse('2026-12-02T12:00:00Z') });
  });

  it('Firefox without its access to the update host: requests nothing, and records why', async () => {
    const { u, fetch, status } = updater({ keepUpToDate: true }, EMPTY_UPDATE_STATUS, async () => false);
    await u.onOptionsChanged({ ...DEFAULT_OPTIONS, keepUpToDate: true });
    expect(fetch).not.toHaveBeenCalled();
    expect(status()).toMatchObject({ running: false, failure: { reason: 'no-host-access' } });
  });

  it('at browser start, checks only when the last check is a day old', async () => {
    const recent = updater({ keepUpToDate: true }, { checkedAt: Date.parse('2026-12-01T01:00:00Z'), running: false, failure: null });
    await recent.u.onStartup();
    expect(recent.fetch).not.toHaveBeenCalled();
    expect(recent.alarms.create).toHaveBeenCalled(); // the alarm is made sure of
    const old = updater({ keepUpToDate: true }, { checkedAt: Date.parse('2026-11-30T11:00:00Z'), running: false, failure: null });
    await old.u.onStartup();
    expect(old.fetch).toHaveBeenCalled();
  });

  it('a status left "running" by a stopped background reads as interrupted', async () => {
    const { status, u } = updater({ keepUpToDate: false }, { checkedAt: 1, running: true, failure: null });
    await u.onStartup();
    expect(status()).toMatchObject({ running: false, failure: { reason: 'interrupted' } });
  });
});
