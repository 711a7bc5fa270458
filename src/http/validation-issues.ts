// What was wrong with a request's parameters or body, from zod's issues, in terms the catalogs can
// explain in either language: which field (its JSON name, for programs), what kind of problem and
// its detail. Zod's own English messages are never shown.
import type { Hook } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { formatNumber } from '../domain/value.js';
import type { Locale } from '../domain/types.js';
import { messagesFor, type ApiField, type IssueProblem } from '../i18n/index.js';
import { ApiError } from './api-error.js';
import type { AppEnv } from './app-env.js';

export type { IssueProblem } from '../i18n/index.js';

export interface RequestIssue {
  /** The JSON path, `period.from`, `aliases.es.2`; the body itself is `''`. */
  readonly field: string;
  readonly problem: IssueProblem;
  /** The expected type, the limit, or the accepted values, by problem. */
  readonly expected?: string;
  readonly limit?: number;
  readonly accepted?: readonly string[];
}

type Issue = ZodError['issues'][number];

/** The request's issues, one per wrong field (an unknown field each on its own). */
export function requestIssues(error: ZodError, input: unknown): RequestIssue[] {
  return error.issues.flatMap((issue) => issueOf(issue, input));
}

function issueOf(issue: Issue, input: unknown): RequestIssue[] {
  const field = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ field: field === '' ? key : `${field}.${key}`, problem: 'unknown_field' as const }));
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return [{ field, problem: 'missing' }];
      return [{ field, problem: 'type', expected: issue.expected === 'int' ? 'integer' : issue.expected }];
    case 'too_big':
      return [{ field, problem: issue.origin === 'string' ? 'too_long' : issue.origin === 'array' ? 'too_many' : 'too_large', limit: Number(issue.maximum) }];
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return [{ field, problem: 'empty' }];
      return [{ field, problem: 'too_small', limit: Number(issue.minimum) }];
    case 'invalid_value':
      return [{ field, problem: 'choice', accepted: issue.values.map(String) }];
    case 'invalid_union':
      if (valueAt(input, issue.path) === undefined) return [{ field, problem: 'missing' }];
      return [{ field, problem: 'invalid' }];
    default:
      return [{ field, problem: 'invalid' }];
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The field's name as a person reads it (`asOf` is «fecha»); a field the API does not know, as sent. */
export function fieldLabel(field: string, locale: Locale): string {
  const name = field.split('.').filter((part) => !/^\d+$/.test(part)).join('.');
  const { fields } = messagesFor(locale).api;
  return Object.hasOwn(fields, name) ? fields[name as ApiField] : field;
}

/** One issue as a sentence in `locale`. */
export function issueMessage(issue: RequestIssue, locale: Locale): string {
  const messages = messagesFor(locale).api;
  const label = fieldLabel(issue.field, locale);
  const limit = issue.limit === undefined ? '' : formatNumber(issue.limit, locale);
  const base = (() => {
    switch (issue.problem) {
      case 'type':
        return messages.issues.type(label, messages.expected[issue.expected as keyof typeof messages.expected] ?? issue.expected ?? '');
      case 'choice':
        return messages.issues.choice(label, (issue.accepted ?? []).join(', '));
      case 'too_long': case 'too_many': case 'too_large': case 'too_small':
        return messages.issues[issue.problem](label, limit);
      default:
        return messages.issues[issue.problem](label, '');
    }
  })();
  const hint = messages.hints[issue.field as ApiField];
  return hint !== undefined && (issue.problem === 'missing' || issue.problem === 'type' || issue.problem === 'invalid') ? `${base} ${hint}` : base;
}

/**
 * The default hook of every API route: a request that fails its schema is thrown as one
 * `invalid_request` naming each wrong field, for the error boundary to explain.
 */
export const refuseInvalidRequest: Hook<unknown, AppEnv, string, undefined> = (result) => {
  if (result.success) return undefined;
  throw new ApiError('invalid_request', { in: result.target, issues: requestIssues(result.error, (result as { readonly data?: unknown }).data) });
};
