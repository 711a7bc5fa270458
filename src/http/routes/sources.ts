// GET /api/v1/sources: every source, by slug.
import { Hono } from 'hono';
import { listSources } from '../../domain/sources.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { sourceJson } from '../present.js';

export function sourceRoutes({ handle }: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/api/v1/sources', async (c) => {
    const sources = await listSources(handle.db);
    return c.json({ sources: sources.map(sourceJson) });
  });
  return routes;
}
