// What the user sees when a command failed for a reason they cannot fix (a bug, the database
// down): Discord would otherwise show only "The application did not respond". The details are in
// the log, not in the chat.
import { errorBlock, reply, type Reply } from '../../core/reply.js';
import type { Locale } from '../../domain/types.js';
import { messagesFor } from '../../i18n/index.js';

export function failureReply(locale: Locale): Reply {
  return reply(locale, errorBlock(messagesFor(locale).platform.failure));
}
