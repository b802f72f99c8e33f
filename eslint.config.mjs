// Lint keeps the layers pointing one way (as VS Code's code-layering rule does):
//   src-main/core/contract  runs anywhere: no Node, no Electron, no React
//   src-main/core           domain on Node: no Electron, no React, no renderer
//   src-main/hub            Node server: no Electron
//   src-renderer            browser: nothing from Node, Electron, or src-main but the contract
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

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([...electron, ...ui], ['(^|/)src-renderer/', '(^|/)hub/', '(^|/)shell/'], 'src-main/core is the domain: it never imports Electron, React, the hub or the renderer.'),
    },
  },
  {
    files: ['src-main/core/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([...electron, ...ui, ...nodeBuiltins], ['(^|/)src-renderer/', '^\\.\\./'], 'the contract runs anywhere: only zod and its own files.'),
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
        ['(^|/)src-main/(?!core/contract/)'],
        'the renderer runs in a browser: nothing from Node or Electron; from src-main only the contract.',
      ),
    },
  },
);
