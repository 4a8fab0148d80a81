// The dependency rule (domain <- app <- hosts/*, taskpane, cli) is enforced here, so that breaking it is a
// lint error in CI rather than a review comment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

const hostGlobals = ['window', 'document', 'navigator', 'Office', 'Excel', 'wps', 'Application', 'process', 'require'].map(
  (name) => ({ name, message: `${name} is a host global; the engine must stay host-independent (architecture.md §2).` }),
);
const outsideLibs = [
  { group: ['react', 'react-dom', 'react/*', '@fluentui/*'], message: 'UI libraries belong in src/taskpane.' },
  { group: ['exceljs'], message: 'exceljs belongs in src/hosts/xlsx-file.' },
  { group: ['@microsoft/office-js', 'office-*'], message: 'Office belongs in src/hosts/excel.' },
  { group: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process'], message: 'Node APIs belong in src/cli and src/hosts/xlsx-file.' },
];
const layer = (pattern, message) => ({ group: [pattern], message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Build and test tooling written as CommonJS for Node (jest reporters and the like).
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { process: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...hostGlobals],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...outsideLibs,
            layer('**/app/**', 'The domain may not import from src/app.'),
            layer('**/hosts/**', 'The domain may not import from hosts.'),
            layer('**/taskpane/**', 'The domain may not import from the task pane.'),
            layer('**/cli/**', 'The domain may not import from the CLI.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...hostGlobals],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...outsideLibs,
            layer('**/hosts/**', 'Use cases talk to hosts only through WorkbookPort.'),
            layer('**/taskpane/**', 'src/app may not import the task pane.'),
            layer('**/cli/**', 'src/app may not import the CLI.'),
          ],
        },
      ],
    },
  },
  ...['memory', 'excel', 'wps', 'xlsx-file'].map((host) => ({
    files: [`src/hosts/${host}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...['memory', 'excel', 'wps', 'xlsx-file']
              .filter((other) => other !== host)
              .map((other) => layer(`**/hosts/${other}/**`, 'Hosts never import each other.')),
            layer('**/taskpane/**', 'Hosts may not import the task pane.'),
            layer('**/cli/**', 'Hosts may not import the CLI.'),
          ],
        },
      ],
    },
  })),
  {
    // Office.js batching discipline where Office.js is called (architecture.md §6): no sync in a loop, load
    // and sync before reading. The plugin's own presets bring prettier and react rules, so only its rules.
    files: ['src/hosts/excel/**/*.ts', 'src/commands/**/*.ts', 'src/taskpane/main.tsx'],
    plugins: { 'office-addins': { rules: officeAddins.rules } },
    rules: {
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/call-sync-after-load': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
);
