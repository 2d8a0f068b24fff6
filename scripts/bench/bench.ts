/**
 * The performance benchmark (issues 4 and 12):
 *   npm run -s bench -- [--sizes 1000,10000,100000 | --quick] [--json]
 *
 * For each size it generates a synthetic corpus (make-corpus.ts), then measures the real pipeline against its
 * floor (measure-ingest.ts), builds the real extension in a scratch copy of the project (measure-build.ts), times
 * the service worker's cold first lookup and warm lookups (measure-lookups.ts), the popup in its four states and the
 * side panel against an empty extension page, the search page and the background's heap in headless Chromium
 * (measure-pages.ts), link marks (measure-marks.ts), and content packs (measure-pack.ts: publish time, the share
 * of the pack a reader downloads for one added article, the switch to the new pack; and publish_ms, a publish whose
 * related stories are each listed by ~150 articles). Prints a table and the issue's targets at the largest
 * size, or with --json exactly one JSON object on stdout. Progress goes to stderr. Everything is written under one
 * temporary folder, removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Corpus, type CorpusArticle, makeCorpus, otherPageOf } from './make-corpus';
import { buildExtension, makeScratchProject } from './measure-build';
import { measureIngest } from './measure-ingest';
import { makeLookupMix, measureSwColdLookup, measureWarmLookups } from './measure-lookups';
import { ARTICLE_LINKS, LINKS, measureMarks } from './measure-marks';
import { CATALOGUE_COUNTS, measureCatalogues } from './measure-catalogues';
import { LISTINGS_PER_STORY, measurePack, measureSharedPublish } from './measure-pack';
import { HEAP_LOOKUPS, measurePages } from './measure-pages';
import { Random } from './random';
import { INDEX_DIR } from '../../src/index/content-index';

const USAGE = 'usage: npm run -s bench -- [--sizes 1000,10000,100000 | --quick] [--json]';
const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const INGEST_RUNS = 3;
const SW_COLD_RUNS = 5;
const LOOKUPS = 20_000;
const LOOKUP_PASSES = 5;
const POPUP_RUNS = 15;
const MARKS_RUNS = 7;
const SEARCH_TITLES = 40;
const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

export interface BenchResult {
  articles: number;
  source_bytes: number;
  ingest_ms: number;
  ingest_baseline_ms: number;
  index_bytes: number;
  bundle_bytes: number;
  build_ms: number;
  sw_cold_lookup_ms: number;
  lookup_p50_us: number;
  lookup_p99_us: number;
  /** The popup on a bundled article (state `match`), ms from navigation start to rendered; the floor is blank_page_ms. */
  popup_ms: number;
  blank_page_ms: number;
  /** The popup on a related story no bundled article is about (state `related`). */
  popup_related_ms: number;
  /** The popup on another page of a bundled site (state `site`). */
  popup_site_ms: number;
  /** The popup on a page Backstory knows nothing of (state `no-match`). */
  popup_none_ms: number;
  /** The side panel on a bundled article. */
  sidepanel_ms: number;
  /** The search page: navigation start to the first render that can answer a query (median of loads). */
  search_ready_ms: number;
  /** The search page: one keystroke's input event to its results rendered and laid out, p50 and p95. */
  search_query_p50_ms: number;
  search_query_p95_ms: number;
  /** The service worker's JS heap after a garbage collection, after 1,000 distinct lookups (bytes). */
  sw_heap_bytes: number;
  /** The search page's JS heap after a garbage collection, once ready and queried (bytes). */
  search_heap_bytes: number;
  /** Link marks: content script start to all marks drawn (median of warm runs). */
  marks_all_drawn_ms: number;
  /** Link marks: the longest main-thread task after the content script started (median of warm runs). */
  marks_longest_task_ms: number;
  /** Link marks: the background's lookUpMarks per href, warm (batches of 500). */
  marks_bg_us_per_href: number;
  /** Link marks: 500 links added by script until their marks are drawn (median of warm runs). */
  marks_added_drawn_ms: number;
  /** Link marks, first page after the background started (no key bucket read yet): all drawn, longest task. */
  marks_cold_all_drawn_ms: number;
  marks_cold_longest_task_ms: number;
  /** Link marks: the background's lookUpMarks per href, first pass (key buckets and quality tables read from disk). */
  marks_bg_cold_us_per_href: number;
  /** Content packs (issue 10): `publish` of the corpus, ms. */
  pack_publish_ms: number;
  /** Bytes a reader with the previous pack downloads for one added article (changed files + pack.json + pack.sig) / the pack's bytes. */
  pack_delta_ratio: number;
  /** The same share for one changed article (its title edited), published after the added one. */
  pack_changed_ratio: number;
  /** The same share for one removed article, published after the changed one. */
  pack_removed_ratio: number;
  /** From a finished download to the new index answering a lookup (Node, in-memory pack store), ms. */
  pack_switch_ms: number;
  /** `publish` of a corpus of this size whose related stories are each listed by ~150 articles (issue 20), ms. */
  publish_ms: number;
  /**
   * Catalogues (issue 22), N = 1, 5, 20 catalogues of this size (measure-catalogues.ts; null above 10,000 articles):
   * the badge's warm lookup across them (p50, p99 µs) and the popup's first answer without the background's (ms).
   */
  [catalogueKey: `catalogues_${number}_${'badge_p50_us' | 'badge_p99_us' | 'lookup_p50_us' | 'lookup_p99_us' | 'popup_cold_ms'}`]: number | null;
}

/** Catalogues are measured up to this size (20 × 100,000 articles is not a case worth the machine's memory). */
const CATALOGUE_MAX_ARTICLES = 10_000;

const benchStart = performance.now();
function log(message: string): void {
  process.stderr.write(`[bench ${((performance.now() - benchStart) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
}

function parseArgs(argv: string[]): { sizes: number[]; json: boolean } | null {
  let sizes = DEFAULT_SIZES;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    // CI's run: 1,000 articles, to prove the benchmark still works (its figures are not asserted).
    else if (arg === '--quick') sizes = [1_000];
    else if (arg === '--sizes' || arg.startsWith('--sizes=')) {
      const value = arg === '--sizes' ? argv[++i] : arg.slice('--sizes='.length);
      sizes = (value ?? '').split(',').map((size) => Number(size.replace(/_/g, '')));
      if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 1)) return null;
    } else return null;
  }
  return { sizes, json };
}

async function benchSize(articles: number, root: string, projectDir: string): Promise<BenchResult> {
  log(`${articles} articles: generating the corpus`);
  const corpusDir = join(root, `corpus-${articles}`);
  const corpus = makeCorpus(corpusDir, articles);
  log(`  ${corpus.files} files, ${(corpus.sourceBytes / 1e6).toFixed(1)} MB`);

  log('  ingest: baseline and pipeline, interleaved');
  const ingest = await measureIngest(corpusDir, INGEST_RUNS, log);
  if (ingest.errors > 0) throw new Error(`the pipeline rejected ${ingest.errors} generated files`);

  log('  wxt build (Chrome) in the scratch project');
  const build = await buildExtension(projectDir, corpusDir);
  log(`  built in ${build.buildMs.toFixed(0)} ms; index ${(build.indexBytes / 1e6).toFixed(2)} MB, bundle ${(build.bundleBytes / 1e6).toFixed(2)} MB`);
  const indexDir = join(build.extensionDir, INDEX_DIR);

  // Articles to look up cold and to show in the popup: spread over the corpus, not duplicates.
  const random = new Random(articles);
  const candidates = corpus.articles.filter((article) => !article.duplicate);
  const coldUrls = Array.from({ length: SW_COLD_RUNS }, () => random.pick(candidates).webUrl);
  log(`  sw cold lookup: ${SW_COLD_RUNS} fresh Node processes`);
  const cold = await measureSwColdLookup(indexDir, coldUrls, SW_COLD_RUNS);
  log(
    `  cold runs (ms): ${cold.runs.map((ms) => ms.toFixed(2)).join(' ')} (Node's lazy web globals, loaded before the clock: ${cold.platformLoadMs.map((ms) => ms.toFixed(1)).join(' ')})`,
  );

  log(`  warm lookups: ${LOOKUPS} URLs, about half matching; ${LOOKUP_PASSES} timed passes`);
  const warm = await measureWarmLookups(indexDir, makeLookupMix(corpus, LOOKUPS), LOOKUP_PASSES);
  log(`  passes p50/p99 (µs): ${warm.passes.map((pass) => `${pass.p50Us.toFixed(1)}/${pass.p99Us.toFixed(1)}`).join(' ')}`);
  if (warm.missedMatches.length > 0) log(`  WARNING: ${warm.missedMatches.length} article variants did not match, e.g. ${warm.missedMatches.slice(0, 3).join(' ')}`);
  if (warm.falseMatches.length > 0) log(`  WARNING: ${warm.falseMatches.length} other URLs matched an article, e.g. ${warm.falseMatches.slice(0, 3).join(' ')}`);

  const shown = candidates.find((article, i) => i >= candidates.length / 2 && article.related >= 5) ?? candidates[0];
  const relatedStory = candidates.find((article, i) => i >= candidates.length / 3 && article.relatedElsewhere.length > 0)?.relatedElsewhere[0];
  if (!relatedStory) throw new Error('the corpus has no related story outside it');
  const stateUrls = { match: shown.webUrl, related: relatedStory, site: otherPageOf(random, shown.site), 'no-match': `https://nowhere-${articles}.example/a/story` };
  const heapUrls = distinctLookups(corpus, random.pick(candidates).webUrl);
  const queries = typedQueries(random, candidates);
  log(`  popup in 4 states, side panel, blank page: ${POPUP_RUNS} runs each in headless Chromium; search page; background heap after ${HEAP_LOOKUPS} lookups`);
  const pages = await measurePages(build.extensionDir, stateUrls, heapUrls, queries, POPUP_RUNS, root, log);
  log(`  background heap: ${(pages.swHeapStartBytes / 1e6).toFixed(2)} MB at start, ${(pages.swHeapBytes / 1e6).toFixed(2)} MB after ${heapUrls.length} lookups`);

  log(`  link marks: wxt build --mode e2e, then ${LINKS} links (${ARTICLE_LINKS} to articles), ${MARKS_RUNS} runs + 1 cold in headless Chromium`);
  const e2eBuild = await buildExtension(projectDir, corpusDir, 'e2e');
  const marks = await measureMarks(e2eBuild.extensionDir, indexDir, corpus, MARKS_RUNS, root, log);
  if (marks.requestsRefused > 0) log(`  WARNING: ${marks.requestsRefused} requests other than the page itself were made (and refused) during the marks runs`);

  rmSync(corpusDir, { recursive: true, force: true });

  log('  content pack: publish, publish again with one more article, switch');
  const pack = await measurePack(root, articles, log);
  const kinds = Object.entries(pack.deltaByKind)
    .map(([kind, bytes]) => `${kind} ${(bytes / 1e3).toFixed(1)} kB`)
    .join(', ');
  log(
    `  pack ${(pack.packBytes / 1e6).toFixed(2)} MB; one added article: ${pack.deltaFiles} files + manifest = ${(pack.deltaBytes / 1e3).toFixed(1)} kB (${kinds}); switch ${pack.switchMs.toFixed(1)} ms; one article changed: ${(pack.changedRatio * 100).toFixed(2)} %, one removed: ${(pack.removedRatio * 100).toFixed(2)} %`,
  );
  rmSync(join(root, `pack-corpus-${articles}`), { recursive: true, force: true });
  // Catalogues of this size (the issue's figures are for 10,000 articles each; 20 catalogues of 100,000 are not run).
  let catalogues: Awaited<ReturnType<typeof measureCatalogues>> | null = null;
  if (articles <= CATALOGUE_MAX_ARTICLES) {
    log(`  catalogues: ${CATALOGUE_COUNTS.join(', ')} catalogues of this pack, badge and popup lookups in Node`);
    catalogues = await measureCatalogues(join(root, 'pack-out'), log);
  }
  rmSync(join(root, 'pack-out'), { recursive: true, force: true });
  const sharedPublishMs = await measureSharedPublish(root, articles, log);
  log(`  published in ${sharedPublishMs.toFixed(0)} ms`);
  const byCount = (count: number) => catalogues?.find((result) => result.catalogues === count) ?? null;
  return {
    articles,
    source_bytes: corpus.sourceBytes,
    ingest_ms: round(ingest.ingestMs, 0),
    ingest_baseline_ms: round(ingest.baselineMs, 0),
    index_bytes: build.indexBytes,
    bundle_bytes: build.bundleBytes,
    build_ms: round(build.buildMs, 0),
    sw_cold_lookup_ms: round(cold.ms, 2),
    lookup_p50_us: round(warm.p50Us, 1),
    lookup_p99_us: round(warm.p99Us, 1),
    popup_ms: round(pages.popupMs.match, 1),
    blank_page_ms: round(pages.blankMs, 1),
    popup_related_ms: round(pages.popupMs.related, 1),
    popup_site_ms: round(pages.popupMs.site, 1),
    popup_none_ms: round(pages.popupMs['no-match'], 1),
    sidepanel_ms: round(pages.sidepanelMs, 1),
    search_ready_ms: round(pages.searchReadyMs, 1),
    search_query_p50_ms: round(pages.searchQueryP50Ms, 2),
    search_query_p95_ms: round(pages.searchQueryP95Ms, 2),
    sw_heap_bytes: pages.swHeapBytes,
    search_heap_bytes: pages.searchHeapBytes,
    marks_all_drawn_ms: round(marks.allDrawnMs, 1),
    marks_longest_task_ms: round(marks.longestTaskMs, 1),
    marks_bg_us_per_href: round(marks.bgUsPerHref, 2),
    marks_added_drawn_ms: round(marks.addedDrawnMs, 1),
    marks_cold_all_drawn_ms: round(marks.coldAllDrawnMs, 1),
    marks_cold_longest_task_ms: round(marks.coldLongestTaskMs, 1),
    marks_bg_cold_us_per_href: round(marks.bgColdUsPerHref, 2),
    pack_publish_ms: round(pack.publishMs, 0),
    pack_delta_ratio: round(pack.deltaBytes / pack.packBytes, 5),
    pack_changed_ratio: round(pack.changedRatio, 5),
    pack_removed_ratio: round(pack.removedRatio, 5),
    pack_switch_ms: round(pack.switchMs, 1),
    publish_ms: round(sharedPublishMs, 0),
    ...Object.fromEntries(
      CATALOGUE_COUNTS.flatMap((count) => [
        [`catalogues_${count}_badge_p50_us`, byCount(count) ? round(byCount(count)!.badgeP50Us, 1) : null],
        [`catalogues_${count}_badge_p99_us`, byCount(count) ? round(byCount(count)!.badgeP99Us, 1) : null],
        [`catalogues_${count}_lookup_p50_us`, byCount(count) ? round(byCount(count)!.lookupP50Us, 1) : null],
        [`catalogues_${count}_lookup_p99_us`, byCount(count) ? round(byCount(count)!.lookupP99Us, 1) : null],
        [`catalogues_${count}_popup_cold_ms`, byCount(count) ? round(byCount(count)!.popupColdMs, 2) : null],
      ]),
    ),
  };
}

/** HEAP_LOOKUPS distinct addresses from the lookup mix, ending with an article's exact address. */
function distinctLookups(corpus: Corpus, lastArticleUrl: string): string[] {
  const urls = new Set<string>();
  for (const { url } of makeLookupMix(corpus, HEAP_LOOKUPS * 2, 77)) {
    if (urls.size === HEAP_LOOKUPS - 1) break;
    if (url !== lastArticleUrl) urls.add(url);
  }
  return [...urls, lastArticleUrl];
}

/** What a reader types into the search box, one string per keystroke: the first two words of SEARCH_TITLES titles. */
function typedQueries(random: Random, articles: readonly CorpusArticle[]): string[] {
  const queries: string[] = [];
  for (let i = 0; i < SEARCH_TITLES; i++) {
    const words = random.pick(articles).title.split(/\s+/).slice(0, 2).join(' ');
    for (let end = 1; end <= words.length; end++) queries.push(words.slice(0, end));
  }
  return queries;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

// ---- Report ----

function formatTable(results: BenchResult[]): string {
  const columns: [string, (r: BenchResult) => string][] = [
    ['articles', (r) => r.articles.toLocaleString('en-US')],
    ['source MB', (r) => (r.source_bytes / 1e6).toFixed(1)],
    ['ingest ms', (r) => r.ingest_ms.toFixed(0)],
    ['baseline ms', (r) => r.ingest_baseline_ms.toFixed(0)],
    ['index MB', (r) => (r.index_bytes / 1e6).toFixed(2)],
    ['bundle MB', (r) => (r.bundle_bytes / 1e6).toFixed(2)],
    ['build ms', (r) => r.build_ms.toFixed(0)],
    ['sw cold ms', (r) => r.sw_cold_lookup_ms.toFixed(2)],
    ['p50 µs', (r) => r.lookup_p50_us.toFixed(1)],
    ['p99 µs', (r) => r.lookup_p99_us.toFixed(1)],
    ['blank ms', (r) => r.blank_page_ms.toFixed(1)],
    ['popup ms', (r) => r.popup_ms.toFixed(1)],
    ['related ms', (r) => r.popup_related_ms.toFixed(1)],
    ['site ms', (r) => r.popup_site_ms.toFixed(1)],
    ['none ms', (r) => r.popup_none_ms.toFixed(1)],
    ['panel ms', (r) => r.sidepanel_ms.toFixed(1)],
    ['search ready ms', (r) => r.search_ready_ms.toFixed(1)],
    ['query p50/p95 ms', (r) => `${r.search_query_p50_ms.toFixed(1)}/${r.search_query_p95_ms.toFixed(1)}`],
    ['sw heap MB', (r) => (r.sw_heap_bytes / 1e6).toFixed(2)],
    ['search heap MB', (r) => (r.search_heap_bytes / 1e6).toFixed(1)],
    ['marks ms', (r) => r.marks_all_drawn_ms.toFixed(1)],
    ['marks task ms', (r) => r.marks_longest_task_ms.toFixed(1)],
    ['marks bg µs/href', (r) => r.marks_bg_us_per_href.toFixed(2)],
    ['+500 ms', (r) => r.marks_added_drawn_ms.toFixed(1)],
    ['pack publish ms', (r) => r.pack_publish_ms.toFixed(0)],
    ['pack add/change/remove %', (r) => [r.pack_delta_ratio, r.pack_changed_ratio, r.pack_removed_ratio].map((ratio) => (ratio * 100).toFixed(2)).join('/')],
    ['pack switch ms', (r) => r.pack_switch_ms.toFixed(1)],
    ['shared publish ms', (r) => r.publish_ms.toFixed(0)],
    ...CATALOGUE_COUNTS.map((count): [string, (r: BenchResult) => string] => [
      `${count} cat. badge p50/p99 µs, popup ms`,
      (r) => {
        const [p50, p99, popup] = [r[`catalogues_${count}_badge_p50_us`], r[`catalogues_${count}_badge_p99_us`], r[`catalogues_${count}_popup_cold_ms`]];
        return p50 === null ? '–' : `${p50.toFixed(1)}/${p99!.toFixed(1)}, ${popup!.toFixed(1)}`;
      },
    ]),
  ];
  const rows = [columns.map(([title]) => title), ...results.map((result) => columns.map(([, cell]) => cell(result)))];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padStart(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((width) => '-'.repeat(width + 1) + ':').join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

const TABLE_NOTES = [
  'ingest: median of 3 interleaved runs; baseline = the same files read and YAML-parsed (gray-matter) only.',
  "sw cold: median of 5 fresh Node processes, first index read to match + getArticle; Node's lazily loaded web",
  '  globals (Blob, DecompressionStream, Response: ~13 ms) are loaded before the clock, like module imports.',
  'p50/p99: 20,000 warm `await index.match(url)`, half matching (median of 5 timed passes).',
  'popup (article, related, site, none), panel, blank: medians of 15 runs in headless Chromium (first run discarded),',
  '  navigation start to rendered; blank = an empty extension page with one module script (the floor).',
  'search: ready = navigation start to the first render that can answer (median of 5 loads); query = one keystroke',
  '  (the first two words of 40 titles, typed) to its results rendered and laid out.',
  'heap: after a garbage collection; sw = the service worker after 1,000 distinct lookups by the badge updater.',
  'marks: 2,000 links (200 to articles), medians of 7 warm runs in headless Chromium (cold first run in the JSON);',
  '  task = longest main-thread task after the content script started; bg = lookUpMarks per href, warm, in Node.',
  'pack: publish = `publish` of the corpus (one run); add/change/remove = bytes fetched for one added, then one',
  '  changed, then one removed article / pack bytes (the add is pack_delta_ratio in the JSON);',
  '  switch = finished download to the first lookup of the new article (Node, in-memory store; one run).',
  `shared publish: \`publish\` of a corpus whose related stories are each listed by ~${LISTINGS_PER_STORY} articles (publish_ms; one run).`,
  'N cat.: N catalogues, each this pack (every page in all N), in Node: badge = warm describe of 2,000 URLs (half',
  '  articles), median of 3 passes (lookup alone, without the shard read, in the JSON); popup = opening the N',
  '  catalogues and the first answer (no cached answer; median of 5).',
].join('\n');

function formatTargets(results: BenchResult[]): string {
  const largest = results.reduce((a, b) => (b.articles > a.articles ? b : a));
  const reference = results.find((r) => r.articles === 1_000) ?? results.reduce((a, b) => (b.articles < a.articles ? b : a));
  const n = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const ratio = (value: number, floor: number) => `${n(value, 1)} ms vs ${n(1.2 * floor, 1)} ms (ratio ${(value / floor).toFixed(2)})`;
  const pageTargets: [string, number][] = [
    ['popup_ms', largest.popup_ms],
    ['popup_related_ms', largest.popup_related_ms],
    ['popup_site_ms', largest.popup_site_ms],
    ['popup_none_ms', largest.popup_none_ms],
    ['sidepanel_ms', largest.sidepanel_ms],
  ];
  const targets: [string, boolean, string][] = [
    [
      'ingest_ms ≤ 1.0 × ingest_baseline_ms',
      largest.ingest_ms <= largest.ingest_baseline_ms,
      `${n(largest.ingest_ms)} ms vs ${n(largest.ingest_baseline_ms)} ms (ratio ${(largest.ingest_ms / largest.ingest_baseline_ms).toFixed(2)})`,
    ],
    [
      'index_bytes ≤ 0.25 × source_bytes',
      largest.index_bytes <= 0.25 * largest.source_bytes,
      `${n(largest.index_bytes)} B vs ${n(0.25 * largest.source_bytes)} B (ratio ${(largest.index_bytes / largest.source_bytes).toFixed(3)})`,
    ],
    ['lookup_p99_us ≤ 50', largest.lookup_p99_us <= 50, `${n(largest.lookup_p99_us, 1)} µs`],
    [
      `lookup_p99_us ≤ 1.5 × the ${n(reference.articles)}-article p99`,
      largest.lookup_p99_us <= 1.5 * reference.lookup_p99_us,
      `${n(largest.lookup_p99_us, 1)} µs vs ${n(1.5 * reference.lookup_p99_us, 1)} µs (${n(reference.articles)} articles: ${n(reference.lookup_p99_us, 1)} µs)`,
    ],
    ['sw_cold_lookup_ms ≤ 25', largest.sw_cold_lookup_ms <= 25, `${n(largest.sw_cold_lookup_ms, 2)} ms`],
    ...pageTargets.map(([name, value]): [string, boolean, string] => [
      `${name} ≤ 1.2 × blank_page_ms`,
      value <= 1.2 * largest.blank_page_ms,
      ratio(value, largest.blank_page_ms),
    ]),
    ['build_ms ≤ 60,000', largest.build_ms <= 60_000, `${n(largest.build_ms)} ms`],
    ['search_ready_ms ≤ 300', largest.search_ready_ms <= 300, `${n(largest.search_ready_ms, 1)} ms`],
    ['search_query_p95_ms ≤ 30', largest.search_query_p95_ms <= 30, `${n(largest.search_query_p95_ms, 1)} ms (p50 ${n(largest.search_query_p50_ms, 1)} ms)`],
    [
      'marks_all_drawn_ms ≤ 100',
      largest.marks_all_drawn_ms <= 100,
      `${n(largest.marks_all_drawn_ms, 1)} ms (cold background: ${n(largest.marks_cold_all_drawn_ms, 1)} ms)`,
    ],
    [
      'marks_longest_task_ms ≤ 50',
      largest.marks_longest_task_ms <= 50,
      `${n(largest.marks_longest_task_ms, 1)} ms (cold background: ${n(largest.marks_cold_longest_task_ms, 1)} ms)`,
    ],
    [
      'marks_bg_us_per_href ≤ 10',
      largest.marks_bg_us_per_href <= 10,
      `${n(largest.marks_bg_us_per_href, 2)} µs (first pass: ${n(largest.marks_bg_cold_us_per_href, 2)} µs)`,
    ],
    ['pack_delta_ratio ≤ 1 %', largest.pack_delta_ratio <= 0.01, `${(largest.pack_delta_ratio * 100).toFixed(2)} %`],
    [
      'one changed, one removed ≤ 1 %',
      Math.max(largest.pack_changed_ratio, largest.pack_removed_ratio) <= 0.01,
      `${(largest.pack_changed_ratio * 100).toFixed(2)} %, ${(largest.pack_removed_ratio * 100).toFixed(2)} %`,
    ],
  ];
  const width = Math.max(...targets.map(([name]) => name.length));
  return [
    `Targets at ${n(largest.articles)} articles:`,
    ...targets.map(([name, met, detail]) => `  ${met ? 'met   ' : 'MISSED'}  ${name.padEnd(width)}  ${detail}`),
  ].join('\n');
}

// ---- Main ----

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const root = mkdtempSync(join(tmpdir(), 'backstory-bench-'));
  const cleanUp = () => rmSync(root, { recursive: true, force: true });
  const onSignal = () => {
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const projectDir = join(root, 'project');
    log(`scratch folder ${root}; copying the project`);
    makeScratchProject(PROJECT_ROOT, projectDir);
    const results: BenchResult[] = [];
    for (const size of args.sizes) results.push(await benchSize(size, root, projectDir));
    log(`done in ${((performance.now() - benchStart) / 1000).toFixed(0)} s`);
    if (args.json) process.stdout.write(`${JSON.stringify({ results })}\n`);
    else process.stdout.write(`${formatTable(results)}\n${TABLE_NOTES}\n\n${formatTargets(results)}\n`);
    return 0;
  } finally {
    cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
