import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { articleSchema, relatedStorySchema } from '../../../src/content/article-schema';

const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
const table = readme.slice(readme.indexOf('## Adding articles'), readme.indexOf('**What happens to bad input**'));

it("the README's field table lists exactly the schema's fields", () => {
  const documented = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((match) => match[1]);
  expect(documented.sort()).toEqual(Object.keys(articleSchema.shape).sort());
  const relatedRow = table.split('\n').find((line) => line.startsWith('| `related` |'))!;
  const relatedFields = relatedRow.match(/list of `\{([^}]+)\}`/)![1].split(',').map((field) => field.trim());
  expect(relatedFields.sort()).toEqual(Object.keys(relatedStorySchema.shape).sort());
});
