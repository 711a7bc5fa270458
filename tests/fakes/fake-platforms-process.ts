// The fake Telegram and Discord APIs in a process of their own, started by
// fake-platforms-client.ts with an IPC channel. A test whose workers share its event loop with the
// fakes sees their receipt times shifted by its own stalls; here nothing else runs on this loop,
// so a receipt time is when the request arrived. Options come as JSON in FAKE_PLATFORMS_OPTIONS;
// the parent asks over IPC for what the fakes recorded, and this process exits when asked to or
// when the channel closes (the parent died), so it never outlives the test.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startFakeDiscordApi, type FakeDiscordOptions } from './fake-discord-api.js';
import { startFakeTelegramApi, type FakeTelegramOptions } from './fake-telegram-api.js';

export interface FakePlatformsOptions {
  readonly telegram?: FakeTelegramOptions;
  readonly discord?: FakeDiscordOptions;
}

/** Parent → child. */
export type FakePlatformsRequest = { readonly type: 'snapshot'; readonly id: number; readonly resetLoopDelay?: boolean } | { readonly type: 'close' };

/** Child → parent. */
export type FakePlatformsMessage =
  | { readonly type: 'ready'; readonly telegramUrl: string; readonly discordUrl: string }
  | { readonly type: 'snapshot'; readonly id: number; readonly snapshot: FakePlatformsSnapshot };

export interface FakePlatformsSnapshot {
  /**
   * The longest this process's event loop was late (blocked, or not scheduled on a busy machine)
   * since it started or the last reset: how late a receipt time here can be stamped.
   */
  readonly loopDelayMaxMs: number;
  readonly telegram: {
    readonly messages: { readonly chatId: string; readonly threadId: string | null; readonly text: string; readonly at: number }[];
    readonly rateLimited: { readonly overall: number; readonly chat: number; readonly group: number };
  };
  readonly discord: {
    readonly messages: { readonly channelId: string; readonly content: string; readonly nonce: string | null; readonly at: number }[];
    readonly rateLimited: { readonly global: number };
  };
}

const send = process.send?.bind(process);
if (!send) throw new Error('fake-platforms-process.ts is started by fake-platforms-client.ts, with an IPC channel');

const options = JSON.parse(process.env.FAKE_PLATFORMS_OPTIONS ?? '{}') as FakePlatformsOptions;
const telegram = await startFakeTelegramApi(options.telegram);
const discord = await startFakeDiscordApi(options.discord);

const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

let closing = false;
async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  await Promise.all([telegram.close(), discord.close()]);
  process.exit(0);
}

process.on('disconnect', () => void close());
process.on('message', (request: FakePlatformsRequest) => {
  if (request.type === 'close') return void close();
  const snapshot: FakePlatformsSnapshot = {
    loopDelayMaxMs: loopDelay.max / 1e6,
    telegram: {
      messages: telegram.messages.map(({ chatId, threadId, text, at }) => ({ chatId, threadId, text, at })),
      rateLimited: telegram.rateLimited,
    },
    discord: {
      messages: discord.messages.map(({ channelId, content, nonce, at }) => ({ channelId, content, nonce, at })),
      rateLimited: discord.rateLimited,
    },
  };
  if (request.resetLoopDelay) loopDelay.reset();
  send({ type: 'snapshot', id: request.id, snapshot } satisfies FakePlatformsMessage);
});
send({ type: 'ready', telegramUrl: telegram.url, discordUrl: discord.url } satisfies FakePlatformsMessage);
