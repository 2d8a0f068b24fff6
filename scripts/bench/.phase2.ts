import { existsSync } from 'node:fs';
import { buildContentIndexFromDir, listContentFiles } from '../../src/index/build-content-index';
import { parseFiles } from '../../src/content/parse-files';
import { ingestBaseline } from './measure-ingest';
import { makeCorpus } from './make-corpus';
import { collectGarbage } from './stats';
const n = Number(process.argv[2]);
const dir = `/tmp/bb/corpus-${n}`;
if (!existsSync(dir)) makeCorpus(dir, n);
const files = listContentFiles(dir);
const t = async (name: string, f: () => unknown) => { collectGarbage(); const s = performance.now(); await f(); console.log(`${name}: ${(performance.now() - s).toFixed(0)} ms`); };
await parseFiles(dir, files.slice(0, 4000)); // warm: esbuild bundling of the worker, JIT
for (let r = 0; r < Number(process.argv[3] ?? 2); r++) {
  await t('baseline (read + gray-matter, 1 thread)', () => ingestBaseline(dir));
  await t('parseFiles, workers', () => parseFiles(dir, files));
  await t('parseFiles, 1 thread', () => parseFiles(dir, files, { parallel: false }));
  await t('buildContentIndexFromDir (workers + index)', () => buildContentIndexFromDir(dir));
}
