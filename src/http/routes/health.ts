// Liveness and readiness. /healthz says the process answers; /readyz says this replica can serve:
// the database answers within a deadline and every migration is applied (a replica started
// against an older schema must not take traffic).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { migrationsApplied } from '../../../db/migrate.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { requestLog } from '../request-logger.js';
import { jsonResponse } from '../response-schemas.js';

const READY_TIMEOUT_MS = 2000;

const Ok = z.object({ status: z.literal('ok') });

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'The process answers',
  tags: ['operations'],
  responses: { 200: jsonResponse(Ok, 'Alive') },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  summary: 'This replica can serve: the database answers and every migration is applied',
  tags: ['operations'],
  responses: {
    200: jsonResponse(Ok, 'Ready'),
    503: jsonResponse(z.object({ status: z.literal('unavailable'), reason: z.string() }), 'Not ready, and why (details in the log)'),
  },
});

export function healthRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const routes = new OpenAPIHono<AppEnv>();
  routes.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200));
  routes.openapi(readyz, async (c) => {
    const problem = await readinessProblem(deps);
    if (problem === null) return c.json({ status: 'ok' as const }, 200);
    requestLog(c)?.warn({ reason: problem.reason, err: problem.error }, 'not ready');
    return c.json({ status: 'unavailable' as const, reason: problem.reason }, 503);
  });
  return routes;
}

async function readinessProblem({ handle }: AppDeps): Promise<{ reason: string; error?: unknown } | null> {
  try {
    await withDeadline(sql`select 1`.execute(handle.db), READY_TIMEOUT_MS);
  } catch (error) {
    // The driver's message may name hosts or users: it goes to the log, not to the answer.
    return { reason: 'database unreachable', error };
  }
  try {
    if (!(await withDeadline(migrationsApplied(handle.db), READY_TIMEOUT_MS))) {
      return { reason: 'migrations pending: run `cifras migrate`' };
    }
  } catch (error) {
    return { reason: 'cannot read the migration state', error };
  }
  return null;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
