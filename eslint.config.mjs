// Lint keeps the layers pointing one way (as VS Code's code-layering rule does):
//   src-main/core/contract  runs anywhere: no Node, no Electron, no React
//   src-main/core           domain on Node: no Electron, no React, no renderer
//   src-main/hub            Node server: no Electron
//   src-renderer            browser: nothing from Node, Electron, or src-main but the contract (@contract/…)
// and keeps the capabilities apart (as VS Code's code-import-patterns does): a file under
// src-main/core/<capability>/ imports only the shared core modules and its own folder. A
// capability that needs another's data gets a small interface (core/shared/links.ts) from app.ts.
// Beyond imports: no promise left floating or handed where a void is expected (an async onClick
// whose refusal nobody hears), and React's rules of hooks. `npm run lint` also runs Prettier's
// check and scripts/import-circles.mjs.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ui = ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*', 'leaflet'];
const electron = ['electron', 'electron/*'];

// `regexes` are matched against the import specifier as written (relative paths included).
const restrict = (names, regexes, why) => [
  'error',
  {
    paths: names.map((name) => ({ name, message: why })),
    patterns: regexes.map((regex) => ({ regex, message: why })),
  },
];
/** One rule setting from several (a later setting of a rule replaces an earlier one, it does not add to it). */
const both = (...settings) => ['error', { paths: settings.flatMap((s) => s[1].paths), patterns: settings.flatMap((s) => s[1].patterns) }];

const coreWhy = 'src-main/core is the domain: it never imports Electron, React, the hub or the renderer.';
const coreRule = restrict([...electron, ...ui], ['(^|/)src-renderer/', '(^|/)hub/', '(^|/)shell/'], coreWhy);

// The shared core modules a capability may import: folders, then single files at src-main/core/.
const sharedCore = '(contract|store|shared)(/.*)?|(events|connections|capability|kv|data-dir)(\\.ts)?';
/** Leaving the capability's folder (`up` levels of `../`) for a file of src-main/core that is not a shared core module (leaving src-main/core is the rules' above). */
const leavesCapability = (up) => `^${'\\.\\./'.repeat(up)}(?!\\.\\./)(?!(${sharedCore})$)`;
const isolationWhy =
  'a capability imports only shared core modules (contract, store, shared, events, connections, capability, kv, data-dir) and its own folder, never a sibling capability or app.ts: ask through the deps app.ts gives it (core/shared/links.ts).';
// Folders under src-main/core/ that are shared, not capabilities.
const notCapabilities = ['contract', 'store', 'shared'].map((d) => `src-main/core/${d}/**`);

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // One state mechanism in the renderer: only the client and the slices (state/) call the server;
  // a component, panel or form uses a slice's commands (state/slice.ts).
  {
    files: ['src-renderer/src/**/*.{ts,tsx}'],
    ignores: ['src-renderer/src/client/**', 'src-renderer/src/state/**', '**/*.test.{ts,tsx}', 'src-renderer/src/test-kit/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='call'][arguments.0.type='Literal']",
          message: 'only the client and the slices (src-renderer/src/state/) call the server: use a slice command (useCommands).',
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: { 'no-restricted-imports': coreRule },
  },
  // Capability isolation, by depth: `../` leaves a capability from its top folder, `../../` from a subfolder.
  {
    files: ['src-main/core/*/*.ts'],
    ignores: notCapabilities,
    rules: { 'no-restricted-imports': both(coreRule, restrict([], [leavesCapability(1)], isolationWhy)) },
  },
  {
    files: ['src-main/core/*/*/*.ts'],
    ignores: notCapabilities,
    rules: { 'no-restricted-imports': both(coreRule, restrict([], [leavesCapability(2)], isolationWhy)) },
  },
  {
    files: ['src-main/core/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...electron, ...ui, ...nodeBuiltins],
        ['(^|/)src-renderer/', '^\\.\\./'],
        'the contract runs anywhere: only zod and its own files.',
      ),
    },
  },
  {
    files: ['src-main/hub/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([...electron, ...ui], ['(^|/)src-renderer/', '(^|/)shell/'], 'the hub runs under plain Node: no Electron, no UI.'),
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, ...electron, 'ws', 'sql.js'],
        ['(^|/)src-main/'],
        'the renderer runs in a browser: nothing from Node or Electron; from src-main only the contract, as @contract/….',
      ),
    },
  },
);
