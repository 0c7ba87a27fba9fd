import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default ts.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'bench/results/', 'bench/.corpus/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: ts.parser } },
  },
  // The dependency direction of HOUSE.md: a wrong arrow fails `npm run lint`.
  {
    files: ['server/pipeline/**/*.ts'],
    rules: restrict(
      ['**/db/**', 'fastify', '@fastify/*', 'kysely', 'better-sqlite3', '**/modules/**', '**/plugins/**'],
      'The pipeline is pure: text in, data out.',
    ),
  },
  {
    files: ['server/modules/**/*.routes.ts'],
    rules: restrict(['**/db/**', 'kysely', 'better-sqlite3'], 'Routes call services; SQL lives in db/*.repository.ts.'),
  },
  {
    files: ['server/**/*.ts', 'bin/**/*.ts'],
    // Tests may look into the real database they run against.
    ignores: ['**/*.test.ts'],
    rules: restrict(['kysely', 'better-sqlite3'], 'Only db/ imports kysely or better-sqlite3.'),
  },
  {
    files: ['migrations/**/*.ts'],
    ignores: ['migrations/**/*.test.ts'],
    rules: restrict(['../*', '!./*'], 'Migrations are frozen: they import only kysely.'),
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', '**/db/**'], message: 'The web app talks to the API over HTTP.', allowTypeImports: true }] },
      ],
    },
  },
);
