// Floor of case a: the least a grammY bot on Hono can do per webhook update — parse the update,
// run grammY's middleware for a command, answer a fixed text as a webhook reply. It goes through
// the project's own webhook adapter (telegramWebhookRoutes, with the secret check), because
// grammY's stock 'hono' adapter double-encodes webhook replies; so the ratio a/b is the cost of
// cifras' own work: its middleware, the command, the database and the rendering.
//
// Given `answerHtml` (case f), it answers that text instead — a real /count answer, sent with the
// same HTML options — so that a/f leaves out what the answer's size alone costs (serializing,
// encoding and writing a few kilobytes instead of a line).
import { Bot } from 'grammy';
import { Hono } from 'hono';
import { HTML_OPTIONS } from '../../../src/platforms/telegram/render.js';
import { telegramWebhookRoutes } from '../../../src/platforms/telegram/webhook-routes.js';
import { startFakeTelegramApi } from '../../../tests/fakes/fake-telegram-api.js';
import { TELEGRAM_SECRET, TELEGRAM_TOKEN, type RunningServer } from '../server-spec.js';
import { listen } from './listen.js';

export const GRAMMY_FLOOR_TEXT = 'Fixed answer from the minimal grammY bot';

export async function startGrammyFloor(answerHtml?: string): Promise<RunningServer> {
  const api = await startFakeTelegramApi();
  const bot = new Bot(TELEGRAM_TOKEN, { client: { apiRoot: api.url, canUseWebhookReply: (method) => method === 'sendMessage' } });
  if (answerHtml === undefined) bot.command('count', (ctx) => ctx.reply(GRAMMY_FLOOR_TEXT));
  else bot.command('count', (ctx) => ctx.reply(answerHtml, HTML_OPTIONS));
  await bot.init();
  const app = new Hono();
  app.route('/', telegramWebhookRoutes({ bot, secretToken: TELEGRAM_SECRET }));
  const server = await listen(app);
  return {
    port: server.port,
    async stop() {
      await server.close();
      const outgoing = { telegram: api.calls.map((c) => c.method), discord: 0 };
      await api.close();
      return outgoing;
    },
  };
}
