// Prometheus scrape endpoint, in the text exposition format.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';

export function metricsRoutes({ metrics }: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/metrics', async (c) => {
    const body = await metrics.registry.metrics();
    return c.body(body, 200, { 'Content-Type': metrics.registry.contentType });
  });
  return routes;
}
