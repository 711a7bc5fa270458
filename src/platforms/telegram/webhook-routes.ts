// POST /telegram/webhook: Telegram updates through grammY's webhookCallback. A missing or wrong
// X-Telegram-Bot-Api-Secret-Token gets 401 before the body is even read (counted in
// webhook_rejected_total). The answer's last call rides in the response body: grammY's webhook
// reply, whose envelope webhookCallback makes for each request and hands to handleUpdate.
//
// Telegram re-sends every update that got a 5xx, forever, so a body cifras cannot use is answered
// here before grammY reads it (update-shape.ts): over 1 MiB 413, not JSON 400, an update of a
// shape cifras does not know 200 (ignored, logged, counted). Each is counted by its reason.
//
// grammY's built-in 'hono' adapter answers a webhook reply with `c.json(payload)`, but the payload
// it is handed is already a JSON string, so Telegram would receive a JSON-encoded string and drop
// the answer. This adapter sends the string as it is.
import { createHash, timingSafeEqual } from 'node:crypto';
import { webhookCallback, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { Hono, type Context as HonoContext } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { bodyLimit } from '../../http/body-limit.js';
import { errorBody } from '../../http/error-handler.js';
import { requestLog } from '../../http/request-logger.js';
import type { Metrics } from '../../metrics.js';
import { readUpdate } from './update-shape.js';

/** Where Telegram posts updates (`cifras register` sets the webhook to PUBLIC_URL + this). */
export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export interface TelegramWebhookDeps {
  readonly bot: Bot;
  /** TELEGRAM_WEBHOOK_SECRET: required — an unauthenticated webhook would accept forged updates. */
  readonly secretToken: string | null;
  readonly metrics?: Pick<Metrics, 'webhookRejected'>;
}

/** A sub-app serving TELEGRAM_WEBHOOK_PATH, to mount at the root. */
export function telegramWebhookRoutes(deps: TelegramWebhookDeps): Hono<AppEnv> {
  if (deps.secretToken === null) {
    throw new Error('the Telegram webhook needs TELEGRAM_WEBHOOK_SECRET; without PUBLIC_URL use long polling instead');
  }
  const onUnauthorized = (): void => deps.metrics?.webhookRejected.inc({ platform: 'telegram', reason: 'bad_secret' });
  const handle = webhookCallback(deps.bot, honoAdapter(onUnauthorized), { secretToken: deps.secretToken });
  const expected = sha256(deps.secretToken);
  const rejected = (reason: string): void => deps.metrics?.webhookRejected.inc({ platform: 'telegram', reason });
  const limit = bodyLimit({
    maxSize: MAX_UPDATE_BYTES,
    onError: (c) => {
      rejected('too_large');
      return c.json(errorBody('payload_too_large', `a Telegram update is at most ${MAX_UPDATE_BYTES} bytes`), 413);
    },
  });
  return new Hono<AppEnv>().post(
    TELEGRAM_WEBHOOK_PATH,
    async (c, next) => {
      // grammY checks the secret only after its first getMe call; a forged request must get its
      // 401 at once, whether or not the Bot API can be reached.
      if (!sameSecret(c.req.header(SECRET_HEADER), expected)) {
        onUnauthorized();
        return c.body(null, 401);
      }
      await next();
      return undefined;
    },
    limit,
    async (c) => {
      const reading = readUpdate(await c.req.text());
      if (reading.kind === 'invalid_json') {
        rejected('invalid_json');
        return c.json(errorBody('invalid_json', 'the body is not JSON'), 400);
      }
      if (reading.kind === 'unknown_shape') {
        rejected('unknown_shape');
        requestLog(c)?.warn({ problems: reading.problems }, 'telegram update of an unknown shape ignored');
        return c.body(null, 200);
      }
      return handle(c, reading.update as Update);
    },
  );
}

/** Updates are a few kilobytes; Telegram's largest (a long message with its entities) far below this. */
export const MAX_UPDATE_BYTES = 1024 * 1024;

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Constant-time comparison, so the secret cannot be guessed from response times. Both sides are
 * hashed first: equal lengths for timingSafeEqual, and the secret's length does not show either.
 */
function sameSecret(given: string | undefined, expectedDigest: Buffer): boolean {
  return given !== undefined && timingSafeEqual(sha256(given), expectedDigest);
}

/** grammY's ReqResHandler (not exported by grammy), for one Hono request. */
interface WebhookRequest {
  readonly update: Promise<Update>;
  readonly header: string | undefined;
  end(): void;
  respond(json: string): void;
  unauthorized(): void;
  readonly handlerReturn: Promise<Response>;
}

/** The adapter for one request whose body was already read and checked (readUpdate). */
function honoAdapter(onUnauthorized: () => void) {
  return (c: HonoContext, parsed: Update): WebhookRequest => {
    let resolveResponse: (response: Response) => void = () => {};
    const handlerReturn = new Promise<Response>((resolve) => {
      resolveResponse = resolve;
    });
    return {
      get update(): Promise<Update> {
        return Promise.resolve(parsed);
      },
      header: c.req.header(SECRET_HEADER),
      end: () => resolveResponse(c.body(null, 200)),
      respond: (json) => resolveResponse(c.body(json, 200, { 'Content-Type': 'application/json' })),
      unauthorized: () => {
        onUnauthorized();
        resolveResponse(c.body(null, 401));
      },
      handlerReturn,
    };
  };
}
