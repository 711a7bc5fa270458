// grammY's getMe as the server starts, so the first update does not wait for it and a token
// Telegram rejects is reported at startup instead of at the first update.
import { GrammyError, type Bot } from 'grammy';
import type { Logger } from '../../logger.js';

/** How long the startup getMe may keep trying (grammY retries network errors and 5xx meanwhile). */
export const WARM_UP_TIMEOUT_MS = 30_000;

/**
 * grammY's getMe as the server starts: the first update then does not wait for it, and a token
 * Telegram rejects is reported at startup instead of at the first update. Never throws: if the Bot
 * API cannot be reached now, grammY asks again, with retries, when the first update arrives. An
 * update that arrives meanwhile waits for this same call (grammY shares it).
 */
export async function warmUp(bot: Bot, logger: Pick<Logger, 'info' | 'warn' | 'error'>, timeoutMs = WARM_UP_TIMEOUT_MS): Promise<void> {
  try {
    // grammY types its signal with the abort-controller polyfill's AbortSignal; Node's is the same thing.
    await bot.init(AbortSignal.timeout(timeoutMs) as Parameters<Bot['init']>[0]);
    logger.info({ username: bot.botInfo.username }, 'telegram bot ready');
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      logger.error('Telegram rejected TELEGRAM_BOT_TOKEN (getMe: 401 Unauthorized): check the token with @BotFather');
    } else {
      logger.warn({ err: error }, 'could not reach the Telegram Bot API at startup; the first update will try again');
    }
  }
}
