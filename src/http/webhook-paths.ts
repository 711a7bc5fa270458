// Where Telegram and Discord call us. Named here, below both the HTTP app and the platforms, because
// the app treats these routes differently from the ones people and proxies call (request-id.ts).
export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';

/** Routes only the platforms call: answered to a machine that reads nothing but the body. */
export const PLATFORM_WEBHOOK_PATHS: ReadonlySet<string> = new Set([TELEGRAM_WEBHOOK_PATH, DISCORD_INTERACTIONS_PATH]);
