// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * One linter for the whole tree: typescript-eslint's type-aware rules (floating and misused promises above all:
 * an unhandled rejection in the background worker is silent), Preact's JSX and hooks, and import hygiene.
 * Unused exports and files are knip's job (`knip.json`); formatting is Prettier's (`prettier.config.js`).
 */
export default defineConfig(
  // Generated, vendored, or the editors' data and deliberately malformed fixtures. (node_modules is always ignored.)
  globalIgnores(['.output/', '.wxt/', '.tmp/', 'screenshots/', 'content/', 'public/', 'docs/', 'tests/fixtures/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  react.configs.flat.recommended,
  react.configs.flat['jsx-runtime'],
  reactHooks.configs.flat.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
    languageOptions: {
      // tsconfig.eslint.json: the project's tsconfig plus the root config files and plain JS, so every file is typed.
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.eslint.json' })],
      // Preact 10 with the automatic JSX runtime; there is no `react` package to detect a version from.
      react: { version: '18.3' },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      'import-x/no-duplicates': 'error',
      // Off: tsc already fails on an import it cannot resolve, and only it knows WXT's virtual `#imports`.
      'import-x/no-unresolved': 'off',
      // Off: tsc already checks imported names, namespaces and defaults (typescript-eslint's advice; they cost lint time).
      'import-x/namespace': 'off',
      'import-x/default': 'off',
      // Off: tsc checks imported names; `import fc from 'fast-check'` and preset-vite's default are their documented use.
      'import-x/no-named-as-default': 'off',
      'import-x/no-named-as-default-member': 'off',
      // Off: `async` without `await` is how a fake or adapter implements a promise-returning interface (throws become rejections).
      '@typescript-eslint/require-await': 'off',
      // docs/privacy.md, "Privacy and security": our code never injects HTML strings.
      'react/no-danger': 'error',
      // Preact writes the DOM's own attribute names (`class`, `for`, `referrerpolicy`), not React's camelCase props.
      'react/no-unknown-property': ['error', { ignore: ['class', 'for', 'referrerpolicy'] }],
    },
  },
  {
    files: ['tests/**'],
    rules: {
      // Off in tests: vitest's asymmetric matchers (`expect.any`, `objectContaining`) and JSON.parse return `any`, and the
      // e2e harness drives the browsers' untyped extension APIs through evaluate(); the assertions check those values.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['tests/e2e/**'],
    // Off in the e2e harness: Playwright's and Puppeteer's evaluate() take page-side functions over untyped browser APIs.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The tiny stand-in extension that tests the e2e harness itself runs in the browser, not in Node.
    files: ['tests/e2e/fixtures/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
);
