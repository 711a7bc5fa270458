// Long polling, for a bot without a public address (PUBLIC_URL unset): grammY's bot.start, which
// first removes any webhook. Errors from one update are logged by the bot's error boundary and
// polling carries on — there is no HTTP response to fail instead.
import type { Bot } from 'grammy';
import { ALLOWED_UPDATES } from './register.js';

export interface Polling {
  /** Resolves once polling has started (the webhook is removed and the first getUpdates is out). */
  readonly started: Promise<void>;
  /** Stops polling after the current batch; resolves when stopped. */
  stop(): Promise<void>;
}

export interface PollingOptions {
  readonly logger: { error(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
}

export function startPolling(bot: Bot, options: PollingOptions): Polling {
  bot.catch((error) => {
    options.logger.error({ err: error.error, updateId: error.ctx.update.update_id }, 'telegram update failed');
  });
  let onStarted: () => void = () => {};
  let onFailed: (error: unknown) => void = () => {};
  const started = new Promise<void>((resolve, reject) => {
    onStarted = resolve;
    onFailed = reject;
  });
  const running = bot
    .start({
      allowed_updates: [...ALLOWED_UPDATES],
      onStart: (info) => {
        options.logger.info({ username: info.username }, 'telegram long polling started');
        onStarted();
      },
    })
    .catch((error: unknown) => {
      onFailed(error);
      options.logger.error({ err: error }, 'telegram long polling stopped with an error');
    });
  return {
    started,
    stop: async () => {
      await bot.stop();
      await running;
    },
  };
}
