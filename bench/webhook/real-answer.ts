// A real `/count` answer from the benchmark's database, rendered for each platform exactly as
// cifras sends it: the fixed answer of the same-answer floors (cases f and g), so that their
// responses are as long as cifras' own and the ratio to them leaves out the answer's size.
import type { Kysely } from 'kysely';
import { commands } from '../../commands/index.js';
import type { Database } from '../../db/schema.js';
import { createRegistry } from '../../src/core/registry.js';
import { runCommand } from '../../src/core/run-command.js';
import { renderDiscord } from '../../src/platforms/discord/render.js';
import { askInvocation } from '../../src/platforms/console/run-ask.js';
import { renderTelegramHtml } from '../../src/platforms/telegram/render.js';

export interface RealAnswer {
  /** The indicator asked about (`indicator-N`, "Indicador N"). */
  readonly indicator: number;
  /** The Telegram message's HTML text (one message: a /count answer fits in one). */
  readonly telegramHtml: string;
  /** The Discord message data (embeds, components, allowed_mentions). */
  readonly discordData: object;
}

export async function realCountAnswer(db: Kysely<Database>, indicator: number): Promise<RealAnswer> {
  const reply = await runCommand(createRegistry(commands), askInvocation({ line: `/count indicator-${indicator}`, lang: 'es' }), {
    db,
    config: { owners: [], defaultLocale: 'es' },
    now: () => new Date(),
  });
  const [message, ...more] = renderTelegramHtml(reply);
  if (message === undefined || more.length > 0) throw new Error(`bench: /count indicator-${indicator} should render as one Telegram message`);
  return { indicator, telegramHtml: message.text, discordData: renderDiscord(reply) };
}
