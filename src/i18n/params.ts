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
