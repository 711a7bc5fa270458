// The request parameters the API routes share, as zod schemas: the same schema validates the
// request and describes it in the OpenAPI document. A value a schema refuses is a 400 naming the
// parameter (validation-issues.ts); never silently ignored.
import { z } from '@hono/zod-openapi';
import { LOCALES } from '../domain/types.js';

/** PostgreSQL's `integer`, the type of every id column: a larger id names nothing and must not reach a query. */
export const MAX_ID = 2_147_483_647;

export const langQuery = z.enum(LOCALES as ['es', 'en']).optional().openapi({
  description: 'The language of display texts and error messages; without it, Accept-Language, else the server default',
});

/** Only `lang`: a route's query schema is strict, so a misspelt parameter is refused rather than ignored. */
export const langOnlyQuery = z.strictObject({ lang: langQuery });

export const slugParam = z.object({
  slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'political-prisoners' }),
});

/** `17`, or `#17` as a chat shows it (URL-encoded `%2317`). */
export const figureIdParam = z.object({
  id: z
    .string()
    .regex(/^#?\d{1,10}$/)
    .transform((text) => Number(text.replace(/^#/, '')))
    .pipe(z.int().min(1).max(MAX_ID))
    .openapi({ param: { name: 'id', in: 'path' }, type: 'string', pattern: '^#?\\d{1,10}$', example: '17', description: `A figure's number, 1 to ${MAX_ID}` }),
});
