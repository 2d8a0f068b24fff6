import matter from 'gray-matter';
import jsYaml from 'js-yaml';
import type { Problem } from './problem';

/**
 * Deepest nesting read in a field the extension uses (the frontmatter itself is level 0). The schema's deepest
 * value, `related[0].provider.images[0].url`, is at level 6; real files reach 5 (issue 14).
 */
const MAX_YAML_DEPTH = 16;
/**
 * Most YAML nodes (texts, numbers, lists, sets of fields) in the fields the extension uses, each alias counted
 * as often as it is used. Real files have at most 241; 20,000 related stories with a title and a link are 60,001.
 */
const MAX_YAML_NODES = 100_000;

/** Most fields copied by YAML merge keys (`<<: *base`) in the whole file (js-yaml's own bound; real files use none). */
const MAX_YAML_MERGED_FIELDS = 10_000;

type FieldProblem = Omit<Problem, 'file'>;
const YAML_OPTIONS = { maxTotalMergeKeys: MAX_YAML_MERGED_FIELDS };

/**
 * Reads the YAML frontmatter of `text` (which starts with `---`) with gray-matter and js-yaml, gray-matter's
 * own engine, then checks the nodes and nesting of the fields listed in `fields` against the bounds above,
 * before anything walks them. Other fields are left out unread: no code looks at them.
 *
 * Why a check after the parse and not a parser that counts: js-yaml does not expand aliases (an alias is the
 * same object again), so a "billion laughs" file costs only its text to parse; it explodes in whatever walks
 * it (zod, a copy). The check stops at the bound, so it costs at most MAX_YAML_NODES steps; the `yaml`
 * package, which counts aliases itself, parses the real corpus about 5 times slower.
 */
export function loadFrontmatter(text: string, fields: readonly string[]): { data: Record<string, unknown> } | { problem: FieldProblem } {
  let yamlText = '';
  let loaded: unknown;
  try {
    // Passing options also turns off gray-matter's cache, which would share one object between identical files.
    loaded = matter(text, {
      language: 'yaml',
      engines: { yaml: (source: string) => jsYaml.safeLoad((yamlText = source), YAML_OPTIONS) as object },
    }).data;
  } catch (error) {
    return { problem: describeYamlError(yamlText, error) };
  }
  if (!isPlainObject(loaded) || Object.keys(loaded).length === 0) {
    return { problem: { field: '(frontmatter)', message: 'the frontmatter is empty or not a set of fields' } };
  }
  const data: Record<string, unknown> = {};
  const counter = { nodes: 0 };
  for (const field of fields) {
    if (!Object.hasOwn(loaded, field)) continue;
    const bound = checkBounds(loaded[field], 1, counter);
    if (bound === 'depth') return { problem: { field, message: `nested more than ${MAX_YAML_DEPTH} levels deep` } };
    if (bound === 'nodes') {
      const message = usesAliases(data, loaded[field])
        ? `YAML aliases expand beyond ${MAX_YAML_NODES.toLocaleString('en')} nodes`
        : `more than ${MAX_YAML_NODES.toLocaleString('en')} YAML nodes`;
      return { problem: { field, message } };
    }
    data[field] = loaded[field];
  }
  return { data };
}

/** Counts nodes into `counter` and checks the depth, stopping at the first bound crossed. */
function checkBounds(value: unknown, depth: number, counter: { nodes: number }): 'depth' | 'nodes' | undefined {
  if (++counter.nodes > MAX_YAML_NODES) return 'nodes';
  const isList = Array.isArray(value);
  if (!isList && !isPlainObject(value)) return undefined; // text, number, date, binary: a leaf
  if (depth >= MAX_YAML_DEPTH) return 'depth';
  for (const item of isList ? value : Object.values(value)) {
    const bound = checkBounds(item, depth + 1, counter);
    if (bound) return bound;
  }
  return undefined;
}

/** Whether some list or set of fields is reached twice (an alias), within the node budget. Only run on failure. */
function usesAliases(...roots: unknown[]): boolean {
  const seen = new Set<object>();
  const stack = [...roots];
  for (let steps = 0; stack.length > 0 && steps <= MAX_YAML_NODES; steps++) {
    const value = stack.pop();
    if (!Array.isArray(value) && !isPlainObject(value)) continue;
    if (seen.has(value)) return true;
    seen.add(value);
    stack.push(...(Array.isArray(value) ? (value as unknown[]) : Object.values(value)));
  }
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

class TooDeep extends Error {
  constructor(readonly position: number) {
    super('too deep');
  }
}

/**
 * Explains why js-yaml failed on `source` (the text between the `---` lines, starting with the rest of the
 * opening line, so its line 1 is the file's line 1). Reads the text again while following the parser, which
 * is slower but only happens for a broken file: that is how an unclosed quote or bracket is located where it
 * opens (js-yaml reports the end of the text), and how nesting too deep for js-yaml's recursion is told apart.
 */
function describeYamlError(source: string, error: unknown): FieldProblem {
  const overflow = error instanceof RangeError;
  if (!(error instanceof jsYaml.YAMLException) && !overflow) {
    return { field: '(frontmatter)', message: `broken YAML: ${String((error as Error)?.message ?? error).split('\n')[0]}` };
  }
  const open: number[] = [];
  let replayed: unknown = error;
  try {
    jsYaml.safeLoad(source, {
      ...YAML_OPTIONS,
      listener(event, state) {
        if (event === 'close') open.pop();
        else if (open.push(state.position) > MAX_YAML_DEPTH + 1 && overflow) throw new TooDeep(state.position);
      },
    });
  } catch (replay) {
    replayed = replay;
  }
  if (replayed instanceof TooDeep) {
    return { field: topLevelFieldAt(source, replayed.position), message: `nested more than ${MAX_YAML_DEPTH} levels deep ${lineAndColumn(source, replayed.position)}` };
  }
  if (!(replayed instanceof jsYaml.YAMLException)) return { field: '(frontmatter)', message: `broken YAML: nested too deep to read` };
  const { reason, mark } = replayed;
  const at = `(line ${mark.line + 1}, column ${mark.column + 1})`;
  if (reason.startsWith('merge keys exceeded')) {
    return { field: '(frontmatter)', message: `YAML merge keys (<<) copy more than ${MAX_YAML_MERGED_FIELDS.toLocaleString('en')} fields ${at}` };
  }
  const opener = /within a double quoted/.test(reason) ? '"' : /within a single quoted/.test(reason) ? "'" : /within a flow collection/.test(reason) ? '[{' : '';
  if (reason.startsWith('unexpected end of the stream') && opener) {
    // The innermost open node that starts with the quote or bracket is the one left open.
    for (let i = open.length - 1; i >= 0; i--) {
      const start = /^[ \t\r\n]*(?:[&!][^ \t\r\n]*[ \t\r\n]+)*/.exec(source.slice(open[i], open[i] + 200))![0].length + open[i];
      if (opener.includes(source[start])) {
        const what = opener === '[{' ? `the ${source[start]} that opens here is never closed` : `the quote that opens here is never closed`;
        return { field: '(frontmatter)', message: `broken YAML: ${what} ${lineAndColumn(source, start)}` };
      }
    }
  }
  return { field: '(frontmatter)', message: `broken YAML: ${reason} ${at}` };
}

/** `(line L, column C)` of an offset in the frontmatter text, as lines of the file (the `---` line is line 1). */
function lineAndColumn(source: string, position: number): string {
  const before = source.slice(0, position);
  const lineStart = before.lastIndexOf('\n') + 1;
  return `(line ${before.split('\n').length}, column ${position - lineStart + 1})`;
}

/** The top-level field whose value contains `position`: the last unindented `key:` line before it. */
function topLevelFieldAt(source: string, position: number): string {
  const keys = [...source.slice(0, position).matchAll(/^([^\s#'"\-[{][^:\n]*):/gm)];
  return keys.at(-1)?.[1].trim() ?? '(frontmatter)';
}
