// GET /api/docs: the API's reference page, Swagger UI reading /api/v1/openapi.json. Every asset is
// served by cifras from the swagger-ui-dist package (read once, on first use): the page asks no
// other host for anything, so it works offline and leaks no reader to a CDN. The validator badge,
// which would call validator.swagger.io, is off. The page names the site's icon, or the browser
// would ask for /favicon.ico and get a 404.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ICON } from '../../web/assets.js';
import { ApiError } from '../api-error.js';
import type { AppEnv } from '../app-env.js';
import { errorResponses } from '../response-schemas.js';

const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

type AssetName = keyof typeof ASSETS;

const isAsset = (name: string): name is AssetName => Object.hasOwn(ASSETS, name);

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cifras API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="icon" href="${ICON.path}" type="image/svg+xml">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });\n`;

const page = createRoute({
  method: 'get',
  path: '/api/docs',
  summary: 'This reference page (HTML)',
  tags: ['documentation'],
  responses: { 200: { description: 'The page', content: { 'text/html': { schema: z.string() } } } },
});

const asset = createRoute({
  method: 'get',
  path: '/api/docs/{file}',
  summary: "The reference page's scripts and styles, served by cifras itself",
  tags: ['documentation'],
  request: { params: z.object({ file: z.string().openapi({ example: 'swagger-ui.css' }) }) },
  responses: {
    200: { description: 'The file', content: { 'text/css': { schema: z.string() }, 'text/javascript': { schema: z.string() } } },
    ...errorResponses([404], { 404: 'Not one of the page\'s files' }),
  },
});

export function apiDocsRoutes(): OpenAPIHono<AppEnv> {
  const routes = new OpenAPIHono<AppEnv>();
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const loaded = new Map<AssetName, Promise<string>>();
  const load = (name: AssetName) => {
    let text = loaded.get(name);
    if (text === undefined) {
      text = readFile(join(root, name), 'utf8');
      loaded.set(name, text);
    }
    return text;
  };
  const cache = { 'Cache-Control': 'public, max-age=86400' };

  routes.openapi(page, (c) => c.html(PAGE));
  routes.openapi(asset, async (c) => {
    const { file } = c.req.valid('param');
    if (file === 'init.js') return c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', ...cache });
    if (!isAsset(file)) throw new ApiError('not_found', { method: c.req.method, path: c.req.path });
    return c.body(await load(file), 200, { 'Content-Type': ASSETS[file], ...cache });
  });
  return routes;
}
