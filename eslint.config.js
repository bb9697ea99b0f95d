// Lint: typescript-eslint's recommended rules plus the process boundaries the architecture depends on.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import cassette from './eslint/domainBoundaries.js';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'screenshots/**', 'bin/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // The map: units of src/main meet only through their index.ts, and arrows point down (eslint/domainBoundaries.js).
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { cassette },
    rules: { 'cassette/domain-boundaries': 'error' },
  },
  // The core runs under plain Node: only the Electron shell (and the preload bridge) may import electron.
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    ignores: ['src/main/index.ts', 'src/main/electron/**', 'src/preload/**', 'electron.vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src/main/index.ts and src/main/electron/** may import electron; inject a port instead.' }] }],
    },
  },
  // The renderer and the shared contract run in a browser: no Node built-ins.
  {
    files: ['src/renderer/**', 'src/shared/**'],
    // Tests of renderer code run under Node (they may start a host); the shipped code may not.
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the core only through the contract.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'src/renderer and src/shared must not import Node built-ins.' })),
          ],
          patterns: [{ group: ['node:*'], message: 'src/renderer and src/shared must not import Node built-ins.' }],
        },
      ],
    },
  },
);
