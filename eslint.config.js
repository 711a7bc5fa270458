// Lint rules. The one that matters most: platform and HTTP libraries are imported only where the
// platform code lives, so the domain and the commands stay platform-neutral.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const platformLibraries = ['grammy', '@grammyjs/*', 'discord.js', '@discordjs/*', 'discord-api-types', 'discord-api-types/*', 'discord-interactions', 'hono', 'hono/*', '@hono/*'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Migrations are frozen in time: they see the database as Kysely<any>, never the app's types.
    files: ['db/migrations/**/*.ts', 'db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/*.ts', 'commands/**/*.ts', 'db/**/*.ts'],
    ignores: ['src/platforms/**', 'src/http/**', 'src/web/**', 'src/main.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: platformLibraries, message: 'Platform and HTTP libraries belong under src/platforms/ or src/http/ only.' }],
      }],
    },
  },
  {
    // Charts are pure: domain data in, image out. No platform, HTTP or database code.
    files: ['src/charts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: platformLibraries, message: 'Charts are pure: no platform or HTTP library.' },
          { group: ['kysely', 'better-sqlite3', 'pg', '**/db/**', '**/http/**', '**/platforms/**', '**/web/**', '**/domain/db.js', '**/domain/read-cache.js'], message: 'Charts are pure: data in, SVG out; no database or HTTP code.' },
        ],
      }],
    },
  },
);
