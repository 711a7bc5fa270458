// Reads and checks a JSON body against a zod schema. A body that is not JSON is a 415; one that
// does not have the expected shape is a 400 whose message names every field that is wrong.
import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { errorBody } from '../error-handler.js';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function jsonBody<Schema extends ZodType>(schema: Schema) {
  return zValidator('json', schema, (result, c) => {
    if (result.success) return undefined;
    const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim() ?? '';
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      return c.json(errorBody('unsupported_media_type', 'send the body as JSON with Content-Type: application/json'), 415);
    }
    const issues = result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(body)', message: issue.message }));
    const summary = issues.map((i) => (i.message.startsWith(i.field) ? i.message : `${i.field}: ${i.message}`)).join('; ');
    return c.json(errorBody('invalid_request', `the body is not valid: ${summary}`, { issues }), 400);
  });
}
