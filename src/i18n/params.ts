// Reading a DomainError's parameters for a message: whatever was thrown, as readable text.
import type { ErrorParams } from './messages.js';

/** The parameter as text ('' when absent). */
export function param(params: ErrorParams, key: string): string {
  const value = params[key];
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/** The first of several parameter names that is present (errors name the input differently). */
export function firstParam(params: ErrorParams, ...keys: string[]): string {
  for (const key of keys) {
    const value = param(params, key);
    if (value !== '') return value;
  }
  return '';
}

/** Longest echo of what someone typed: a message quotes the start of it, never at its explanation's cost. */
export const MAX_ECHO = 80;

/**
 * Typed input as a message quotes it: whole when short, else its first MAX_ECHO characters and
 * "…". A reply must fit a chat message (Telegram: 4,096 characters) with its explanation whole,
 * however long the input (a 4,000-character link).
 */
export function clip(text: string): string {
  const chars = [...text];
  return chars.length <= MAX_ECHO ? text : `${chars.slice(0, MAX_ECHO).join('')}…`;
}

/** `param`, clipped for quoting (see clip). */
export function echo(params: ErrorParams, key: string): string {
  return clip(param(params, key));
}

/** A parameter that holds a list of strings ([] when absent or not a list). */
export function list(params: ErrorParams, key: string): string[] {
  const value = params[key];
  return Array.isArray(value) ? value.map(String) : [];
}

/** The suggested slugs of an unknown or ambiguous name, `political-prisoners · releases`; '' for none. */
export function suggested(params: ErrorParams): string {
  return list(params, 'suggestions').join(' · ');
}
