// Turns a refusal from the domain's validators into a plain English reason for the import
// report. The CLI speaks English to operators; the chat replies are translated elsewhere.
import { DomainError } from '../domain/errors.js';

/** A one-line reason for `error`, or rethrows it when it is not a validation problem. */
export function describeProblem(error: unknown): string {
  if (!(error instanceof DomainError)) throw error;
  const p = error.params;
  const input = JSON.stringify(p['input'] ?? '');
  const accepted = Array.isArray(p['accepted']) ? ` (accepted: ${p['accepted'].join(', ')})` : '';
  switch (error.code) {
    case 'invalid_value': return `invalid value ${input}${accepted}`;
    case 'invalid_date': return `invalid date ${input}${accepted}`;
    case 'future_date': return `date ${input} is in the future (today is ${String(p['today'])})`;
    case 'invalid_period': return describePeriod(p);
    case 'invalid_url': return `invalid URL ${input} (must be an absolute http:// or https:// address)`;
    case 'invalid_slug': return `invalid slug ${input} (lower-case words joined by '-', e.g. political-prisoners)`;
    case 'unknown_indicator': return `unknown indicator ${input} (not in the database or this file)`;
    case 'unknown_source': return `unknown source ${input} (not in the database or this file)`;
    case 'value_too_large': return `value ${input} is too large (the largest count recorded is ${String(p['max'])})`;
    case 'unsafe_text': return `holds the invisible character ${String(p['character'])} (NUL, a control or a bidirectional mark): remove it`;
    case 'invalid_field': return `invalid ${String(p['field'])} ${input}${accepted}`;
    default: return error.message;
  }
}

function describePeriod(p: Readonly<Record<string, unknown>>): string {
  if (p['from'] === '' || p['to'] === '') return 'invalid period: give both its start and its end, or neither';
  const period = `${String(p['from'])} to ${String(p['to'])}`;
  if (p['reason'] === 'reversed') return `invalid period ${period}: it ends before it starts`;
  if (p['reason'] === 'future_date') return `invalid period ${period}: a date is in the future`;
  return `invalid period ${period}: dates must be YYYY-MM-DD, YYYY-MM or YYYY`;
}
