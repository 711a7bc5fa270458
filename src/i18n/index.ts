// Message catalogs by language. Both satisfy the one Messages type, so neither can miss a key.
import type { Locale } from '../domain/types.js';
import { en } from './en.js';
import { es } from './es.js';
import type { Messages } from './messages.js';

export type { ApiErrorCode, ApiField, ErrorParams, IssueProblem, KindChange, Messages } from './messages.js';

const CATALOGS: Record<Locale, Messages> = { es, en };

export function messagesFor(locale: Locale): Messages {
  return CATALOGS[locale];
}
