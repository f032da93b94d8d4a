// The project's ESLint configuration. Run from the repository root (`npm run lint`): with --config, file patterns are
// relative to the working directory, and the plugins resolve from this folder, which has the TypeScript they need.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // What .gitignore leaves out (prettier reads .gitignore itself), and the benchmarks' output.
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/data/**',
      'storybook-static/**',
      'test-results/**',
      '**/.angular/**',
      'custom-elements.json',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are mistakes, except the ones named to be ignored (`_rest`) and a rest sibling that drops fields.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `import type` keeps the socket stack and the server out of browser chunks (see base/own-connection.ts).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The kit's browser code: lit's and custom elements' rules, and never `any` across its modules.
    files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'],
    plugins: { lit, wc },
    rules: {
      ...lit.configs['flat/recommended'].rules,
      ...wc.configs['flat/recommended'].rules,
      '@typescript-eslint/no-explicit-any': 'error',
      // Message content is text: nothing in the kit parses a string as HTML.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['lit/directives/unsafe-*'], message: 'Content is rendered as text; see DESIGN.md, security.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Content is rendered as text: build DOM with lit templates or textContent.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Content is rendered as text: no HTML from strings.',
        },
        {
          selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
          message: 'Content is rendered as text: no HTML from strings.',
        },
      ],
    },
  },
  {
    // CommonJS on purpose (a preload for node --require).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests and benchmarks read untyped acks and drive third-party objects; `any` is allowed there, nowhere else.
    files: ['**/test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
