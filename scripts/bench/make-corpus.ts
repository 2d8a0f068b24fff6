/**
 * Synthetic article corpora for the benchmark: deterministic (seeded), with the shapes and sizes of the real
 * sample in content/everyday-ai (see its SOURCE.md). What is drawn from the real corpus:
 * - two layouts: `_news` (quoted URLs, originalUrl, `isCached`) 79 %, `_archive` (bare URLs, no originalUrl,
 *   image `title:`, some site-relative provider logos) 21 %;
 * - title and excerpt lengths from the real quartiles, plus a tail of long excerpts (up to ~1,000 characters);
 * - `related` on 49 % of the files, list lengths 1–14 with the real counts; 9 % of related items point at
 *   another article of the corpus; one list in a few hundred contains the article itself (`?src=rss`);
 * - quality on 80 % (median ~75, 12.5 % above 100, up to ~190), heat with `-1` for half the unpublished;
 * - AMP on 65 % of the articles, per site, of the real kinds: `/amp/` segment (front or end), `?amp`-style
 *   parameters (`?amp`, `?amp=1`, `?outputType=amp`, `?_amp=true`), `amp.` host, `.amp`, `/google-amp/`, AMP
 *   URL equal to webUrl; always with the `cdn.ampproject.org` form;
 * - several hundred providers (Zipf-like popularity), each with its own URL path shape;
 * - the real topic set and frequencies; `secured` blobs of the real sizes (325–581 characters); lead images
 *   on 92 %, provider logos on 48 %; curly quotes, dashes, escaped `\"`; a few same-webUrl duplicates.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from './random';

export interface Site {
  /** Provider domain, e.g. `dailytechwire.com`. */
  domain: string;
  /** Host the site's articles live on, e.g. `www.dailytechwire.com`. */
  host: string;
  name: string;
  pathStyle: PathStyle;
  ampStyle: AmpStyle;
  /** For `ampStyle === 'query'`: the parameter the site adds, e.g. `amp=1`. */
  ampQuery: string;
  sections: string[];
}

/** One generated article file, with what the lookup mix and the popup need. */
export interface CorpusArticle {
  file: string;
  site: Site;
  webUrl: string;
  ampWebUrl?: string;
  cdnAmpWebUrl?: string;
  related: number;
  /** The article's title (a duplicate's is its own, unrelated, text): the search benchmark types its words. */
  title: string;
  /** Related items of this file that are no article of the corpus: each a `related` answer in the extension. */
  relatedElsewhere: string[];
  /** True for a file that repeats an earlier file's webUrl (the pipeline keeps one of the two). */
  duplicate: boolean;
}

export interface Corpus {
  dir: string;
  files: number;
  sourceBytes: number;
  articles: CorpusArticle[];
  sites: Site[];
}

const SEED = 0x5eed_2024;
/** Provider sites articles come from; related items come from these and a further pool. */
const MAIN_SITES = 400;
const RELATED_ONLY_SITES = 600;

// ---- Distributions measured on content/everyday-ai (SOURCE.md and the files themselves) ----

/** Quartiles [min, q1, median, q3, max] of the real corpus. */
const TITLE_LENGTH = [17, 55, 65, 79, 131];
const EXCERPT_LENGTH = [111, 163, 200, 250, 383];
const RELATED_TITLE_LENGTH = [25, 56, 67, 82, 150];
const LONG_EXCERPT_LENGTH = [400, 550, 700, 850, 990];
const IMAGE_URL_LENGTH = [39, 82, 103, 150, 309];
/** Related list lengths 1..14: 1×33, 2×17, 3×7, 4×7, 5×6, 6×6, 7×2, 8×1, 9×4, 10×2, 12×1, 13×2, 14×1 (89 lists). */
const RELATED_COUNT_WEIGHTS = [33, 17, 7, 7, 6, 6, 2, 1, 4, 2, 0, 1, 2, 1];
/** Topic frequencies (every file also has `AI`). */
// prettier-ignore
const TOPICS: [string, number][] = [
  ['AI Ethics', 28], ['AI in Healthcare', 24], ['Computer Vision', 23], ['AI in Autos', 19], ['AI Hardware', 18],
  ['Machine Learning', 16], ['AI in Robotics', 16], ['Natural Language Processing', 13], ['Microsoft AI', 13],
  ['AI in Finance', 13], ['Google AI', 12], ['Facebook AI', 10], ['AWS AI', 7], ['AI in Education', 1], ['IBM AI', 1],
];
/** Extra topics besides `AI`: none on 9/180 files, one on 133, two or more on 38. */
// prettier-ignore
const EXTRA_TOPIC_COUNT: [number, number][] = [[0, 9], [1, 133], [2, 34], [3, 4]];

// prettier-ignore
type PathStyle =
  | 'date-slug' | 'section-slug' | 'section-slug-id' | 'section-sub-slug-id-html' | 'article-id-slug' | 'press-release'
  | 'sites-author-date' | 'content-uuid' | 'section-year-month-html' | 'story-date-id' | 'slug-id' | 'releases-htm'
  | 'article-id-caps' | 'news-year-month-slug' | 'section-slug-numeric' | 'wordpress-query';

// prettier-ignore
const PATH_STYLES: [PathStyle, number][] = [
  ['date-slug', 16], ['section-slug', 12], ['section-slug-id', 12], ['section-sub-slug-id-html', 8], ['article-id-slug', 6],
  ['press-release', 4], ['sites-author-date', 4], ['content-uuid', 3], ['section-year-month-html', 8], ['story-date-id', 5],
  ['slug-id', 7], ['releases-htm', 2], ['article-id-caps', 3], ['news-year-month-slug', 4], ['section-slug-numeric', 5],
  ['wordpress-query', 1],
];

type AmpStyle = 'none' | 'segment-front' | 'segment-end' | 'query' | 'host' | 'dot-amp' | 'google-amp' | 'same';

/** Of the 180 real files 118 have AMP: /amp/ segment 87, query 12, .amp 5, google-amp 4, amp. host 3, same 3. */
// prettier-ignore
const AMP_STYLES: [AmpStyle, number][] = [
  ['none', 62], ['segment-front', 60], ['segment-end', 27], ['query', 12], ['dot-amp', 5], ['google-amp', 4], ['host', 3], ['same', 3],
];
const AMP_QUERIES = ['amp', 'amp=1', 'amp=true', 'outputType=amp', '_amp=true'];

// prettier-ignore
const SECTIONS = [
  'news', 'technology', 'tech', 'business', 'science', 'health', 'world', 'innovation', 'ai', 'cloud', 'enterprise',
  'markets', 'autos', 'sci-tech', 'tech-news', 'industry', 'research', 'security', 'data', 'robotics', 'uk', 'us',
];
const SUBSECTIONS = ['tech-news', 'artificial-intelligence', 'gadgets', 'startups', 'policy', 'healthcare', 'fintech', 'mobility'];
// prettier-ignore
const DOMAIN_HEADS = [
  'daily', 'tech', 'the', 'global', 'metro', 'city', 'future', 'digital', 'smart', 'data', 'cyber', 'health', 'biz',
  'market', 'silicon', 'robot', 'neural', 'cloud', 'mobile', 'auto', 'science', 'venture', 'next', 'info', 'gulf',
  'asia', 'euro', 'india', 'pacific', 'north', 'capital', 'wired', 'pixel', 'quantum', 'open', 'green', 'bright',
];
// prettier-ignore
const DOMAIN_TAILS = [
  'times', 'post', 'herald', 'wire', 'insider', 'review', 'journal', 'radar', 'crunch', 'beat', 'register', 'chronicle',
  'tribune', 'gazette', 'observer', 'report', 'today', 'week', 'hub', 'news', 'pulse', 'ledger', 'monitor', 'standard',
  'digest', 'dispatch', 'express', 'mail', 'bulletin', 'planet', 'world', 'zone', 'lab', 'now', 'daily', 'sentinel',
];
// prettier-ignore
const TLDS: [string, number][] = [
  ['com', 70], ['co.uk', 5], ['in', 4], ['net', 4], ['org', 4], ['com.au', 3], ['ca', 2], ['ie', 2], ['io', 2], ['de', 1],
  ['co', 1], ['news', 1], ['tech', 1],
];
/** Provider names that do not follow their domain, as in the real data. */
const ODD_NAMES = ['News', 'tech', 'Deep', 'Android', 'YAHOO!Finance', 'Techno-Science.net', 'Новости Украины', '아크로팬', 'Mozilla'];

// prettier-ignore
const SUBJECTS = [
  'Google', 'Microsoft', 'Facebook', 'Meta', 'Amazon', 'AWS', 'Intel', 'Nvidia', 'Baidu', 'Samsung', 'IBM', 'OpenAI',
  'DeepMind', 'Tesla', 'Waymo', 'Qualcomm', 'Apple', 'SenseTime', 'Alibaba', 'Tencent', 'Huawei', 'Synopsys', 'Toyota',
  'Researchers', 'Scientists', 'A startup', 'The EU', 'Regulators', 'Police', 'Hospitals', 'Banks', 'Universities',
  'Lawmakers', 'A new study', 'MIT researchers', 'The NHS', 'Start-up', 'Analysts',
];
const WORDS = (
  'artificial intelligence machine learning deep neural network model data chips chip design faster than humans ' +
  'facial recognition face bias study cancer detection diagnosis patients drug discovery self-driving cars autonomous ' +
  'vehicles robots robotic surgery language translation chatbot speech voice assistant cloud platform launches ' +
  'unveils announces acquires raises funding million billion startup investment market report forecast growth ' +
  'privacy ethics guidelines regulation lawmakers ban surveillance camera police city fraud bank finance trading ' +
  'healthcare hospital doctors education students jobs workforce training new next-generation edge computing ' +
  'accelerator processor GPU supercomputer quantum research paper benchmark open-source tool software developers ' +
  'enterprise customers analytics prediction weather climate energy farming agriculture retail shoppers warehouse ' +
  'delivery drones satellite images video games deepfakes misinformation accounts network removes fake profiles ' +
  'algorithm accuracy transparency explainable trust safety risk security threat detection cyberattack partnership ' +
  'merger expands europe asia india china global first largest record years months days week'
).split(' ');
const FLOURISHES = ['’s', ' —', ':', ',', ' “smart”', ' \\"AI\\"', ' €2bn', ' £50m', ' ®', ' (report)', '…'];

const SLUG_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HEX = '0123456789abcdef';
const IMAGE_HOSTS = ['cdn', 'images', 'img', 'media', 'static', 'assets', 'i', 'photos'];

/** Related items a file lists, on average (49 % of files have a list; the real list lengths average 3.6). */
const RELATED_PER_FILE = 1.77;

/**
 * Builds a corpus of `count` article files in `dir` (created). Deterministic for a given count. With
 * `listingsPerStory`, related items are drawn from a pool of count × RELATED_PER_FILE / listingsPerStory stories, so
 * that each related story is listed by about that many articles (publish_ms: issue 20).
 */
export function makeCorpus(dir: string, count: number, seed = SEED, listingsPerStory?: number): Corpus {
  const random = new Random(seed);
  mkdirSync(dir, { recursive: true });
  const sites = makeSites(random, MAIN_SITES + RELATED_ONLY_SITES);
  const mainSites = sites.slice(0, MAIN_SITES);
  // Zipf-like popularity: a few providers write much of the corpus (Forbes has 22 of 180 real files).
  const mainWeights = mainSites.map((_, rank) => 1 / (rank + 1) ** 0.9);
  const usedPaths = new Set<string>();
  const usedFiles = new Set<string>();
  const articles: CorpusArticle[] = [];
  let sourceBytes = 0;
  const pool = listingsPerStory
    ? Array.from({ length: Math.max(1, Math.round((count * RELATED_PER_FILE) / listingsPerStory)) }, () =>
        relatedItem(random, sites, [], usedPaths, randomDate(random), false),
      )
    : null;

  for (let i = 0; i < count; i++) {
    const earlier = articles.length > 0 && random.chance(0.005) ? random.pick(articles) : null;
    const site = earlier ? earlier.site : mainSites[random.weighted(mainWeights)];
    const generated = makeArticle(random, site, sites, articles, usedPaths, earlier, pool);
    let file = generated.fileName;
    for (let n = 2; usedFiles.has(file); n++) file = generated.fileName.replace(/\.md$/, `-${n}.md`);
    usedFiles.add(file);
    const bytes = Buffer.from(generated.text, 'utf8');
    writeFileSync(join(dir, file), bytes);
    sourceBytes += bytes.length;
    articles.push({ ...generated.article, file, duplicate: earlier !== null });
  }
  return { dir, files: count, sourceBytes, articles, sites };
}

/** Another page of `site` that is no article of the corpus (same URL shape, a slug no title produced). */
export function otherPageOf(random: Random, site: Site): string {
  const slug = `${random.pick(['about', 'contact', 'topics', 'tag', 'author', 'video', 'live', 'opinion'])}-${slugOf(words(random, 40))}-x${random.chars(SLUG_CHARS, 5)}`;
  return `https://${site.host}${pathOf(random, site, slug, new Date(Date.UTC(2022, 5, 1)))}`;
}

// ---- Sites ----

function makeSites(random: Random, count: number): Site[] {
  const domains = new Set<string>();
  const sites: Site[] = [];
  while (sites.length < count) {
    const head = random.pick(DOMAIN_HEADS);
    const tail = random.pick(DOMAIN_TAILS);
    const label = random.chance(0.1) ? `${head}${tail}${random.int(1, 99)}` : random.chance(0.15) ? `${head}-${tail}` : `${head}${tail}`;
    const domain = `${label}.${random.choose(TLDS)}`;
    if (domains.has(domain)) continue;
    domains.add(domain);
    const hostKind = random.choose([
      ['www', 65],
      ['bare', 25],
      ['sub', 10],
    ] as const);
    const host = hostKind === 'www' ? `www.${domain}` : hostKind === 'bare' ? domain : `${random.pick(['news', 'tech', 'telecom', 'markets', 'health'])}.${domain}`;
    const name = random.chance(0.04)
      ? random.pick(ODD_NAMES)
      : random.chance(0.05)
        ? domain
        : `${random.chance(0.3) ? 'The ' : ''}${capitalize(head)} ${capitalize(tail)}`;
    let ampStyle = random.choose(AMP_STYLES);
    if (ampStyle === 'host' && hostKind === 'sub') ampStyle = 'segment-front';
    sites.push({
      domain,
      host,
      name,
      pathStyle: random.choose(PATH_STYLES),
      ampStyle,
      ampQuery: random.pick(AMP_QUERIES),
      sections: [random.pick(SECTIONS), random.pick(SECTIONS), random.pick(SECTIONS)],
    });
  }
  return sites;
}

/** The path (and query, for `?p=` sites) of an article of `site` with this slug and date. */
function pathOf(random: Random, site: Site, slug: string, date: Date): string {
  const y = date.getUTCFullYear();
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  const section = random.pick(site.sections);
  const short = slug.split('-').slice(0, random.int(4, 8)).join('-');
  // prettier-ignore
  switch (site.pathStyle) {
    case 'date-slug': return `/${y}/${m}/${d}/${slug}/`;
    case 'section-slug': return `/${section}/${slug}`;
    case 'section-slug-id': return `/${section}/${slug}-${random.digits(6)}`;
    case 'section-sub-slug-id-html': return `/${section}/${random.pick(SUBSECTIONS)}/${slug}-${random.digits(11)}.html`;
    case 'article-id-slug': return `/${section}/article/${random.digits(7)}/${short}`;
    case 'press-release': return `/news-releases/${slug}-${random.digits(9)}.html`;
    case 'sites-author-date': return `/sites/${random.chars('abcdefghijklmnopqrstuvwxyz', random.int(6, 12))}/${y}/${m}/${d}/${slug}/`;
    case 'content-uuid': return `/content/${random.chars(HEX, 8)}-${random.chars(HEX, 4)}-${random.chars(HEX, 4)}-${random.chars(HEX, 4)}-${random.chars(HEX, 12)}`;
    case 'section-year-month-html': return `/${section}/${y}/${m}/${slug}.html`;
    case 'story-date-id': return `/story/${section}/${y}/${m}/${d}/${short}/${random.digits(10)}/`;
    case 'slug-id': return `/${slug}-${random.digits(6)}/`;
    case 'releases-htm': return `/releases/${y}/${m}/${String(y).slice(2)}${m}${d}${random.digits(6)}.htm`;
    case 'article-id-caps': return `/${section}/article-${random.digits(7)}/${slug.split('-').map(capitalize).join('-')}.html`;
    case 'news-year-month-slug': return `/news/${y}-${m}-${short}.html`;
    case 'section-slug-numeric': return `/${section}/${slug}/${random.digits(8)}`;
    case 'wordpress-query': return `/?p=${random.digits(6)}`;
  }
}

/** The AMP address of `webUrl` on `site`, or undefined when the site has none. */
function ampUrlOf(site: Site, webUrl: string): string | undefined {
  const url = new URL(webUrl);
  // prettier-ignore
  switch (site.ampStyle) {
    case 'none': return undefined;
    case 'same': return webUrl;
    case 'segment-front': url.pathname = `/amp${url.pathname}`; break;
    case 'google-amp': url.pathname = `/google-amp${url.pathname}`; break;
    case 'segment-end': url.pathname = `${url.pathname.replace(/\/$/, '')}/amp/`; break;
    case 'dot-amp': url.pathname = /\.html?$/.test(url.pathname) ? url.pathname.replace(/\.html?$/, '.amp.html') : `${url.pathname.replace(/\/$/, '')}.amp`; break;
    case 'host': url.hostname = `amp.${site.domain}`; break;
    case 'query': return `${webUrl}${url.search ? '&' : '?'}${site.ampQuery}`;
  }
  return url.href;
}

/** Google's AMP cache form: `https://www-cnbc-com.cdn.ampproject.org/c/s/www.cnbc.com/amp/...`. */
function cdnAmpUrlOf(ampUrl: string): string {
  const url = new URL(ampUrl);
  const cacheHost = url.hostname.replace(/-/g, '--').replace(/\./g, '-');
  return `https://${cacheHost}.cdn.ampproject.org/c/s/${url.host}${url.pathname}${url.search}`;
}

// ---- Articles ----

interface GeneratedArticle {
  fileName: string;
  text: string;
  article: Omit<CorpusArticle, 'file' | 'duplicate'>;
}

function makeArticle(
  random: Random,
  site: Site,
  sites: Site[],
  earlier: CorpusArticle[],
  usedPaths: Set<string>,
  duplicateOf: CorpusArticle | null,
  pool: RelatedItem[] | null,
): GeneratedArticle {
  const archive = random.chance(38 / 180);
  const date = randomDate(random);
  const title = duplicateOf ? null : titleText(random, random.fromQuantiles(TITLE_LENGTH));
  let webUrl: string;
  let slug: string;
  if (duplicateOf) {
    // Same article saved twice (the real AutoML pair): same webUrl, a later date, its own file.
    webUrl = duplicateOf.webUrl;
    slug = duplicateOf.file.replace(/^\d{4}-\d\d-\d\d-/, '').replace(/(-\d+)?\.md$/, '');
  } else {
    slug = slugOf(title!);
    webUrl = uniqueUrl(random, site, slug, date, usedPaths);
  }
  const ampWebUrl = ampUrlOf(site, webUrl);
  const cdnAmpWebUrl = ampWebUrl && cdnAmpUrlOf(ampWebUrl);
  const url = (value: string) => (archive ? value : quote(value));
  const fileDate = random.chance(44 / 180) ? new Date(date.getTime() + 86_400_000) : date;

  const lines = ['---', 'category: news'];
  const titleLine = title ?? titleText(random, random.fromQuantiles(TITLE_LENGTH));
  lines.push(`title: ${quote(titleLine)}`);
  if (random.chance(0.97)) lines.push(`excerpt: ${quote(excerptText(random))}`);
  lines.push(`publishedDateTime: ${timestamp(random, date)}`);
  if (!archive) {
    // 4 of 142 `_news` files have an originalUrl other than their webUrl.
    const originalUrl = random.chance(0.03) ? uniqueUrl(random, random.pick(sites), slug, date, usedPaths) : webUrl;
    lines.push(`originalUrl: ${url(originalUrl)}`);
  }
  lines.push(`webUrl: ${url(webUrl)}`);
  if (ampWebUrl) lines.push(`ampWebUrl: ${url(ampWebUrl)}`, `cdnAmpWebUrl: ${url(cdnAmpWebUrl!)}`);
  lines.push('type: article');
  if (random.chance(144 / 180)) {
    const quality = randomQuality(random);
    const published = random.chance(95 / 144);
    const heat = !published && random.chance(25 / 49) ? -1 : random.chance(0.38) ? quality : Math.max(0, quality + random.int(-30, 60));
    lines.push(`quality: ${quality}`, `heat: ${heat}`, `published: ${published}`);
  }
  lines.push('', 'provider:', `  name: ${site.name}`, `  domain: ${site.domain}`);
  if (random.chance(86 / 180)) {
    const logo =
      archive && random.chance(0.2)
        ? `/assets/images/organizations/${site.domain}-50x50.jpg` // site-relative: dropped with a warning, as in the real data
        : `https://everyday-cc.github.io/ai/assets/images/organizations/${site.domain}-50x50.jpg`;
    lines.push('  images:', `    - url: ${url(logo)}`, '      width: 50', '      height: 50');
  }
  lines.push('', 'topics:', ...topicsOf(random).map((topic) => `  - ${topic}`));
  if (random.chance(165 / 180)) {
    lines.push('', 'images:', ...imageLines(random, '', archive, title ?? ''));
  }

  let relatedCount = 0;
  const relatedElsewhere: string[] = [];
  if (random.chance(89 / 180)) {
    relatedCount = 1 + random.weighted(RELATED_COUNT_WEIGHTS);
    lines.push('', 'related:');
    for (let r = 0; r < relatedCount; r++) {
      const item = pool ? random.pick(pool) : relatedItem(random, sites, earlier, usedPaths, date, archive);
      lines.push(...item.lines);
      if (item.elsewhere) relatedElsewhere.push(item.webUrl);
    }
    // One real list contains the article itself, under a tracking parameter.
    if (random.chance(0.01)) {
      lines.push(`  - title: ${quote(title ?? 'Same story')}`, `    webUrl: ${quote(`${webUrl}${webUrl.includes('?') ? '&' : '?'}src=rss`)}`, '    type: article');
      relatedCount++;
    }
  }
  lines.push('', `secured: "${securedBlob(random)}"`, '---', '', '');

  return {
    fileName: `${isoDate(fileDate)}-${slug.slice(0, 120).replace(/-+$/, '')}.md`,
    text: lines.join('\n'),
    article: { site, webUrl, ampWebUrl, cdnAmpWebUrl, related: relatedCount, title: titleLine, relatedElsewhere },
  };
}

/** One related item: its YAML lines, its webUrl, and whether it is no article of the corpus. */
interface RelatedItem {
  lines: string[];
  webUrl: string;
  elsewhere: boolean;
}

function relatedItem(random: Random, sites: Site[], earlier: CorpusArticle[], usedPaths: Set<string>, date: Date, archive: boolean): RelatedItem {
  const url = (value: string) => (archive ? value : quote(value));
  const sameCorpus = earlier.length > 0 && random.chance(27 / 312) ? random.pick(earlier) : null;
  const site = sameCorpus?.site ?? random.pick(sites);
  const title = titleText(random, random.fromQuantiles(RELATED_TITLE_LENGTH));
  const published = new Date(date.getTime() + random.int(-3 * 86_400, 3 * 86_400) * 1000);
  const webUrl = sameCorpus?.webUrl ?? uniqueUrl(random, site, slugOf(title), published, usedPaths);
  const lines = [`  - title: ${quote(title)}`];
  if (random.chance(0.95)) {
    // Real related excerpts sometimes carry double spaces.
    lines.push(`    excerpt: ${quote(excerptText(random).replace(/ (the|a) /, random.chance(0.1) ? '  $1 ' : ' $1 '))}`);
  }
  lines.push(`    publishedDateTime: ${timestamp(random, published)}`, `    webUrl: ${url(webUrl)}`);
  const ampWebUrl = sameCorpus ? sameCorpus.ampWebUrl : ampUrlOf(site, webUrl);
  if (ampWebUrl) lines.push(`    ampWebUrl: ${url(ampWebUrl)}`, `    cdnAmpWebUrl: ${url(cdnAmpUrlOf(ampWebUrl))}`);
  lines.push('    type: article', '    provider:', `      name: ${site.name}`, `      domain: ${site.domain}`);
  lines.push(`    quality: ${random.chance(0.03) ? 0 : Math.min(159, randomQuality(random))}`);
  if (random.chance(251 / 312)) lines.push('    images:', ...imageLines(random, '    ', archive, title));
  return { lines, webUrl, elsewhere: sameCorpus === null };
}

function imageLines(random: Random, indent: string, archive: boolean, title: string): string[] {
  const width = random.choose([
    [1200, 40],
    [800, 14],
    [1024, 10],
    [900, 8],
    [1600, 8],
    [1920, 6],
    [1280, 6],
    [640, 5],
    [480, 3],
  ] as const);
  const height = Math.round(
    width *
      random.choose([
        [0.5625, 5],
        [0.525, 3],
        [0.667, 2],
        [0.5, 1],
      ] as const),
  );
  const lines = [`${indent}  - url: ${archive ? imageUrl(random) : quote(imageUrl(random))}`, `${indent}    width: ${width}`, `${indent}    height: ${height}`];
  lines.push(archive && title ? `${indent}    title: ${quote(title)}` : `${indent}    isCached: true`);
  return lines;
}

function imageUrl(random: Random): string {
  const target = random.fromQuantiles(IMAGE_URL_LENGTH);
  const host = `${random.pick(IMAGE_HOSTS)}.${random.pick(DOMAIN_HEADS)}${random.pick(DOMAIN_TAILS)}.com`;
  let url = `https://${host}/${random.pick(['wp-content/uploads', 'images', 'media', 'thumb', 'sites/default/files'])}/${random.int(2013, 2023)}/${String(random.int(1, 12)).padStart(2, '0')}/`;
  const remaining = Math.max(6, target - url.length - 4);
  url += `${random.chars(SLUG_CHARS + '-_', remaining)}.jpg`;
  return random.chance(0.15) ? `${url}?w=${random.int(600, 2000)}&q=90` : url;
}

/** An article URL of `site` that no other article of the corpus has (normalised path compared). */
function uniqueUrl(random: Random, site: Site, slug: string, date: Date, usedPaths: Set<string>): string {
  for (;;) {
    const path = pathOf(random, site, slug, date);
    const key = `${site.domain}${path.replace(/\/$/, '')}`;
    if (!usedPaths.has(key)) {
      usedPaths.add(key);
      return `https://${site.host}${path}`;
    }
    slug = `${slug}-${random.chars(SLUG_CHARS, 3)}`;
  }
}

// ---- Fields ----

function randomDate(random: Random): Date {
  // Mostly 2019–2023 like the sample, a few very old items.
  const start = random.chance(0.02) ? Date.UTC(2013, 0, 1) : Date.UTC(2019, 0, 1);
  const end = Date.UTC(2023, 11, 31);
  return new Date(start + Math.floor(random.next() * ((end - start) / 60_000)) * 60_000);
}

function timestamp(random: Random, date: Date): string {
  const withSeconds = random.chance(0.15) ? new Date(date.getTime() + random.int(1, 59) * 1000) : date;
  return random.chance(0.1) ? `${isoDate(date)}T00:00:00Z` : withSeconds.toISOString().replace('.000Z', 'Z');
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function randomQuality(random: Random): number {
  // Median ~75; 18 of 144 above 100 (up to 188); 0 occurs.
  if (random.chance(18 / 144)) return random.int(101, 190);
  return Math.max(0, Math.min(100, Math.round(75 + (random.next() + random.next() + random.next() - 1.5) * 45)));
}

function topicsOf(random: Random): string[] {
  const extra = new Set<string>();
  const count = random.choose(EXTRA_TOPIC_COUNT);
  while (extra.size < count) extra.add(random.choose(TOPICS));
  const topics = [...extra];
  return random.chance(0.5) ? ['AI', ...topics] : [...topics, 'AI'];
}

function words(random: Random, length: number): string {
  let text = '';
  while (text.length < length) text += `${text ? ' ' : ''}${random.pick(WORDS)}`;
  return text;
}

/** A headline-like title of about `length` characters. */
function titleText(random: Random, length: number): string {
  let title = `${random.pick(SUBJECTS)} ${random.pick(WORDS)}`;
  // Words are ~7 characters: stopping 5 short of the target lands on it on average.
  while (title.length < length - 5) {
    title += random.chance(0.06) ? random.pick(FLOURISHES) : '';
    title += ` ${random.pick(WORDS)}`;
  }
  return title;
}

function excerptText(random: Random): string {
  const length = random.chance(0.04) ? random.fromQuantiles(LONG_EXCERPT_LENGTH) : random.fromQuantiles(EXCERPT_LENGTH);
  let text = random.chance(0.05) ? '...' : '';
  text += capitalize(words(random, 20));
  while (text.length < length - 5) {
    text += random.chance(0.08)
      ? `${random.pick(FLOURISHES)} ${random.pick(WORDS)}`
      : random.chance(0.1)
        ? `. ${capitalize(random.pick(WORDS))}`
        : ` ${random.pick(WORDS)}`;
  }
  return random.chance(0.1) ? `${text} ...` : `${text}.`;
}

/** `<base64>;<base64>` of 325–581 characters, like the real `secured` blobs (quartiles 389/389/561). */
function securedBlob(random: Random): string {
  const body = random.choose([
    [364, 45],
    [536, 30],
    [556, 5],
    [300, 5],
    [400, 5],
    [460, 5],
    [500, 5],
  ] as const);
  return `${random.chars(BASE64, body - 2)}==;${random.chars(BASE64, 22)}==`;
}

function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A YAML double-quoted string (titles and excerpts may contain `"` and `\`, already escaped as `\"` on purpose). */
function quote(text: string): string {
  return `"${text.replace(/\\(?!")/g, '\\\\').replace(/(?<!\\)"/g, '\\"')}"`;
}
