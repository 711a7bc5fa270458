// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, generated at request time from the
// route definitions of the app it describes — the same zod schemas that validate each request
// and type each answer — so routes mounted after createApp (the write API) are in it too.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';

const documentRoute = createRoute({
  method: 'get',
  path: '/api/v1/openapi.json',
  summary: 'This document (OpenAPI 3.1)',
  tags: ['documentation'],
  responses: {
    200: { description: 'The OpenAPI document', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
  },
});

const INFO = {
  title: 'cifras',
  version: '1',
  description:
    "Each source's latest count of contested public figures (political prisoners, releases, forced disappearances), " +
    'side by side, with dates and links, and every figure\'s history with its corrections and retractions. ' +
    'Texts and error messages follow ?lang=es|en, else Accept-Language, else the server default. ' +
    'Writes need Authorization: Bearer <ADMIN_API_TOKEN>.',
  license: { name: 'MIT', identifier: 'MIT' },
};

export function openApiRoutes(app: OpenAPIHono<AppEnv>): OpenAPIHono<AppEnv> {
  const routes = new OpenAPIHono<AppEnv>();
  routes.openapi(documentRoute, (c) => {
    const document = app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: INFO,
      tags: [
        { name: 'read', description: 'Public, no token' },
        { name: 'write', description: 'Behind the admin token; every write audited as `api`' },
        { name: 'operations', description: 'For the operator: liveness, readiness, metrics' },
        { name: 'documentation', description: 'This document and its reference page' },
      ],
    });
    return c.json(document as unknown as Record<string, unknown>, 200);
  });
  return routes;
}
