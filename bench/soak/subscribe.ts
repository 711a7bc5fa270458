// The soak's subscribers, subscribed through the real entry points before any write: Telegram
// private chats sending /subscribe to the webhook, Discord channels' /subscribe from a member who
// manages channels, signed as Discord signs it. One chat on each platform is fragile: from a random
// moment on it answers 403.
import { MANAGE_CHANNELS, interactionId, slashCommand } from '../../tests/support/discord-interactions.js';
import type { InteractionSigner } from '../../tests/support/discord-signing.js';
import type { SoakSubscriber } from './account.js';
import { TELEGRAM_SECRET } from './writers.js';

export const SUBSCRIBERS: readonly SoakSubscriber[] = [
  ...['7101', '7102', '7103', '7104'].map((chatId) => ({ platform: 'telegram' as const, chatId, fragile: false })),
  { platform: 'telegram', chatId: '7199', fragile: true },
  ...['3000000000000000001', '3000000000000000002', '3000000000000000003', '3000000000000000004'].map((chatId) => ({ platform: 'discord' as const, chatId, fragile: false })),
  { platform: 'discord', chatId: '3000000000000000099', fragile: true },
];

async function expectOk(response: Response, what: string): Promise<void> {
  const body = await response.text();
  if (response.status !== 200) throw new Error(`soak: ${what} answered ${response.status}: ${body}`);
}

export async function subscribeAll(base: string, signer: InteractionSigner): Promise<void> {
  for (const [i, subscriber] of SUBSCRIBERS.entries()) {
    if (subscriber.platform === 'telegram') {
      const id = Number(subscriber.chatId);
      const update = {
        update_id: 4_000_000 + i,
        message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id, type: 'private', first_name: 'Lectora' }, from: { id, is_bot: false, first_name: 'Lectora', language_code: 'es' }, text: '/subscribe', entities: [{ type: 'bot_command', offset: 0, length: 10 }] },
      };
      const response = await fetch(`${base}/telegram/webhook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': TELEGRAM_SECRET },
        body: JSON.stringify(update),
      });
      await expectOk(response, `/subscribe in Telegram chat ${id}`);
    } else {
      const channel = { id: subscriber.chatId, type: 0, guild_id: '1111111111111111111', name: `soak-${i}`, position: 0, flags: 0, parent_id: null, nsfw: false, permissions: '2248473465835073' };
      const body = JSON.stringify({ ...slashCommand('subscribe', {}, { id: interactionId(), permissions: MANAGE_CHANNELS, channel }), channel_id: subscriber.chatId });
      const response = await fetch(`${base}/discord/interactions`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...signer.sign(body) }, body });
      await expectOk(response, `/subscribe in Discord channel ${subscriber.chatId}`);
    }
  }
}
