/**
 * Times what hostile content costs, without a browser (issue 14):
 *   npx tsx scripts/bench/hostile-check.ts [--runs 5] [DIR]   # `check` on DIR (default tests/fixtures/hostile-content)
 *   npx tsx scripts/bench/hostile-check.ts --ingest 10000      # ingest vs its floor only, on a generated corpus
 * The first form runs `npm run -s content -- check DIR` (one thread, as an editor does) and the same check with
 * parsing forced onto worker threads, each in a fresh Node process, and prints the median wall-clock times;
 * also the same build in this process (no process start: the cost of the files themselves).
 * The second is bench.ts's ingest row alone (bench.ts also builds the extension and opens Chromium).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildContentIndexFromDir } from '../../src/index/build-content-index';
import { makeCorpus } from './make-corpus';
import { measureIngest } from './measure-ingest';
import { median } from './stats';

const ROOT = join(import.meta.dirname, '../..');

/** One `check` in a fresh process: the CLI itself, or the same build with `parallel` forced. Returns ms and the exit status. */
function timeCheck(dir: string, mode: 'one thread' | 'worker threads'): { ms: number; status: number | null; summary: string } {
  const args =
    mode === 'one thread'
      ? ['--import', 'tsx', 'scripts/content.ts', 'check', dir]
      : [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `
        import { buildContentIndexFromDir } from './src/index/build-content-index.ts';
        const { report } = await buildContentIndexFromDir(${JSON.stringify(dir)}, { parallel: true });
        console.log(\`\${report.files} files, \${report.articles} articles, \${report.errors.length} errors, \${report.warnings.length} warnings\`);
        process.exitCode = report.errors.length > 0 ? 1 : 0;`,
        ];
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  const ms = performance.now() - start;
  return { ms, status: result.status, summary: (result.stdout.split('\n')[0] || result.stderr.split('\n').slice(0, 3).join(' ')).trim() };
}

async function main(argv: string[]): Promise<void> {
  const runsFlag = argv.indexOf('--runs');
  const runs = runsFlag >= 0 ? Number(argv[runsFlag + 1]) : 5;
  const ingestFlag = argv.indexOf('--ingest');
  if (ingestFlag >= 0) {
    const size = Number(argv[ingestFlag + 1]);
    const root = mkdtempSync(join(tmpdir(), 'backstory-ingest-'));
    try {
      const corpus = makeCorpus(join(root, 'corpus'), size);
      console.log(`${corpus.files} files, ${(corpus.sourceBytes / 1e6).toFixed(1)} MB`);
      const ingest = await measureIngest(join(root, 'corpus'), runs, console.log);
      console.log(
        `ingest ${ingest.ingestMs.toFixed(0)} ms, baseline ${ingest.baselineMs.toFixed(0)} ms, ratio ${(ingest.ingestMs / ingest.baselineMs).toFixed(2)}; ${ingest.errors} errors`,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return;
  }
  const dir = argv.filter((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--runs')[0] ?? 'tests/fixtures/hostile-content';
  for (const mode of ['one thread', 'worker threads'] as const) {
    const times: number[] = [];
    let last: ReturnType<typeof timeCheck> | undefined;
    for (let run = 0; run < runs; run++) {
      last = timeCheck(dir, mode);
      times.push(last.ms);
    }
    const inProcess: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      await buildContentIndexFromDir(resolve(ROOT, dir), { parallel: mode === 'worker threads' });
      inProcess.push(performance.now() - start);
    }
    console.log(
      `check ${dir}, ${mode}: in this process median ${median(inProcess).toFixed(0)} ms; as a command: median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${runs} runs (process start included); exit ${last!.status}; ${last!.summary}`,
    );
  }
}

await main(process.argv.slice(2));
