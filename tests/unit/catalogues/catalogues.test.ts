import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCatalogueUpdater } from '../../../src/background/keep-catalogues-up-to-date';
import { lookUpMarks } from '../../../src/background/marks-messages';
import { markCardOf } from '../../../src/marks/link-mark';
import { cardLines } from '../../../src/marks/render-mark';
import { catalogueIdOf, keyFingerprint, parseCatalogueDescriptor } from '../../../src/catalogues/catalogue-descriptor';
import { combineIndexes } from '../../../src/catalogues/combine-indexes';
import { knownCatalogues } from '../../../src/catalogues/known-catalogues';
import { openCatalogueFolder } from '../../../src/catalogues/open-catalogue-folder';
import { readCatalogue, subscriptionOf } from '../../../src/catalogues/read-catalogue';
import { parseSubscriptions, type Subscription } from '../../../src/catalogues/subscriptions';
import { type CatalogueIndex, loadContentIndex } from '../../../src/index/content-index';
import { publishPack, rawPublicKey } from '../../../src/publish/publish-pack';
import { loadSearch, searchArticles } from '../../../src/search/search-articles';
import { packIndexFiles } from '../../../src/update/pack-index-files';
import { memoryPackStore, type PackStore } from '../../../src/update/pack-store';
import type { UpdateStatus } from '../../../src/update/update-status';
import { contentDir, emptyDir, folderFetch, removeTempDirs, tempDir } from '../update/pack-helpers';

afterAll(removeTempDirs);

const NOW = new Date('2026-12-01T06:00:00Z');
const SHARED = {
  title: 'Seagrass meadows recover along the coast',
  webUrl: 'https://shared.example/news/seagrass',
  publishedDateTime: '2026-11-20T09:00:00Z',
  quality: 64,
};
const write = (dir: string, file: string, fields: object) => writeFileSync(join(dir, file), `---\n${JSON.stringify(fields)}\n---\n`);

/** Publishes a catalogue of `articles` (plus the shared one) signed with a fresh key; returns its folder and key. */
async function publishCatalogue(name: string, articles: object[]) {
  const content = tempDir('backstory-catalogue-content-');
  articles.forEach((fields, i) => write(content, `a-${i}.md`, fields));
  write(content, 'shared.md', SHARED);
  const key = generateKeyPairSync('ed25519');
  const out = emptyDir();
  const result = await publishPack({ contentDir: content, privateKey: key.privateKey, outDir: out, now: NOW, catalogue: { name, licence: 'CC0-1.0' } });
  if (!result.published) throw new Error('not published');
  return { out, key, publicKey: rawPublicKey(key.publicKey) };
}

const reef = (n: number) => ({
  title: `Reef survey number ${n}`,
  webUrl: `https://reefs.example/survey/${n}`,
  publishedDateTime: '2026-11-0' + n + 'T09:00:00Z',
  quality: 70 + n,
  // Reef Watch lists Dune Daily's first article as related coverage: related in one catalogue, an article in another.
  related: n === 1 ? [{ title: 'Dune migration report 1', webUrl: 'https://dunes.example/report/1' }] : [],
});
const dune = (n: number) => ({
  title: `Dune migration report ${n}`,
  webUrl: `https://dunes.example/report/${n}`,
  publishedDateTime: '2026-11-1' + n + 'T09:00:00Z',
  related: [{ title: `Sand on the move ${n}`, webUrl: `https://sand.example/story/${n}` }],
});

let reefs: Awaited<ReturnType<typeof publishCatalogue>>;
let dunes: Awaited<ReturnType<typeof publishCatalogue>>;
let bundled: CatalogueIndex;
beforeAll(async () => {
  reefs = await publishCatalogue('Reef Watch', [reef(1), reef(2)]);
  dunes = await publishCatalogue('Dune Daily', [dune(1), dune(2), dune(3)]);
  const bundledOut = emptyDir();
  const key = generateKeyPairSync('ed25519');
  const published = await publishPack({ contentDir: contentDir(12), privateKey: key.privateKey, outDir: bundledOut, now: NOW, catalogue: { name: 'Bundled' } });
  if (!published.published) throw new Error('not published');
  bundled = await openCatalogueFolder(bundledOut, NOW);
  bundled.catalogue = { id: 'bundled', name: 'Backstory (bundled)' };
});

describe('catalogue.json', () => {
  const base = { formatVersion: 1, name: 'Reef Watch', updateUrl: './', publicKey: 'c9Znxhq+Kt4hobLrHRrVjayDb5pcN0/AY9VfKHywefw=' };
  const parse = (fields: object, url = 'https://curator.example/reefs/catalogue.json') => parseCatalogueDescriptor(Buffer.from(JSON.stringify(fields)), url);

  it('reads a relative update URL beside the descriptor', () => {
    expect(parse(base)).toMatchObject({ name: 'Reef Watch', updateUrl: 'https://curator.example/reefs/', homepage: null, licence: null, description: '' });
  });

  it.each([
    [{ ...base, formatVersion: 2 }, 'catalogue.json: formatVersion: 2; this version reads 1'],
    [{ ...base, name: '  ' }, 'catalogue.json: name: missing'],
    [{ ...base, name: 'x'.repeat(81) }, 'catalogue.json: name: longer than 80 characters'],
    [{ ...base, updateUrl: 'https://elsewhere.example/pack/' }, "catalogue.json: updateUrl: not on curator.example, the catalogue's own host"],
    [{ ...base, updateUrl: 'javascript:alert(1)' }, 'catalogue.json: updateUrl: not an https address'],
    [{ ...base, homepage: 'javascript:alert(1)' }, 'catalogue.json: homepage: not an http(s) URL'],
    [{ ...base, publicKey: 'not a key' }, 'catalogue.json: publicKey: not a base64 Ed25519 public key'],
  ])('refuses %j, naming the field', (fields, message) => {
    expect(() => parse(fields)).toThrow(message);
  });

  it('refuses plain http except on loopback, and text that is not JSON', () => {
    expect(() => parse(base, 'http://curator.example/catalogue.json')).toThrow('updateUrl: not an https address');
    expect(parse(base, 'http://127.0.0.1:8080/c/catalogue.json').updateUrl).toBe('http://127.0.0.1:8080/c/');
    expect(() => parseCatalogueDescriptor(Buffer.from('<html>'), 'https://a.example/')).toThrow('catalogue.json is not JSON');
  });

  it('publish writes one that the extension reads, with the signing key', async () => {
    const descriptor = parseCatalogueDescriptor(readFileSync(join(reefs.out, 'catalogue.json')), 'https://curator.example/reefs/catalogue.json');
    expect(descriptor).toMatchObject({ name: 'Reef Watch', publicKey: reefs.publicKey, licence: 'CC0-1.0', updateUrl: 'https://curator.example/reefs/' });
  });

  it('the known catalogues file holds only well-formed entries', () => {
    expect(knownCatalogues()).toEqual(knownCatalogues(JSON.parse(readFileSync(join(import.meta.dirname, '../../../src/catalogues/known-catalogues.json'), 'utf8'))));
    expect(knownCatalogues([{ name: 'A', description: '', url: 'http://a.example/catalogue.json', publicKey: base.publicKey }])).toEqual([]);
  });
});

describe('a catalogue folder in Node (match --catalogue)', () => {
  it('refuses a tampered file and a manifest signed by another key', async () => {
    const { out } = await publishCatalogue('Tampered', [reef(3)]);
    const manifest = JSON.parse(readFileSync(join(out, 'pack.json'), 'utf8')) as { files: { name: string; path: string }[] };
    const meta = manifest.files.find((file) => file.name === 'meta.json')!;
    writeFileSync(join(out, meta.path), '{}');
    await expect(openCatalogueFolder(out, NOW)).rejects.toThrow(/meta\.json\) does not match its signed SHA-256/);
    const descriptor = JSON.parse(readFileSync(join(out, 'catalogue.json'), 'utf8')) as object;
    writeFileSync(join(out, 'catalogue.json'), JSON.stringify({ ...descriptor, publicKey: dunes.publicKey }));
    await expect(openCatalogueFolder(out, NOW)).rejects.toThrow(/refused \(bad-signature\)/);
  });
});

describe('several catalogues at once', () => {
  const combined = async () => {
    const [a, b] = await Promise.all([openCatalogueFolder(reefs.out, NOW), openCatalogueFolder(dunes.out, NOW)]);
    return { index: combineIndexes([bundled, a, b]), a, b };
  };

  it('one catalogue is its own index, unchanged', () => {
    expect(combineIndexes([bundled])).toBe(bundled.index);
  });

  it('each answers its own articles, names its catalogue, and an article in two says so', async () => {
    const { index, a, b } = await combined();
    expect(await index.describe(reef(2).webUrl)).toMatchObject({ kind: 'article', article: { title: 'Reef survey number 2' }, catalogue: a.catalogue, alsoIn: [] });
    expect(await index.describe(dune(3).webUrl)).toMatchObject({ kind: 'article', catalogue: b.catalogue });
    expect(await index.describe('https://sand.example/story/1')).toMatchObject({ kind: 'related', story: { title: 'Sand on the move 1' }, catalogue: b.catalogue });
    expect(await index.describe(SHARED.webUrl)).toMatchObject({ kind: 'article', catalogue: a.catalogue, alsoIn: [b.catalogue] });
    // The bundled corpus still answers first, and an unknown page is nobody's.
    expect(await index.describe('https://site1.example/news/001')).toMatchObject({ kind: 'article', catalogue: bundled.catalogue });
    expect(await index.describe('https://unknown.example/a')).toEqual({ kind: 'none', reason: 'unknown' });
    expect(index.meta.articles).toBe(12 + 3 + 4);
  });

  it('an article in a later catalogue beats related coverage in an earlier one', async () => {
    const { index, a, b } = await combined();
    expect(await a.index.answer(dune(1).webUrl)).toMatchObject({ kind: 'related' });
    expect(await index.answer(dune(1).webUrl)).toMatchObject({ kind: 'article', part: 2 });
    // Related coverage in Reef Watch is another kind of answer: not listed under "also in".
    expect(await index.describe(dune(1).webUrl)).toMatchObject({
      kind: 'article',
      article: { title: 'Dune migration report 1' },
      catalogue: b.catalogue,
      alsoIn: [],
    });
  });

  it('link marks read each answer in its own catalogue (ids are per catalogue)', async () => {
    const { index } = await combined();
    const marks = await lookUpMarks(index, [reef(1).webUrl, dune(2).webUrl, 'https://site2.example/news/002', 'https://nowhere.example/x']);
    expect(marks).toEqual([
      { kind: 'article', quality: 71, band: 'high' },
      { kind: 'article', band: 'unscored' },
      expect.objectContaining({ kind: 'article' }),
      null,
    ]);
    // A mark's card says where its answer comes from, as the popup does.
    const card = markCardOf(await index.describe(SHARED.webUrl))!;
    expect(card).toMatchObject({ title: SHARED.title, catalogues: ['Reef Watch', 'Dune Daily'] });
    expect(cardLines(card).lines).toContain('From Reef Watch, also in Dune Daily');
  });

  it('search finds articles of every catalogue, each once, naming where it is', async () => {
    const { index, a, b } = await combined();
    const loaded = await loadSearch(index);
    expect(loaded.articleCount).toBe(12 + 3 + 4 - 1);
    const [seagrass] = searchArticles(loaded, { text: 'seagrass', sort: 'relevance' }).slice();
    expect(seagrass).toMatchObject({ title: SHARED.title, catalogue: a.catalogue, alsoIn: [b.catalogue] });
    expect(searchArticles(loaded, { text: 'seagrass', sort: 'relevance' })).toHaveLength(1);
    expect(
      searchArticles(loaded, { text: 'dune migration', sort: 'relevance' })
        .slice()
        .map((entry) => entry.catalogue),
    ).toEqual([b.catalogue, b.catalogue, b.catalogue]);
    // Browsing (no words) lists the shared article once too.
    expect(searchArticles(loaded, { text: '', type: 'article', sort: 'newest' })).toHaveLength(12 + 3 + 4 - 1);
  });
});

describe('readCatalogue (Add catalogue by URL)', () => {
  const url = 'https://curator.example/pack/catalogue.json';

  it('reads the descriptor without credentials, referrer, redirects or an Origin, and shows its key fingerprint', async () => {
    const served = folderFetch(reefs.out);
    const preview = await readCatalogue(url, [], { fetch: served.fetch });
    expect(served.requests).toEqual([
      { url, init: expect.objectContaining({ credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'error', mode: 'same-origin', cache: 'no-store' }) },
    ]);
    const fingerprint = await keyFingerprint(reefs.publicKey);
    expect(preview).toMatchObject({ host: 'curator.example', fingerprint, id: catalogueIdOf(fingerprint), descriptor: { name: 'Reef Watch' } });
    expect(fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);
  });

  it('refuses a second catalogue with the same key, a known catalogue serving another key, and a 404', async () => {
    const served = folderFetch(reefs.out);
    const preview = await readCatalogue(url, [], { fetch: served.fetch });
    if ('reason' in preview) throw new Error('not read');
    const subscribed = subscriptionOf(preview, 1);
    expect(await readCatalogue(url, [subscribed], { fetch: served.fetch })).toEqual({ reason: 'duplicate', detail: 'Reef Watch' });
    expect(await readCatalogue(url, [], { fetch: served.fetch }, dunes.publicKey)).toEqual({ reason: 'keyMismatch', detail: 'Reef Watch' });
    expect(await readCatalogue('https://curator.example/pack/missing.json', [], { fetch: served.fetch })).toEqual({ reason: 'unreachable', detail: 'HTTP 404' });
    expect(await readCatalogue('ftp://curator.example/c.json', [], { fetch: served.fetch })).toEqual({ reason: 'url', detail: 'not an https address' });
  });

  it('a subscription survives storage as written, and corrupt entries are dropped', async () => {
    const preview = await readCatalogue(url, [], { fetch: folderFetch(reefs.out).fetch });
    if ('reason' in preview) throw new Error('not read');
    const subscribed = subscriptionOf(preview, 5);
    expect(parseSubscriptions(JSON.parse(JSON.stringify([subscribed, subscribed, { ...subscribed, id: 'zz' }, null, 'x'])))).toEqual([subscribed]);
  });
});

describe('the catalogue updater', () => {
  async function subscriptionFor(name: 'reefs' | 'dunes', addedAt: number): Promise<Subscription> {
    const { publicKey } = name === 'reefs' ? reefs : dunes;
    const fingerprint = await keyFingerprint(publicKey);
    const descriptorUrl = `https://${name}.example/pack/catalogue.json`;
    return {
      id: catalogueIdOf(fingerprint),
      fingerprint,
      descriptorUrl,
      name,
      description: '',
      homepage: null,
      updateUrl: `https://${name}.example/pack/`,
      publicKey,
      licence: null,
      enabled: true,
      addedAt,
    };
  }

  function setUp(subscriptions: Subscription[], fetchFn: typeof fetch) {
    let list = subscriptions;
    const stores = new Map<string, PackStore>();
    const statuses: Record<string, UpdateStatus> = {};
    const alarms = { create: vi.fn(), clear: vi.fn(async () => true), get: vi.fn(async () => undefined) };
    const onInstalled = vi.fn();
    const deleted: string[] = [];
    const updater = createCatalogueUpdater({
      loadSubscriptions: async () => list,
      storeOf: (id) => stores.get(id) ?? stores.set(id, memoryPackStore()).get(id)!,
      deletePack: async (id) => {
        deleted.push(id);
        stores.delete(id);
      },
      loadStatuses: async () => structuredClone(statuses),
      saveStatus: async (id, status) => {
        if (status) statuses[id] = status;
        else delete statuses[id];
      },
      alarms,
      hostAccess: async () => true,
      onInstalled,
      fetch: fetchFn,
      now: () => NOW.getTime() + 3600_000,
    });
    return { updater, stores, statuses, alarms, onInstalled, deleted, setList: (next: Subscription[]) => (list = next) };
  }

  /** Serves the reefs folder under reefs.example and the dunes folder under dunes.example, with `fail` per host. */
  const hostsFetch = (fail: Partial<Record<string, (path: string) => Response | Error | null>> = {}) => {
    const served = { reefs: folderFetch(reefs.out, { fail: fail.reefs }), dunes: folderFetch(dunes.out, { fail: fail.dunes }) };
    return (async (input: RequestInfo | URL, init?: RequestInit) => {
      const host = new URL(input instanceof Request ? input.url : input).hostname.split('.')[0] as 'reefs' | 'dunes';
      return served[host].fetch(input, init);
    }) as typeof fetch;
  };

  it('nothing on, nothing requested, no alarm', async () => {
    const fetchFn = vi.fn();
    const { updater, alarms } = setUp([], fetchFn);
    await updater.checkDue();
    await updater.onSubscriptionsChanged([], null);
    expect(fetchFn).not.toHaveBeenCalled();
    expect(alarms.create).not.toHaveBeenCalled();
    expect(alarms.clear).toHaveBeenCalled();
  });

  it('one failing catalogue (a 404, a bad signature) is marked failing and changes nothing of the other', async () => {
    const [a, b] = [await subscriptionFor('reefs', 1), await subscriptionFor('dunes', 2)];
    const badSignature = () => new Response('AAAA');
    const { updater, stores, statuses, onInstalled } = setUp(
      [a, b],
      hostsFetch({ reefs: (path) => (path === 'pack.json' ? new Response('', { status: 404 }) : null) }),
    );
    await updater.onSubscriptionsChanged([a, b], null);
    expect(statuses[a.id]).toMatchObject({ running: false, failure: { reason: 'http-status', detail: 'pack.json: HTTP 404' } });
    expect(statuses[b.id]).toMatchObject({ running: false, failure: null });
    expect(onInstalled).toHaveBeenCalledTimes(1);
    const state = await stores.get(b.id)!.readState();
    const index = await loadContentIndex(packIndexFiles(stores.get(b.id)!, state.current!));
    expect(await index.describe(dune(2).webUrl)).toMatchObject({ kind: 'article' });

    // The pinned key: a pack signed by another key (here, garbage) is refused; the data already in use stays.
    const second = setUp([b], hostsFetch({ dunes: (path) => (path === 'pack.sig' ? badSignature() : null) }));
    await second.updater.check(b.id);
    expect(second.statuses[b.id]).toMatchObject({ failure: { reason: 'bad-signature' } });
  });

  it('a catalogue removed while its check runs leaves nothing behind', async () => {
    const a = await subscriptionFor('reefs', 1);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inner = hostsFetch();
    const { updater, statuses, deleted, setList } = setUp([a], async (input: RequestInfo | URL, init?: RequestInit) => {
      await gate;
      return inner(input, init);
    });
    const running = updater.check(a.id);
    await vi.waitFor(() => expect(statuses[a.id]?.running).toBe(true));
    setList([]);
    release();
    await running;
    expect(deleted).toEqual([a.id]);
    expect(statuses).toEqual({});
  });

  it('checks a day later, not before; an hourly alarm only while a catalogue is on', async () => {
    const a = await subscriptionFor('reefs', 1);
    const fetchFn = vi.fn(hostsFetch());
    const { updater, alarms, statuses } = setUp([a], fetchFn);
    await updater.checkDue();
    const requests = fetchFn.mock.calls.length;
    expect(requests).toBeGreaterThan(2);
    expect(alarms.create).toHaveBeenCalledWith('backstory-catalogue-check', { periodInMinutes: 60 });
    await updater.onAlarm('backstory-catalogue-check');
    expect(fetchFn.mock.calls.length).toBe(requests);
    statuses[a.id] = { ...statuses[a.id], checkedAt: NOW.getTime() + 3600_000 - 23 * 3600_000 };
    await updater.onAlarm('backstory-catalogue-check');
    expect(fetchFn.mock.calls.length).toBe(requests + 2); // pack.json and pack.sig: up to date
  });
});

describe('catalogue storage', () => {
  it('is repaired as read', async () => {
    fakeBrowser.reset();
    const { loadSubscriptions, loadCatalogueStatuses } = await import('../../../src/catalogues/catalogue-storage');
    await fakeBrowser.storage.local.set({ catalogues: 'garbage', 'catalogue-status': { nothex: {}, '0123456789abcdef': { running: 'yes' } } });
    expect(await loadSubscriptions()).toEqual([]);
    expect(await loadCatalogueStatuses()).toEqual({ '0123456789abcdef': { checkedAt: null, running: false, failure: null } });
  });
});
