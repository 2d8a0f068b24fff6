/**
 * The editors' command line:
 *   npm run -s content -- check [DIR] [--json]
 *   npm run -s content -- match [--content DIR] [--catalogue DIR]... [--json] URL...
 *   npm run -s content -- keygen --out DIR
 *   npm run -s content -- publish [DIR] --key PRIVATE_KEY --out OUT_DIR [--expires-in DAYS]
 *                                 [--name NAME] [--description TEXT] [--homepage URL] [--licence NAME] [--update-url URL]
 * Exit codes: 0 fine; 1 `check` or `publish` found content errors; 2 a usage error or a file that cannot be read.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CATALOGUE_FILE } from '../src/catalogues/catalogue-descriptor';
import { openCatalogueFolder } from '../src/catalogues/open-catalogue-folder';
import { formatProblem } from '../src/content/problem';
import type { CatalogueIndex } from '../src/index/content-index';
import { buildContentIndexFromDir, type ExtensionBuiltIndex } from '../src/index/build-content-index';
import { describePage, findSite, type NoAnswerReason } from '../src/match/describe-page';
import { type MatchVia, refineVia } from '../src/match/match-url';
import {
  type CatalogueFields,
  DEFAULT_EXPIRY_DAYS,
  generateUpdateKeys,
  PRIVATE_KEY_FILE,
  PUBLIC_KEY_FILE,
  PublishUsageError,
  publishPack,
  readPrivateKey,
} from '../src/publish/publish-pack';

const USAGE = `usage:
  npm run -s content -- check [DIR] [--json]                  validate a content folder (default content/)
  npm run -s content -- match [--content DIR] [--catalogue DIR]... [--json] URL...
                                                               what Backstory knows about each URL (and each catalogue folder)
  npm run -s content -- keygen --out DIR                       a key pair for signing content packs
  npm run -s content -- publish [DIR] --key PRIVATE_KEY --out OUT_DIR [--expires-in DAYS]
                 [--name NAME] [--description TEXT] [--homepage URL] [--licence NAME] [--update-url URL]
                                                               check DIR, then write a signed content pack to OUT_DIR,
                                                               and its catalogue.json when it has a name`;

/** A problem with the call itself (exit 2), as opposed to a problem in the content (exit 1). */
class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  const args = rest.filter((arg) => arg !== '--json');
  if (command === 'check') {
    const unknown = args.find((arg) => arg.startsWith('--'));
    if (unknown) throw new UsageError(`check: unknown option ${unknown}`);
    if (args.length > 1) throw new UsageError('check: give one folder at most');
    return check(args[0] ?? process.env.CONTENT_DIR ?? 'content', json);
  }
  if (command === 'match') {
    let dir = process.env.CONTENT_DIR || 'content';
    const contentFlag = args.indexOf('--content');
    if (contentFlag >= 0) {
      if (!args[contentFlag + 1]) throw new UsageError('match: --content needs a folder');
      dir = args[contentFlag + 1];
      args.splice(contentFlag, 2);
    }
    const catalogues: string[] = [];
    for (let flag = args.indexOf('--catalogue'); flag >= 0; flag = args.indexOf('--catalogue')) {
      if (!args[flag + 1] || args[flag + 1].startsWith('--')) throw new UsageError('match: --catalogue needs a folder');
      catalogues.push(args[flag + 1]);
      args.splice(flag, 2);
    }
    const unknown = args.find((arg) => arg.startsWith('--'));
    if (unknown) throw new UsageError(`match: unknown option ${unknown}`);
    if (args.length === 0) throw new UsageError('match: give at least one URL');
    return match(dir, catalogues, args, json);
  }
  if (command === 'keygen') {
    const flags = takeFlags('keygen', args, ['--out']);
    if (!flags['--out']) throw new UsageError('keygen: --out DIR is required');
    if (args.length > 0) throw new UsageError(`keygen: unexpected ${args[0]}`);
    return keygen(flags['--out']);
  }
  if (command === 'publish') {
    const flags = takeFlags('publish', args, ['--key', '--out', '--expires-in', '--name', '--description', '--homepage', '--licence', '--update-url']);
    if (!flags['--key']) throw new UsageError('publish: --key PRIVATE_KEY is required');
    if (!flags['--out']) throw new UsageError('publish: --out OUT_DIR is required');
    if (args.length > 1) throw new UsageError('publish: give one content folder at most');
    const days = flags['--expires-in'] === undefined ? DEFAULT_EXPIRY_DAYS : Number(flags['--expires-in']);
    if (!Number.isFinite(days) || days <= 0) throw new UsageError('publish: --expires-in needs a number of days above 0');
    const catalogue = {
      name: flags['--name'],
      description: flags['--description'],
      homepage: flags['--homepage'],
      licence: flags['--licence'],
      updateUrl: flags['--update-url'],
    };
    return publish(args[0] ?? process.env.CONTENT_DIR ?? 'content', flags['--key'], flags['--out'], days, catalogue, json);
  }
  throw new UsageError(command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}`);
}

/** Removes `--flag VALUE` pairs from `args` and returns them; any other `--` option is a usage error. */
function takeFlags(command: string, args: string[], known: string[]): Record<string, string | undefined> {
  const flags: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length;) {
    if (!args[i].startsWith('--')) {
      i++;
      continue;
    }
    if (!known.includes(args[i])) throw new UsageError(`${command}: unknown option ${args[i]}`);
    if (args[i + 1] === undefined || args[i + 1].startsWith('--')) throw new UsageError(`${command}: ${args[i]} needs a value`);
    flags[args[i]] = args[i + 1];
    args.splice(i, 2);
  }
  return flags;
}

function keygen(dir: string): number {
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  if (existsSync(privatePath)) throw new UsageError(`keygen: ${privatePath} exists; it is not overwritten (move it away first)`);
  const { privateKeyPem, publicKey } = generateUpdateKeys();
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(privatePath, privateKeyPem, { mode: 0o600 });
    writeFileSync(join(dir, PUBLIC_KEY_FILE), `${publicKey}\n`);
  } catch (error) {
    throw new UsageError(`keygen: cannot write to ${dir}: ${(error as Error).message}`);
  }
  process.stderr.write(`wrote ${privatePath} (secret: keep it out of git) and ${join(dir, PUBLIC_KEY_FILE)}\n`);
  process.stdout.write(`${publicKey}\n`);
  return 0;
}

async function publish(dir: string, keyPath: string, outDir: string, expiresInDays: number, catalogue: CatalogueFields, json: boolean): Promise<number> {
  let pem: string;
  try {
    pem = readFileSync(keyPath, 'utf8');
  } catch {
    throw new UsageError(`publish: cannot read the key ${keyPath}`);
  }
  await readFolder(dir); // the same "no such folder" answers as check
  let result: Awaited<ReturnType<typeof publishPack>>;
  try {
    result = await publishPack({ contentDir: resolve(dir), privateKey: readPrivateKey(pem), outDir: resolve(outDir), expiresInDays, catalogue });
  } catch (error) {
    if (error instanceof PublishUsageError) throw new UsageError(`publish: ${error.message}`);
    throw error;
  }
  const { report } = result.built;
  if (!result.published) {
    for (const problem of report.errors) process.stderr.write(`error: ${formatProblem(problem)}\n`);
    process.stderr.write(`${dir}: ${plural(report.errors.length, 'error')}: nothing published; ${outDir} is as it was\n`);
    return 1;
  }
  const { manifest } = result;
  if (json) {
    const { sequence, articles, newestPublished, files } = manifest;
    process.stdout.write(
      `${JSON.stringify({ sequence, articles, newestPublished, files: files.length, newFiles: result.newFiles, newBytes: result.newBytes, deletedFiles: result.deletedFiles, warnings: report.warnings.length, termStatsRecomputed: result.built.termStatsRecomputed ?? null, publicKey: result.publicKey, catalogue: result.catalogue?.name ?? null })}\n`,
    );
  } else {
    process.stdout.write(
      `${outDir}: pack ${manifest.sequence}, ${plural(manifest.articles, 'article')} (${plural(report.warnings.length, 'warning')}), ` +
        `${plural(manifest.files.length, 'file')}: ${plural(result.newFiles, 'new file')} (${result.newBytes.toLocaleString('en')} bytes), ` +
        `${plural(result.deletedFiles, 'old file')} deleted; expires ${manifest.expires}\n` +
        (result.built.termStatsRecomputed
          ? `closeness term stats: taken afresh (${result.built.termStatsRecomputed}), so any article's labels may change\n`
          : `closeness term stats: kept from the previous pack, so unchanged articles keep their labels and order\n`) +
        `public key: ${result.publicKey}\n` +
        (result.catalogue
          ? `catalogue: ${result.catalogue.name}, in ${join(outDir, CATALOGUE_FILE)} (readers add it by that file's URL)\n`
          : `no catalogue.json: give --name (and --description, --homepage, --licence) to publish this pack as a catalogue\n`),
    );
  }
  return 0;
}

/** Reads a content folder, or says plainly why it cannot. */
async function readFolder(dir: string): Promise<ExtensionBuiltIndex> {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(dir);
  } catch {
    throw new UsageError(`${dir}: no such folder`);
  }
  if (!stats.isDirectory()) throw new UsageError(`${dir}: not a folder`);
  return buildContentIndexFromDir(resolve(dir));
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

async function check(dir: string, json: boolean): Promise<number> {
  const { report } = await readFolder(dir);
  if (json) {
    const { files, articles, errors, warnings } = report;
    process.stdout.write(`${JSON.stringify({ files, articles, errors, warnings })}\n`);
  } else {
    const counts = [
      plural(report.files, 'file'),
      plural(report.articles, 'article'),
      plural(report.errors.length, 'error'),
      plural(report.warnings.length, 'warning'),
    ];
    const lines = [
      `${dir}: ${counts.join(', ')}`,
      ...report.errors.map((problem) => `error: ${formatProblem(problem)}`),
      ...report.warnings.map((problem) => `warning: ${formatProblem(problem)}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return report.errors.length > 0 ? 1 : 0;
}

/** Why a URL finds nothing, in the CLI's words. */
const NO_ANSWER: Readonly<Record<NoAnswerReason, string>> = {
  'not-web': 'not a web address (only http and https URLs are matched)',
  'home-page': 'a home page (home pages never match an article)',
  unknown: 'not a bundled article, nor related coverage of one',
};

interface MatchLine {
  url: string;
  /** The bundled article the URL is, or null. */
  match: { file: string; title: string; via: MatchVia } | null;
  /** The bundled articles whose related lists hold this URL. */
  related: { file: string; title: string }[];
  /** The bundled site the URL is on, or null. */
  site: { domain: string; articles: number } | null;
}

function describeForEditor(built: ExtensionBuiltIndex, url: string): { line: MatchLine; words: string[] } {
  const answer = describePage(built.lookup, url);
  const siteMatch = findSite(built.lookup, url);
  const site = siteMatch ? { domain: siteMatch.domain, articles: built.sites[siteMatch.id].articles } : null;
  const line: MatchLine = { url, match: null, related: [], site };
  const words: string[] = [];
  const fileOf = (articleId: number) => ({ file: built.articles[articleId].file, title: built.articles[articleId].title });
  if (answer.kind === 'article') {
    const article = built.articles[answer.id];
    line.match = { file: article.file, title: article.title, via: refineVia(answer.via, [article.webUrl, article.originalUrl], url) };
    line.related = article.alsoCoveredBy.map((link) => fileOf(link.articleId));
    words.push(`→ ${line.match.file} (${line.match.via}): ${line.match.title}`);
    if (line.related.length > 0) words.push(`  also listed as related by ${plural(line.related.length, 'article')}`);
  } else if (answer.kind === 'related') {
    const story = built.stories[answer.id];
    line.related = story.listedBy.map((link) => fileOf(link.articleId));
    words.push(`→ no bundled article: related coverage (${refineVia(answer.via, [story.url], url)}) listed by ${plural(line.related.length, 'article')}`);
  } else {
    words.push(`→ no match: ${NO_ANSWER[answer.reason]}`);
  }
  for (const { file, title } of answer.kind === 'related' ? line.related : []) words.push(`  ${file}: ${title}`);
  if (site) words.push(`  site: ${site.domain}, ${plural(site.articles, 'bundled article')}`);
  return { line, words };
}

/** What one catalogue folder says of a URL (`match --catalogue DIR`): the same describePage, through its pack. */
interface CatalogueLine {
  catalogue: string;
  id: string;
  kind: 'article' | 'related' | 'site';
  title: string;
  via?: MatchVia;
}

async function describeInCatalogue({ catalogue, index }: CatalogueIndex, url: string): Promise<CatalogueLine | null> {
  const described = await index.describe(url);
  const base = { catalogue: catalogue.name, id: catalogue.id };
  if (described.kind === 'article') return { ...base, kind: 'article', title: described.article.title, via: described.via };
  if (described.kind === 'related') return { ...base, kind: 'related', title: described.story.title, via: described.via };
  if (described.kind === 'site') return { ...base, kind: 'site', title: described.site.providerName ?? described.site.domains[0] };
  return null;
}

async function match(dir: string, catalogueDirs: string[], urls: string[], json: boolean): Promise<number> {
  const built = await readFolder(dir);
  const catalogues = await Promise.all(
    catalogueDirs.map((folder) =>
      openCatalogueFolder(folder).catch((error: unknown) => {
        throw new UsageError(`match: ${(error as Error).message}`);
      }),
    ),
  );
  for (const url of urls) {
    const { line, words } = describeForEditor(built, url);
    const inCatalogues =
      catalogues.length > 0 ? (await Promise.all(catalogues.map((catalogue) => describeInCatalogue(catalogue, url)))).filter((found) => found !== null) : null;
    for (const found of inCatalogues ?? []) words.push(`in catalogue ${found.catalogue}: ${found.kind}${found.via ? ` (${found.via})` : ''}: ${found.title}`);
    const output = inCatalogues ? { ...line, catalogues: inCatalogues } : line;
    process.stdout.write(json ? `${JSON.stringify(output)}\n` : `${url}\n  ${words.join('\n  ')}\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`content: ${error.message}\n${USAGE}\n`);
  return 2;
});
