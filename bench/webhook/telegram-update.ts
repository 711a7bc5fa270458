// Bot API updates as Telegram sends them for `/count <indicator>` typed in a private chat: a
// message with its bot_command entity, from one of many readers. Every call gives a fresh
// update_id and message_id, as a real stream of updates would.

export interface UpdateStream {
  /** The JSON body of the next update asking `/count <slug>`. */
  next(slug: string): string;
}

const READERS = 1000;
const FIRST_READER = 700_000_000;

export function createUpdateStream(startAt = 1): UpdateStream {
  let n = startAt;
  return {
    next(slug) {
      const id = n++;
      const reader = FIRST_READER + (id % READERS);
      const text = `/count ${slug}`;
      return JSON.stringify({
        update_id: 100_000_000 + id,
        message: {
          message_id: id,
          from: { id: reader, is_bot: false, first_name: 'Ana', username: `reader${reader}`, language_code: 'es' },
          chat: { id: reader, first_name: 'Ana', username: `reader${reader}`, type: 'private' },
          date: Math.floor(Date.now() / 1000),
          text,
          entities: [{ offset: 0, length: '/count'.length, type: 'bot_command' }],
        },
      });
    },
  };
}
