// Prometheus scrape endpoint, in the text exposition format. With METRICS_TOKEN set it answers
// only `Authorization: Bearer <token>` (hono's bearerAuth compares in constant time): the counts
// of rejected webhooks and commands by outcome tell an attacker what works.
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import type { AppDeps, AppEnv } from '../app-env.js';

export function metricsRoutes({ metrics, config }: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  if (config.metricsToken !== null) routes.use('/metrics', bearerAuth({ token: config.metricsToken, realm: 'cifras metrics' }));
  routes.get('/metrics', async (c) => {
    const body = await metrics.registry.metrics();
    return c.body(body, 200, { 'Content-Type': metrics.registry.contentType });
  });
  return routes;
}
