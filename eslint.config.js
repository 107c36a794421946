import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * The layers and what each may not import: contracts → protocol → {indexer, web} → scripts, so
 * that imports follow the data (chain → index → page). protocol/ imports npm packages and the
 * contracts' generated artifacts only; test/ may import anything. A file's layer is its top-level
 * folder; an import's target is resolved from its path ($lib, $protocol and SvelteKit's $app and
 * $env included), so `../../indexer/types` inside web/lib is web, not the indexer.
 */
/** @type {Record<string, string[]>} */
const FORBIDDEN = {
  protocol: ['web', 'indexer', 'scripts', 'test'],
  indexer: ['web', 'scripts', 'test'],
  web: ['indexer', 'scripts', 'test'],
  scripts: ['test'],
};
/** @type {Record<string, string>} */
const ALIASES = { $lib: 'web/lib', $protocol: 'protocol', $app: 'web', $env: 'web' };
const WHY =
  'imports run contracts → protocol → {indexer, web} → scripts; move what both sides need into protocol/';

/**
 * The top-level folder an import resolves to, or undefined for a package or a builtin.
 * @param {string} file the importing file (absolute)
 * @param {string} spec what it imports
 */
function targetLayer(file, spec) {
  let target;
  if (spec.startsWith('.')) target = path.resolve(path.dirname(file), spec);
  else {
    const [head, ...rest] = spec.split('/');
    if (!(head in ALIASES)) return undefined;
    target = path.join(ROOT, ALIASES[head], ...rest);
  }
  const rel = path.relative(ROOT, target);
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel.split(path.sep)[0];
}

/** @type {import('eslint').ESLint.Plugin} */
const layers = {
  rules: {
    'import-direction': {
      meta: {
        type: 'problem',
        docs: { description: 'Imports follow contracts → protocol → {indexer, web} → scripts.' },
        schema: [],
        messages: { backward: '{{from}}/ may not import {{to}}/ ({{spec}}): {{why}}.' },
      },
      create(context) {
        const file = context.filename;
        const from = path.relative(ROOT, file).split(path.sep)[0];
        const forbidden = FORBIDDEN[from];
        if (!forbidden) return {};
        /** @param {any} node an import or export declaration, or an import() */
        const check = (node) => {
          const source = node.source;
          if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
          const to = targetLayer(file, source.value);
          if (to && forbidden.includes(to)) {
            context.report({
              node: source,
              messageId: 'backward',
              data: { from, to, spec: source.value, why: WHY },
            });
          }
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
          ImportExpression: check,
        };
      },
    },
  },
};

export default ts.config(
  {
    ignores: [
      'node_modules/',
      '.cache/',
      'out/',
      'cache/',
      'build/',
      '.svelte-kit/',
      'data/',
      'deployments/',
      'broadcast/',
      'test-results/',
      'protocol/generated/',
      'indexer/.ponder/',
      'indexer/generated/',
      'indexer/ponder-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // TypeScript checks undefined names better than ESLint does (svelte-check runs it).
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    plugins: { layers },
    rules: { 'layers/import-direction': 'error' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      // eslint-plugin-svelte's wrapper of this core rule crashes on CommonJS scopes.
      'svelte/no-inner-declarations': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
);
