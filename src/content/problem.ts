/** One thing wrong with a content file, reported to the editor as `file: field: message`. */
export interface Problem {
  /** Path of the file, relative to the content folder, with `/` separators. */
  file: string;
  /** The field, as a path into the frontmatter (`related[2].webUrl`), or `(file)` / `(frontmatter)`. */
  field: string;
  message: string;
}

/** Formats a problem as the one line an editor reads: `file: field: message`. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}: ${problem.field}: ${problem.message}`;
}

/** Formats a zod-style path as a field name: `['related', 2, 'webUrl']` → `related[2].webUrl`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let field = '';
  for (const part of path) {
    if (typeof part === 'number') field += `[${part}]`;
    else field += field === '' ? String(part) : `.${String(part)}`;
  }
  return field === '' ? '(frontmatter)' : field;
}
