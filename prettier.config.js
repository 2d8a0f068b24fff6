// @ts-check
/** @type {import('prettier').Config} */
export default {
  // The existing style. 165 columns is the width at which Prettier rewrites the fewest lines of the existing code.
  printWidth: 165,
  singleQuote: true,
  trailingComma: 'all',
  // CSS stays hand-laid (one rule per line) inside HTML's <style> too, as in the .css files (see .prettierignore).
  embeddedLanguageFormatting: 'off',
};
