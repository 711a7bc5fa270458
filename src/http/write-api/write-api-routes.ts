// The write API (mounted at /api/v1): create or update indicators and sources, report figures,
// correct and retract them. Behind the admin token, bodies checked and size-limited, every write
// through the same domain functions (and so the same rules and audit) as the chat commands, with
// `Idempotency-Key` honoured. The actor recorded for these writes is `api`.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { WriteContext } from '../../domain/db.js';
import { isDomainError } from '../../domain/errors.js';
import { correctFigure, reportFigure, retractFigure } from '../../domain/figures.js';
import { getIndicator, upsertIndicator } from '../../domain/indicators.js';
import { getSource, upsertSource } from '../../domain/sources.js';
import type { Locale } from '../../domain/types.js';
import { valueFromJson } from '../../domain/value.js';
import { ApiError } from '../api-error.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { bodyLimit } from '../body-limit.js';
import { figureJson, indicatorJson, sourceJson } from '../present.js';
import { errorLocale, requestLocale } from '../request-locale.js';
import { figureIdParam, langOnlyQuery, slugParam } from '../request-schemas.js';
import { errorResponses, FigureSchema, IndicatorSchema, jsonResponse, SourceSchema } from '../response-schemas.js';
import { requireAdminToken } from './admin-token.js';
import { domainErrorResponse } from './domain-error-response.js';
import { KEY_PATTERN, requestHash, runIdempotent, type StoredAnswer } from './idempotency.js';
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

const idempotencyHeader = z.object({
  'Idempotency-Key': z.string().optional().openapi({
    description: 'A retried request with the same key replays the first answer and writes nothing (1 to 255 printable ASCII characters)',
  }),
});

const body = <S extends z.ZodType>(schema: S) => ({ body: { required: true, content: { 'application/json': { schema } } } }) as const;

const WRITE_ERRORS = [400, 401, 403, 413, 415, 422] as const;

const putIndicator = createRoute({
  method: 'put',
  path: '/indicators/{slug}',
  summary: "Create or update an indicator's descriptive fields (fields left out keep their values)",
  tags: ['write'],
  security: [{ adminToken: [] }],
  request: { params: slugParam, query: langOnlyQuery, ...body(indicatorBody) },
  responses: {
    200: jsonResponse(IndicatorSchema, 'Updated'),
    201: jsonResponse(IndicatorSchema, 'Created'),
    ...errorResponses([...WRITE_ERRORS, 409], { 409: 'The kind cannot change once figures were recorded (indicator_kind_locked)' }),
  },
});

const putSource = createRoute({
  method: 'put',
  path: '/sources/{slug}',
  summary: "Create or update a source's descriptive fields",
  tags: ['write'],
  security: [{ adminToken: [] }],
  request: { params: slugParam, query: langOnlyQuery, ...body(sourceBody) },
  responses: { 200: jsonResponse(SourceSchema, 'Updated'), 201: jsonResponse(SourceSchema, 'Created'), ...errorResponses(WRITE_ERRORS) },
});

const postFigure = createRoute({
  method: 'post',
  path: '/figures',
  summary: 'Report a figure (Idempotency-Key honoured)',
  tags: ['write'],
  security: [{ adminToken: [] }],
  request: { query: langOnlyQuery, headers: idempotencyHeader, ...body(figureBody) },
  responses: { 201: jsonResponse(FigureSchema, 'Recorded, with its public id'), ...errorResponses(WRITE_ERRORS) },
});

const postCorrection = createRoute({
  method: 'post',
  path: '/figures/{id}/corrections',
  summary: 'Correct a figure: a new value and the reason',
  tags: ['write'],
  security: [{ adminToken: [] }],
  request: { params: figureIdParam, query: langOnlyQuery, headers: idempotencyHeader, ...body(correctionBody) },
  responses: { 201: jsonResponse(FigureSchema, 'Corrected'), ...errorResponses([...WRITE_ERRORS, 404, 409]) },
});

const postRetraction = createRoute({
  method: 'post',
  path: '/figures/{id}/retraction',
  summary: 'Retract a figure, with the reason (it stays in the history, marked)',
  tags: ['write'],
  security: [{ adminToken: [] }],
  request: { params: figureIdParam, query: langOnlyQuery, headers: idempotencyHeader, ...body(retractionBody) },
  responses: { 201: jsonResponse(FigureSchema, 'Retracted'), ...errorResponses([...WRITE_ERRORS, 404, 409]) },
});

export function writeApiRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const routes = new OpenAPIHono<AppEnv>();
  routes.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_API_TOKEN; while it is unset, the writes answer 403 write_api_disabled',
  });
  const auth = requireAdminToken(deps.config.adminApiToken);
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', { maxBytes: MAX_BODY_BYTES });
    },
  });
  const guard = { middleware: [auth, limit] };
  // The answer is JSON text — fresh, or replayed from the idempotency store — so its type cannot be
  // carried to the route's; present.ts types each body by its schema, and the OpenAPI test checks
  // real answers against the document.
  const write = (c: Context<AppEnv>, run: (scope: WriteScope) => Promise<Answer>) => answer(c, deps, run) as Promise<never>;

  routes.openapi({ ...putIndicator, ...guard }, (c) =>
    write(c, async ({ trx, ctx }) => {
      const { slug } = c.req.valid('param');
      const existed = (await getIndicator(trx, slug)) !== undefined;
      const indicator = await upsertIndicator(trx, { ...c.req.valid('json'), slug }, ctx);
      return { status: existed ? 200 : 201, body: indicatorJson(indicator) };
    }),
  );

  routes.openapi({ ...putSource, ...guard }, (c) =>
    write(c, async ({ trx, ctx }) => {
      const { slug } = c.req.valid('param');
      const existed = (await getSource(trx, slug)) !== undefined;
      const source = await upsertSource(trx, { ...c.req.valid('json'), slug }, ctx);
      return { status: existed ? 200 : 201, body: sourceJson(source) };
    }),
  );

  routes.openapi({ ...postFigure, ...guard }, (c) =>
    write(c, async ({ trx, ctx, locale }) => {
      const json = c.req.valid('json');
      const figure = await reportFigure(trx, { ...json, value: valueFromJson(json.value) }, ctx);
      return { status: 201, body: figureJson(figure, locale) };
    }),
  );

  routes.openapi({ ...postCorrection, ...guard }, (c) =>
    write(c, async ({ trx, ctx, locale }) => {
      const json = c.req.valid('json');
      const { after } = await correctFigure(trx, c.req.valid('param').id, valueFromJson(json.value), json.reason, ctx);
      return { status: 201, body: figureJson(after, locale) };
    }),
  );

  routes.openapi({ ...postRetraction, ...guard }, (c) =>
    write(c, async ({ trx, ctx, locale }) => {
      const figure = await retractFigure(trx, c.req.valid('param').id, c.req.valid('json').reason, ctx);
      return { status: 201, body: figureJson(figure, locale) };
    }),
  );

  return routes;
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
      throw new ApiError('invalid_idempotency_key', { field: 'Idempotency-Key' });
    }
    const idempotency = key === undefined ? null : { key, hash: requestHash(c.req.method, c.req.path, await c.req.text()), now };
    const ctx: WriteContext = { actor: API_ACTOR, now };
    const outcome = await runIdempotent(deps.handle.db, idempotency, async (trx): Promise<StoredAnswer> => {
      const result = await run({ trx, ctx, locale });
      return { status: result.status, body: JSON.stringify(result.body) };
    });
    if (outcome.kind === 'mismatch') {
      throw new ApiError('idempotency_key_reused', { field: 'Idempotency-Key' });
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
