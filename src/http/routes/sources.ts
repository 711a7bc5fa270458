// GET /api/v1/sources: every source, by slug.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { listSources } from '../../domain/sources.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { sourceJson } from '../present.js';
import { langOnlyQuery } from '../request-schemas.js';
import { errorResponses, jsonResponse, SourceListSchema } from '../response-schemas.js';

const list = createRoute({
  method: 'get',
  path: '/api/v1/sources',
  summary: 'Every source',
  tags: ['read'],
  request: { query: langOnlyQuery },
  responses: { 200: jsonResponse(SourceListSchema, 'Every source, by slug'), ...errorResponses([400]) },
});

export function sourceRoutes({ handle }: AppDeps): OpenAPIHono<AppEnv> {
  const routes = new OpenAPIHono<AppEnv>();
  routes.openapi(list, async (c) => {
    const sources = await listSources(handle.db);
    return c.json({ sources: sources.map(sourceJson) }, 200);
  });
  return routes;
}
