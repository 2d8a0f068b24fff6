/**
 * The editors' command line:
 *   npm run -s content -- check [DIR] [--json]
 *   npm run -s content -- match [--content DIR] [--json] URL...
 * `check` exits 1 when any file has an error; `match` exits 0 (2 for a usage error).
 */
import { resolve } from 'node:path';
import { formatProblem } from '../src/content/problem';
import { buildContentIndexFromDir } from '../src/index/build-content-index';
import { matchUrl, refineMatch } from '../src/match/match-url';

const USAGE = `usage:
  npm run -s content -- check [DIR] [--json]
  npm run -s content -- match [--content DIR] [--json] URL...`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  const args = rest.filter((arg) => arg !== '--json');
  if (command === 'check') {
    if (args.length > 1 || args.some((arg) => arg.startsWith('--'))) return usage();
    return check(args[0] ?? process.env.CONTENT_DIR ?? 'content', json);
  }
  if (command === 'match') {
    let dir = process.env.CONTENT_DIR || 'content';
    const contentFlag = args.indexOf('--content');
    if (contentFlag >= 0) {
      if (!args[contentFlag + 1]) return usage();
      dir = args[contentFlag + 1];
      args.splice(contentFlag, 2);
    }
    if (args.length === 0) return usage();
    return match(dir, args, json);
  }
  return usage();
}

function usage(): number {
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

async function check(dir: string, json: boolean): Promise<number> {
  const { report } = await buildContentIndexFromDir(resolve(dir));
  if (json) {
    const { files, articles, errors, warnings } = report;
    process.stdout.write(`${JSON.stringify({ files, articles, errors, warnings })}\n`);
  } else {
    const lines = [
      `${dir}: ${report.files} files, ${report.articles} articles, ${report.errors.length} errors, ${report.warnings.length} warnings`,
      ...report.errors.map((problem) => `error: ${formatProblem(problem)}`),
      ...report.warnings.map((problem) => `warning: ${formatProblem(problem)}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return report.errors.length > 0 ? 1 : 0;
}

async function match(dir: string, urls: string[], json: boolean): Promise<number> {
  const built = await buildContentIndexFromDir(resolve(dir));
  for (const url of urls) {
    const found = matchUrl(built.lookup, url);
    const article = found ? built.articles[found.articleId] : undefined;
    const result = found && article ? { file: article.file, title: article.title, via: refineMatch(found, article, url).via } : null;
    if (json) process.stdout.write(`${JSON.stringify({ url, match: result })}\n`);
    else process.stdout.write(result ? `${url}\n  → ${result.file} (${result.via}): ${result.title}\n` : `${url}\n  → no match\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
