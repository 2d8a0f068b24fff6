// The part of js-yaml 3 (the version gray-matter uses, and so ours) that load-frontmatter.ts calls.
declare module 'js-yaml' {
  interface LoaderState {
    /** Offset in the input where the node being composed starts (before the space that separates it). */
    position: number;
  }
  interface LoadOptions {
    /** Most keys that merge keys (`<<`) may copy in one document (default 10,000); over it, a YAMLException. */
    maxTotalMergeKeys?: number;
    /** Called as each node is opened and closed: lets a caller follow where the parser is. */
    listener?: (event: 'open' | 'close', state: LoaderState) => void;
  }
  interface YAMLException extends Error {
    reason: string;
    mark: { line: number; column: number; position: number };
  }
  const jsYaml: {
    safeLoad(input: string, options?: LoadOptions): unknown;
    YAMLException: new (...args: never[]) => YAMLException;
  };
  export default jsYaml;
}
