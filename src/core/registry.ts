// The set of commands a bot serves, found by English name, Spanish alias or synonym.
import type { AnyCommand } from './command.js';

export interface Registry {
  /** In declaration order: the order of help text and command menus. */
  readonly commands: readonly AnyCommand[];
  /** The command answering to `name` (case-insensitive, leading slash and `@botname` tolerated). */
  find(name: string): AnyCommand | undefined;
}

/** Builds a registry; throws when two commands claim the same name. */
export function createRegistry(commands: readonly AnyCommand[]): Registry {
  const byName = new Map<string, AnyCommand>();
  for (const command of commands) {
    for (const name of namesOf(command)) {
      const key = name.toLowerCase();
      const taken = byName.get(key);
      if (taken) throw new Error(`command name "${name}" is claimed by both /${taken.name} and /${command.name}`);
      byName.set(key, command);
    }
  }
  return {
    commands,
    find: (name) => byName.get(normalizeCommandName(name)),
  };
}

/** Every name a command answers to. */
export function namesOf(command: AnyCommand): string[] {
  return [command.name, ...(command.alias === null ? [] : [command.alias]), ...(command.synonyms ?? [])];
}

/** `/Count@cifras_bot` → `count`. */
export function normalizeCommandName(name: string): string {
  return name.trim().replace(/^\//, '').replace(/@.*$/, '').toLowerCase();
}
