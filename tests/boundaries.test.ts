// The folder boundaries (README "Where things are") are enforced by the linter, not hoped for:
// each import below, written in the file named, fails `npm run lint`; the allowed ones pass.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The no-restricted-imports messages for `source` as if it were the file at `filePath`. */
async function refusals(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport type { X };\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const wrong: readonly (readonly [string, string])[] = [
  ['src/domain/figures.ts', "import type { X } from '../platforms/platform.js';"],
  ['src/domain/figures.ts', "import type { X } from '../http/app.js';"],
  ['src/domain/figures.ts', "import type { X } from 'better-sqlite3';"],
  ['src/domain/figures.ts', "import type { X } from 'pg';"],
  ['src/domain/figures.ts', "import type { X } from '../core/reply.js';"],
  ['src/core/run-command.ts', "import type { X } from '../platforms/telegram/index.js';"],
  ['src/core/run-command.ts', "import type { X } from 'grammy';"],
  ['src/delivery/worker.ts', "import type { X } from '../platforms/discord/sender.js';"],
  ['src/delivery/worker.ts', "import type { X } from '../http/app.js';"],
  ['src/platforms/telegram/render.ts', "import type { X } from '../discord/render.js';"],
  ['src/platforms/telegram/render.ts', "import type { X } from 'discord.js';"],
  ['src/platforms/discord/render.ts', "import type { X } from '../telegram/render.js';"],
  ['src/platforms/discord/render.ts', "import type { X } from 'grammy';"],
  ['src/http/app.ts', "import type { X } from '@discordjs/rest';"],
  ['src/i18n/messages.ts', "import type { X } from '../core/access.js';"],
  ['db/migrations/20260111T000000-data-version-notify.ts', "import type { X } from '../schema.js';"],
  ['db/migrations/20260111T000000-data-version-notify.ts', "import type { X } from '../../src/domain/types.js';"],
  ['commands/count.ts', "import type { X } from 'hono';"],
];

const allowed: readonly (readonly [string, string])[] = [
  ['src/core/run-command.ts', "import type { X } from '../domain/types.js';"],
  ['src/delivery/worker.ts', "import type { X } from '../core/reply.js';"],
  ['src/platforms/telegram/render.ts', "import type { X } from 'grammy';"],
  ['src/platforms/discord/render.ts', "import type { X } from 'discord-api-types/v10';"],
  ['src/platforms/telegram/index.ts', "import type { X } from '../platform.js';"],
  ['src/main.ts', "import type { X } from './platforms/telegram/index.js';"],
  ['db/connect.ts', "import type { X } from 'pg';"],
];

describe('import boundaries', () => {
  it.each(wrong)('%s may not: %s', async (file, source) => {
    expect(await refusals(file, source)).toHaveLength(1);
  });

  it.each(allowed)('%s may: %s', async (file, source) => {
    expect(await refusals(file, source)).toEqual([]);
  });
});
