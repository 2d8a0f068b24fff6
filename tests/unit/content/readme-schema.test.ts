import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { articleSchema, relatedStorySchema } from '../../../src/content/article-schema';

// The editors' field table, in docs/editors.md (it was in the README before the docs were split out of it).
const editors = readFileSync(join(import.meta.dirname, '../../../docs/editors.md'), 'utf8');
const table = editors.slice(editors.indexOf('## Adding articles'), editors.indexOf('**What happens to bad input**'));

it("the editors' field table (docs/editors.md) lists exactly the schema's fields", () => {
  expect(table.length).toBeGreaterThan(0);
  const documented = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((match) => match[1]);
  expect(documented.sort()).toEqual(Object.keys(articleSchema.shape).sort());
  const relatedRow = table.split('\n').find((line) => line.startsWith('| `related` |'))!;
  const relatedFields = relatedRow.match(/list of `\{([^}]+)\}`/)![1].split(',').map((field) => field.trim());
  expect(relatedFields.sort()).toEqual(Object.keys(relatedStorySchema.shape).sort());
});
