import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineWxtModule } from 'wxt/modules';
import { formatProblem } from '../src/content/problem';
import { buildContentIndexFromDir, type BuiltContentIndex } from '../src/index/build-content-index';
import { INDEX_DIR, META_FILE } from '../src/index/content-index';

/**
 * Builds the content index at build time, in Node: reads `content/**\/*.md` (or `CONTENT_DIR`), validates
 * every file, and ships only the generated index (`content-index/` in the extension). gray-matter, fs and zod's
 * parse stay here and never reach the bundle.
 *
 * Runs on every WXT command (prepare, build, zip, dev, and inside vitest), writing the index to
 * `.wxt/content-index/`. Problems are printed each time; errors fail `build` and `zip`, not `prepare`, so that
 * `npm ci` still installs when an editor's file is broken.
 */
export default defineWxtModule({
  name: 'backstory:content-index',
  setup(wxt) {
    const contentDir = resolve(wxt.config.root, process.env.CONTENT_DIR || 'content');
    const outDir = join(wxt.config.wxtDir, INDEX_DIR);
    let built: BuiltContentIndex | undefined;

    wxt.hook('ready', async () => {
      const index = await buildContentIndexFromDir(contentDir);
      built = index;
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(outDir, { recursive: true });
      for (const [name, contents] of index.files) writeFileSync(join(outDir, name), contents);
      const { report } = index;
      // Inside vitest the tests check the problems themselves; everywhere else the editor reads each one here.
      if (!process.env.VITEST) {
        for (const problem of report.warnings) wxt.logger.warn(formatProblem(problem));
        for (const problem of report.errors) wxt.logger.error(formatProblem(problem));
      }
      wxt.logger.info(
        `Content: ${report.articles} articles from ${report.files} files in ${contentDir} ` + `(${report.errors.length} errors, ${report.warnings.length} warnings)`,
      );
    });

    wxt.hook('build:before', () => {
      const errors = built?.report.errors.length ?? 0;
      if (errors > 0) {
        throw new Error(`${errors} content error(s) in ${contentDir}: see the lines above, or run \`npm run content -- check\``);
      }
    });

    wxt.hook('build:publicAssets', (_wxt, files) => {
      for (const name of built?.files.keys() ?? []) {
        files.push({ absoluteSrc: join(outDir, name), relativeDest: `${INDEX_DIR}/${name}` });
      }
    });

    wxt.hook('prepare:publicPaths', (_wxt, paths) => {
      paths.push(`${INDEX_DIR}/${META_FILE}`);
      paths.push({ type: 'templateLiteral', path: `${INDEX_DIR}/keys-\${number}.bin` });
      paths.push({ type: 'templateLiteral', path: `${INDEX_DIR}/articles-\${number}.json.gz` });
    });
  },
});
