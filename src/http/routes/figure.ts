// GET /api/v1/figures/:id — one figure, as it stands now, with every revision: the API's
// permalink for a number someone quotes as #17.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { DomainError } from '../../domain/errors.js';
import { getFigure } from '../../domain/figure-read.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { figureJson } from '../present.js';
import { requestLocale } from '../request-locale.js';
import { figureIdParam, langOnlyQuery } from '../request-schemas.js';
import { errorResponses, FigureSchema, jsonResponse } from '../response-schemas.js';

const one = createRoute({
  method: 'get',
  path: '/api/v1/figures/{id}',
  summary: 'One figure with its note, period and every revision (corrections, retraction)',
  tags: ['read'],
  request: { params: figureIdParam, query: langOnlyQuery },
  responses: {
    200: jsonResponse(FigureSchema, 'The figure'),
    ...errorResponses([400, 404], { 400: 'The id is not a figure number (1 to 2,147,483,647)', 404: 'No figure has that number' }),
  },
});

export function figureRoutes({ handle, config }: AppDeps): OpenAPIHono<AppEnv> {
  const routes = new OpenAPIHono<AppEnv>();
  routes.openapi(one, async (c) => {
    const locale = requestLocale(c, config.defaultLocale);
    const { id } = c.req.valid('param');
    const figure = await getFigure(handle.db, id);
    if (figure === undefined) throw new DomainError('figure_not_found', { id });
    return c.json(figureJson(figure, locale), 200);
  });
  return routes;
}
