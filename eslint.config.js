// Lint rules. The ones that matter most are the boundaries (README "Where things are"): which
// folder may import which, so the domain and the commands stay platform-neutral and each platform
// stays behind its front door. `no-restricted-imports` takes one list per file, so each folder's
// list is built whole below; a wrong import fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const grammy = ['grammy', 'grammy/*', '@grammyjs/*'];
const discordLibraries = ['discord.js', '@discordjs/*', 'discord-api-types', 'discord-api-types/*', 'discord-interactions'];
const webLibraries = ['hono', 'hono/*', '@hono/*'];
const drivers = ['better-sqlite3', 'pg'];

/** One `no-restricted-imports` entry: npm packages by name, app folders by a regex on the path. */
function restricted({ packages = [], folders = [] }) {
  return {
    'no-restricted-imports': ['error', {
      patterns: [
        ...packages.map(({ names, message }) => ({ group: names, message })),
        ...folders.map(({ regex, message }) => ({ regex, message })),
      ],
    }],
  };
}

const platformLibs = { names: [...grammy, ...discordLibraries, ...webLibraries], message: 'Platform and HTTP libraries belong under src/platforms/<platform>/ or src/http/ only.' };
const driverLibs = { names: drivers, message: 'Database drivers are used in db/ only: ask the connection (db/connect.ts Capabilities) instead.' };
const anyPlatform = { regex: '(^|/)platforms/', message: 'Only the composition root (src/main.ts) knows the platforms; delivery reaches them through ChannelSender.' };
const http = { regex: '(^|/)http/', message: 'Only the composition root and the platforms use the HTTP app.' };
const app = { regex: '(^|/)(src|commands)/|^\\.\\./', message: 'Migrations are frozen in time: they import nothing of the app, only kysely.' };

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
  // Everything not listed below: no platform or HTTP library, no driver outside db/.
  { files: ['src/**/*.ts', 'commands/**/*.ts'], rules: restricted({ packages: [platformLibs, driverLibs] }) },
  {
    files: ['src/domain/**/*.ts'],
    rules: restricted({
      packages: [platformLibs, driverLibs],
      folders: [anyPlatform, http, { regex: '(^|/)(core|delivery)/', message: 'The domain is below the command kit and delivery: they import it, not the other way.' }],
    }),
  },
  {
    files: ['src/core/**/*.ts', 'commands/**/*.ts'],
    rules: restricted({ packages: [platformLibs, driverLibs], folders: [anyPlatform, http] }),
  },
  {
    files: ['src/delivery/**/*.ts'],
    rules: restricted({ packages: [platformLibs, driverLibs], folders: [anyPlatform, http] }),
  },
  {
    files: ['src/i18n/**/*.ts'],
    rules: restricted({
      packages: [platformLibs, driverLibs],
      folders: [anyPlatform, http, { regex: '(^|/)(core|delivery)/', message: 'The catalogs are below the command kit: the kit imports them.' }],
    }),
  },
  {
    files: ['src/http/**/*.ts'],
    rules: restricted({
      packages: [{ names: [...grammy, ...discordLibraries], message: 'grammY and the Discord libraries stay under their platform folder.' }, driverLibs],
      folders: [anyPlatform],
    }),
  },
  {
    files: ['src/platforms/telegram/**/*.ts'],
    rules: restricted({
      packages: [{ names: discordLibraries, message: 'Discord libraries stay under src/platforms/discord/.' }, driverLibs],
      folders: [{ regex: '(^|/)(discord|console)/', message: 'A platform does not import another.' }],
    }),
  },
  {
    files: ['src/platforms/discord/**/*.ts'],
    rules: restricted({
      packages: [{ names: grammy, message: 'grammY stays under src/platforms/telegram/.' }, driverLibs],
      folders: [{ regex: '(^|/)(telegram|console)/', message: 'A platform does not import another.' }],
    }),
  },
  {
    files: ['src/platforms/console/**/*.ts'],
    rules: restricted({
      packages: [{ names: [...grammy, ...discordLibraries], message: 'grammY and the Discord libraries stay under their platform folder.' }, driverLibs],
      folders: [{ regex: '(^|/)(telegram|discord)/', message: 'A platform does not import another.' }, http],
    }),
  },
  {
    // Charts are pure: domain data in, image out. No platform, HTTP, web or database code.
    files: ['src/charts/**/*.ts'],
    rules: restricted({
      packages: [
        platformLibs,
        driverLibs,
        { names: ['kysely'], message: 'Charts are pure: data in, SVG out; no database code.' },
      ],
      folders: [anyPlatform, http, { regex: '(^|/)(db|web)/|(^|/)domain/(db|read-cache)\\.js$', message: 'Charts are pure: data in, SVG out; no database, HTTP or web code.' }],
    }),
  },
  {
    // The public web (hono/jsx): like http/, no platform and no platform library.
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: restricted({
      packages: [{ names: [...grammy, ...discordLibraries], message: 'grammY and the Discord libraries stay under their platform folder.' }, driverLibs],
      folders: [anyPlatform],
    }),
  },
  {
    // The composition root is the one place that knows everything.
    files: ['src/main.ts', 'src/platforms/platform.ts'],
    rules: restricted({ packages: [{ names: [...grammy, ...discordLibraries], message: 'grammY and the Discord libraries stay under their platform folder.' }, driverLibs] }),
  },
  { files: ['db/migrations/**/*.ts'], rules: restricted({ folders: [app] }) },
);
