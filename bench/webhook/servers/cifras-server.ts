// cifras as `cifras serve` runs it (startServer, the composition root) with both platforms on:
// POST /telegram/webhook (PUBLIC_URL and the secret set) and POST /discord/interactions, over the
// benchmark's SQLite file (or, for case h, its PostgreSQL copy). The Bot API and Discord REST point at local fakes: a /count answer
// rides in the webhook/interaction response, so they should see nothing but grammY's getMe.
import { loadConfig } from '../../../src/config.js';
import { startServer } from '../../../src/main.js';
import { startFakeDiscordApi } from '../../../tests/fakes/fake-discord-api.js';
import { startFakeTelegramApi } from '../../../tests/fakes/fake-telegram-api.js';
import { DISCORD_APPLICATION_ID, TELEGRAM_SECRET, TELEGRAM_TOKEN, type RunningServer, type ServerSpec } from '../server-spec.js';

export async function startCifras(spec: Extract<ServerSpec, { kind: 'cifras' }>): Promise<RunningServer> {
  const telegramApi = await startFakeTelegramApi();
  const discordApi = await startFakeDiscordApi();
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: spec.databaseUrl,
    CIFRAS_SEED: 'false',
    LOG_LEVEL: spec.logLevel,
    PUBLIC_URL: 'https://cifras.example.org',
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    TELEGRAM_API_ROOT: telegramApi.url,
    DISCORD_APPLICATION_ID,
    DISCORD_PUBLIC_KEY: spec.discordPublicKey,
    DISCORD_BOT_TOKEN: 'bench-discord-token',
    DISCORD_API_BASE: discordApi.url,
    // The benchmark measures answering: its thousand readers (and, on Discord, one server channel)
    // would otherwise meet flood control within the first second and measure refusals instead.
    COMMANDS_PER_USER_PER_MINUTE: '0',
    COMMANDS_PER_CHAT_PER_MINUTE: '0',
  });
  // The same wiring `cifras serve` uses (without the delivery worker, as `serve --no-worker`).
  const server = await startServer({ config, handleSignals: false });
  return {
    port: server.port,
    async stop() {
      await server.close();
      const outgoing = { telegram: telegramApi.calls.map((c) => c.method), discord: discordApi.calls.length };
      await telegramApi.close();
      await discordApi.close();
      return outgoing;
    },
  };
}
