// Prometheus scrape endpoint, in the text exposition format. With METRICS_TOKEN set it answers
// only `Authorization: Bearer <token>` (hono's bearerAuth compares in constant time): the counts
// of rejected webhooks and commands by outcome tell an attacker what works.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bearerAuth } from 'hono/bearer-auth';
import type { AppDeps, AppEnv } from '../app-env.js';

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics (text exposition format), for the operator; behind a bearer token when METRICS_TOKEN is set',
  tags: ['operations'],
  responses: { 200: { description: 'The metrics', content: { 'text/plain': { schema: z.string() } } } },
});

export function metricsRoutes({ metrics, config }: AppDeps): OpenAPIHono<AppEnv> {
  const routes = new OpenAPIHono<AppEnv>();
  if (config.metricsToken !== null) routes.use('/metrics', bearerAuth({ token: config.metricsToken, realm: 'cifras metrics' }));
  routes.openapi(metricsRoute, async (c) => {
    const body = await metrics.registry.metrics();
    return c.text(body, 200, { 'Content-Type': metrics.registry.contentType });
  });
  return routes;
}
