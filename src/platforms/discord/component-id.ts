// A button's custom_id carries the command it runs: `count:political-prisoners` for the choice
// `/count political-prisoners`. Discord limits custom_id to 100 characters.
export const CUSTOM_ID_MAX = 100;

/** `/count political-prisoners` → `count:political-prisoners`; undefined when it would not fit. */
export function componentId(commandLine: string): string | undefined {
  const match = /^\/?(\S+)\s*([\s\S]*)$/.exec(commandLine.trim());
  if (!match?.[1]) return undefined;
  const id = `${match[1]}:${match[2] ?? ''}`;
  return id.length <= CUSTOM_ID_MAX ? id : undefined;
}

/** `count:political-prisoners` → the command name and its text arguments; undefined for a foreign id. */
export function parseComponentId(customId: string): { commandName: string; rawArgs: string } | undefined {
  const colon = customId.indexOf(':');
  if (colon <= 0) return undefined;
  return { commandName: customId.slice(0, colon), rawArgs: customId.slice(colon + 1) };
}
