// Inline-keyboard buttons carry the command line they run (`/count political-prisoners`) as their
// callback_data, so a button press is answered by the same dispatcher as a typed command.
// Telegram caps callback_data at 64 bytes.

export const CALLBACK_DATA_MAX_BYTES = 64;

/**
 * The callback_data for a command line. A longer line is cut at a character boundary: the lookup
 * matches a slug's prefix, so even a cut indicator slug still finds its indicator.
 */
export function encodeCallbackData(commandLine: string): string {
  let data = commandLine.trim();
  while (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_MAX_BYTES) data = [...data].slice(0, -1).join('');
  return data.trimEnd();
}

/** The command a button runs, or null for callback_data that is not a command line. */
export function decodeCallbackData(data: string | undefined): { commandName: string; rawArgs: string } | null {
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(data ?? '');
  return match?.[1] === undefined ? null : { commandName: match[1], rawArgs: match[2] ?? '' };
}
