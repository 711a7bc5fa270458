// The Telegram flow once more against an independent Bot API emulator (telegram-test-api), in long
// polling mode: its webhook mode sends no secret header and ignores webhook replies, so polling is
// how it exercises the bot as a whole. A client types commands and presses a button; the bot polls,
// answers and edits through the emulator.
import { createServer } from 'node:net';
// The package's index has a CommonJS default export that NodeNext types see as a namespace; its
// server module exports the class by name.
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/connect.js';
import { createCommandRegistry } from '../../../commands/index.js';
import { loadConfig } from '../../../src/config.js';
import { loadDataset, seedIfEmpty } from '../../../src/domain/seed.js';
import { createLogger } from '../../../src/logger.js';
import { createReadCache } from '../../../src/domain/read-cache.js';
import { createTelegramBot } from '../../../src/platforms/telegram/create-telegram-bot.js';
import { startPolling, type Polling } from '../../../src/platforms/telegram/polling.js';
import { dialects } from '../../support/databases.js';
import { BOT_INFO, NOW, TOKEN } from './telegram-harness.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface StoredBotMessage {
  messageId: number;
  message: { chat_id: number | string; text: string; parse_mode?: string; reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] } };
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Telegram via telegram-test-api, long polling (${dialect.name})`, () => {
    let server: TelegramServer;
    let handle: DatabaseHandle;
    let polling: Polling;

    beforeEach(async () => {
      server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
      await server.start();
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: NOW });
      const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL, DEFAULT_LOCALE: 'es' });
      const bot = createTelegramBot({
        db: handle.db,
        cache: createReadCache(handle.capabilities.dataVersion),
        config,
        logger: createLogger({ level: 'silent' }),
        registry: createCommandRegistry(),
        now: () => NOW,
        botInfo: BOT_INFO,
      });
      polling = startPolling(bot, { logger: createLogger({ level: 'silent' }) });
      await polling.started;
    });

    afterEach(async () => {
      await polling.stop();
      await server.stop();
      await handle.close();
    });

    it('answers /count presos políticos, then a button press on an ambiguous question', async () => {
      const client = server.getClient(TOKEN, { userId: 7001, chatId: 7001, type: 'private', firstName: 'Ana' });
      const answered = server.waitBotMessage();
      await client.sendCommand(client.makeCommand('/count presos políticos'));
      await answered;
      const [count] = (await client.getUpdates()).result as unknown as StoredBotMessage[];
      expect(count?.message.parse_mode).toBe('HTML');
      expect(count?.message.text).toMatch(/<b>Foro Penal<\/b>: 902 — al 20 dic 2025 · <a href="https:\/\/kudupinter\.com\/\?p=110469">/);
      expect(count?.message.text).toContain('⚠️ desactualizada');

      await loadDataset(
        handle.db,
        { indicators: [{ slug: 'political-violence', kind: 'stock', name: { es: 'Violencia política', en: 'Political violence' } }] },
        { actor: 'test', now: NOW },
      );
      const asked = server.waitBotMessage();
      await client.sendCommand(client.makeCommand('/cifras political'));
      await asked;
      const [choice] = (await client.getUpdates()).result as unknown as StoredBotMessage[];
      const buttons = choice?.message.reply_markup?.inline_keyboard.flat() ?? [];
      expect(buttons.map((b) => b.callback_data).sort()).toEqual(['/count political-prisoners', '/count political-violence']);

      const edited = server.waitBotEdits();
      await client.sendCallback(client.makeCallbackQuery('/count political-prisoners', { message: { message_id: choice?.messageId ?? 0 } }));
      await edited;
      const stored = server.storage.botMessages.find((u) => u.messageId === choice?.messageId);
      expect(stored?.message.text).toMatch(/<b>Foro Penal<\/b>: 902/);
    });
  });
}
