// The write API (mounted at /api/v1): create or update indicators and sources, report figures,
// correct and retract them. Behind the admin token, bodies checked and size-limited, every write
// through the same domain functions (and so the same rules and audit) as the chat commands, with
// `Idempotency-Key` honoured. The actor recorded for these writes is `api`.
import { Hono, type Context } from 'hono';
import { bodyLimit } from '../body-limit.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { WriteContext } from '../../domain/db.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { correctFigure, reportFigure, retractFigure } from '../../domain/figures.js';
import { getIndicator, upsertIndicator } from '../../domain/indicators.js';
import { getSource, upsertSource } from '../../domain/sources.js';
import type { Locale } from '../../domain/types.js';
import { isStoredInteger, valueFromJson } from '../../domain/value.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { errorBody } from '../error-handler.js';
import { figureJson, indicatorJson, sourceJson } from '../present.js';
import { errorLocale, requestLocale } from '../request-locale.js';
import { requireAdminToken } from './admin-token.js';
import { domainErrorResponse } from './domain-error-response.js';
import { KEY_PATTERN, requestHash, runIdempotent, type StoredAnswer } from './idempotency.js';
import { jsonBody } from './json-body.js';
import { correctionBody, figureBody, indicatorBody, retractionBody, sourceBody } from './schemas.js';

/** Bodies are a few hundred bytes; 64 KiB leaves room for long descriptions and nothing more. */
export const MAX_BODY_BYTES = 64 * 1024;
export const API_ACTOR = 'api';

interface WriteScope {
  readonly trx: Transaction<Database>;
  readonly ctx: WriteContext;
  readonly locale: Locale;
}

type Answer = { readonly status: 200 | 201; readonly body: unknown };

export function writeApiRoutes(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const auth = requireAdminToken(deps.config.adminApiToken);
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('payload_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`), 413),
  });
  const write = (c: Context<AppEnv>, run: (scope: WriteScope) => Promise<Answer>) => answer(c, deps, run);

  routes.put('/indicators/:slug', auth, limit, jsonBody(indicatorBody), (c) =>
    write(c, async ({ trx, ctx }) => {
      const slug = c.req.param('slug');
      const existed = (await getIndicator(trx, slug)) !== undefined;
      const indicator = await upsertIndicator(trx, { ...c.req.valid('json'), slug }, ctx);
      return { status: existed ? 200 : 201, body: indicatorJson(indicator) };
    }),
  );

  routes.put('/sources/:slug', auth, limit, jsonBody(sourceBody), (c) =>
    write(c, async ({ trx, ctx }) => {
      const slug = c.req.param('slug');
      const existed = (await getSource(trx, slug)) !== undefined;
      const source = await upsertSource(trx, { ...c.req.valid('json'), slug }, ctx);
      return { status: existed ? 200 : 201, body: sourceJson(source) };
    }),
  );

  routes.post('/figures', auth, limit, jsonBody(figureBody), (c) =>
    write(c, async ({ trx, ctx, locale }) => {
      const body = c.req.valid('json');
      const figure = await reportFigure(trx, { ...body, value: valueFromJson(body.value) }, ctx);
      return { status: 201, body: figureJson(figure, locale) };
    }),
  );

  routes.post('/figures/:id/corrections', auth, limit, jsonBody(correctionBody), (c) =>
    write(c, async ({ trx, ctx, locale }) => {
      const body = c.req.valid('json');
      const { after } = await correctFigure(trx, figureIdOf(c.req.param('id')), valueFromJson(body.value), body.reason, ctx);
      return { status: 201, body: figureJson(after, locale) };
    }),
  );

  routes.post('/figures/:id/retraction', auth, limit, jsonBody(retractionBody), (c) =>
    write(c, async ({ trx, ctx, locale }) => {
      const figure = await retractFigure(trx, figureIdOf(c.req.param('id')), c.req.valid('json').reason, ctx);
      return { status: 201, body: figureJson(figure, locale) };
    }),
  );

  return routes;
}

/** `17` or `#17` (URL-encoded); anything else, an id above the stored-integer limit included, names no figure. */
function figureIdOf(param: string): number {
  const text = decodeURIComponent(param).replace(/^#/, '');
  const id = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!isStoredInteger(id) || id < 1) throw new DomainError('figure_not_found', { id: param });
  return id;
}

/** Runs one write with idempotency and turns its outcome or domain error into the response. */
async function answer(c: Context<AppEnv>, deps: AppDeps, run: (scope: WriteScope) => Promise<Answer>): Promise<Response> {
  // An unsupported ?lang= is refused in the language the client can otherwise read.
  let locale = errorLocale(c, deps.config.defaultLocale);
  try {
    locale = requestLocale(c, deps.config.defaultLocale);
    const now = (deps.now ?? (() => new Date()))();
    const key = c.req.header('Idempotency-Key');
    if (key !== undefined && !KEY_PATTERN.test(key)) {
      return c.json(errorBody('invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 printable ASCII characters, e.g. a UUID'), 400);
    }
    const idempotency = key === undefined ? null : { key, hash: requestHash(c.req.method, c.req.path, await c.req.text()), now };
    const ctx: WriteContext = { actor: API_ACTOR, now };
    const outcome = await runIdempotent(deps.handle.db, idempotency, async (trx): Promise<StoredAnswer> => {
      const result = await run({ trx, ctx, locale });
      return { status: result.status, body: JSON.stringify(result.body) };
    });
    if (outcome.kind === 'mismatch') {
      return c.json(
        errorBody('idempotency_key_reused', 'this Idempotency-Key was already used for a different request: use a new key for a new request'),
        422,
      );
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=UTF-8' };
    if (outcome.kind === 'replay') headers['Idempotent-Replayed'] = 'true';
    // Through the context, so headers set by middleware (X-Request-Id) are kept.
    return c.body(outcome.answer.body, outcome.answer.status as 200 | 201, headers);
  } catch (error) {
    if (isDomainError(error)) return domainErrorResponse(c, error, locale);
    throw error;
  }
}
