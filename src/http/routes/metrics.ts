// Prometheus scrape endpoint, in the text exposition format.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../app-env.js';

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics (text exposition format), for the operator',
  tags: ['operations'],
  responses: { 200: { description: 'The metrics', content: { 'text/plain': { schema: z.string() } } } },
});

export function metricsRoutes({ metrics }: AppDeps): OpenAPIHono<AppEnv> {
  const routes = new OpenAPIHono<AppEnv>();
  routes.openapi(metricsRoute, async (c) => {
    const body = await metrics.registry.metrics();
    return c.text(body, 200, { 'Content-Type': metrics.registry.contentType });
  });
  return routes;
}
