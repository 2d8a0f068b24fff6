import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CataloguePreview } from '../../../src/catalogues/read-catalogue';
import type { Subscription } from '../../../src/catalogues/subscriptions';
import { CataloguesSection, type CataloguesDeps } from '../../../src/ui/CataloguesSection';

const KEY = 'c9Znxhq+Kt4hobLrHRrVjayDb5pcN0/AY9VfKHywefw=';
const FINGERPRINT = '1383 9d86 fd5a 0697 aaaa bbbb cccc dddd';
const preview: CataloguePreview = {
  descriptor: {
    formatVersion: 1,
    name: '<b>Reef Watch</b>',
    description: 'Coral news',
    homepage: null,
    updateUrl: 'https://curator.example/reefs/',
    publicKey: KEY,
    licence: 'CC0-1.0',
  },
  descriptorUrl: 'https://curator.example/reefs/catalogue.json',
  host: 'curator.example',
  fingerprint: FINGERPRINT,
  id: '13839d86fd5a0697',
};

function setUp(initial: Subscription[] = [], read: CataloguesDeps['readCatalogue'] = async () => preview) {
  let list = initial;
  const listeners: ((subscriptions: Subscription[]) => void)[] = [];
  const deps = {
    loadBundled: async () => ({ articles: 179, newestPublished: '2023-04-24T00:00:00Z' }),
    known: [],
    loadSubscriptions: async () => list,
    watchSubscriptions: (onChange: (subscriptions: Subscription[]) => void) => {
      listeners.push(onChange);
      return () => {};
    },
    saveSubscriptions: vi.fn(async (next: readonly Subscription[]) => {
      list = [...next];
      for (const listener of listeners) listener(list);
    }),
    loadStatuses: async () => ({}),
    watchStatuses: () => () => {},
    loadData: async () => null,
    requestAccess: vi.fn(async () => true),
    releaseAccess: vi.fn(async () => true),
    readCatalogue: vi.fn(read),
    checkNow: vi.fn(async () => {}),
    deletePack: vi.fn(async () => {}),
    now: () => 1_000,
  } satisfies CataloguesDeps;
  render(<CataloguesSection {...deps} />);
  return { deps, list: () => list };
}

const typeAddress = (url: string) => fireEvent.input(screen.getByLabelText('Add a catalogue by URL'), { target: { value: url } });

describe('CataloguesSection', () => {
  afterEach(cleanup);

  it('asks for the host from the click, shows name, host and key as text, and subscribes only when told', async () => {
    const { deps, list } = setUp();
    expect(await screen.findByText(/^Built in, always on: 179 articles, newest .*2023\.$/)).toBeTruthy();
    typeAddress('https://curator.example/reefs/catalogue.json');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(deps.requestAccess).toHaveBeenCalledWith('https://curator.example/reefs/catalogue.json'); // before anything is awaited
    const shown = await screen.findByRole('region', { name: '<b>Reef Watch</b>' });
    expect(shown.textContent).toContain('<b>Reef Watch</b> from curator.example');
    expect(shown.textContent).toContain(`Key ${FINGERPRINT} · Licence: CC0-1.0`);
    expect(shown.querySelector('b')).toBeNull(); // text, never markup
    expect(deps.saveSubscriptions).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Subscribe to <b>Reef Watch</b>' }));
    await waitFor(() => expect(list()).toHaveLength(1));
    expect(list()[0]).toMatchObject({ id: preview.id, publicKey: KEY, enabled: true, addedAt: 1_000, descriptorUrl: preview.descriptorUrl });
    expect(await screen.findByText('Checking for new articles…')).toBeTruthy();
  });

  it('refused access or a bad descriptor: nothing is added, the access goes back, and the page says why', async () => {
    const { deps } = setUp([], async () => ({ reason: 'malformed', detail: 'catalogue.json: publicKey: not a base64 Ed25519 public key' }));
    deps.requestAccess.mockResolvedValueOnce(false);
    typeAddress('https://curator.example/reefs/catalogue.json');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Without access to curator.example the catalogue cannot be added.');
    expect(deps.readCatalogue).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Add' }).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Not a catalogue: catalogue.json: publicKey: not a base64 Ed25519 public key.'));
    expect(deps.releaseAccess).toHaveBeenCalledTimes(1);
    expect(deps.saveSubscriptions).not.toHaveBeenCalled();
  });

  it('Remove deletes its data, and gives the host back only when no other catalogue is on it', async () => {
    const subscription = (id: string, host: string, addedAt: number): Subscription => ({
      id,
      fingerprint: `${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8, 12)} ${id.slice(12, 16)} 0000 0000 0000 0000`,
      descriptorUrl: `https://${host}/${id}/catalogue.json`,
      name: `Catalogue ${id.slice(0, 4)}`,
      description: '',
      homepage: null,
      updateUrl: `https://${host}/${id}/`,
      publicKey: KEY,
      licence: null,
      enabled: true,
      addedAt,
    });
    const [a, b, c] = [
      subscription('aaaa000000000000', 'one.example', 1),
      subscription('bbbb000000000000', 'one.example', 2),
      subscription('cccc000000000000', 'two.example', 3),
    ];
    const { deps, list } = setUp([a, b, c]);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove Catalogue aaaa' }));
    await waitFor(() => expect(deps.deletePack).toHaveBeenCalledWith(a.id));
    expect(list().map((entry) => entry.id)).toEqual([b.id, c.id]);
    expect(deps.releaseAccess).not.toHaveBeenCalled(); // b is on the same host
    fireEvent.click(screen.getByRole('button', { name: 'Remove Catalogue cccc' }));
    await waitFor(() => expect(deps.releaseAccess).toHaveBeenCalledWith(c.updateUrl));
    fireEvent.click(screen.getByRole('button', { name: 'Check Catalogue bbbb now' }));
    expect(deps.checkNow).toHaveBeenCalledWith(b.id);
  });
});
