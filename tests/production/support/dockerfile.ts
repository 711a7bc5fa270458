// Just enough of a Dockerfile reader for the image checks: instructions with their continuation
// lines joined, grouped into stages. Not a full parser: heredocs and escape directives are not
// used in this project's Dockerfile.

export interface Instruction {
  readonly keyword: string;
  /** Everything after the keyword, continuation lines joined with a space. */
  readonly args: string;
}

export interface Stage {
  readonly from: string;
  readonly name: string | null;
  readonly instructions: readonly Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const instructions = joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
      return { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    });
  const stages: { from: string; name: string | null; instructions: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', , name = null] = instruction.args.split(' ').filter((w) => !w.startsWith('--'));
      stages.push({ from: image, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

export interface Copy {
  /** `--from=<stage>`, or null for the build context. */
  readonly from: string | null;
  readonly sources: readonly string[];
  readonly destination: string;
}

/** COPY instructions in the shell form (`COPY [--from=x] src... dest`). */
export function copiesOf(stage: Stage): Copy[] {
  return stage.instructions
    .filter((i) => i.keyword === 'COPY')
    .map(({ args }) => {
      const words = args.split(' ');
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length) ?? null;
      const paths = words.filter((w) => !w.startsWith('--'));
      return { from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? '' };
    });
}

/** The value of `NAME=value` pairs in the stage's ENV instructions. */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.instructions.filter((i) => i.keyword === 'ENV')) {
    for (const [, name = '', value = ''] of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[name] = value.replace(/^"|"$/g, '');
  }
  return env;
}

/** A `.dockerignore` line as a regular expression over context-relative paths (`*`, `**`, `?`). */
export function ignorePattern(line: string): RegExp {
  const glob = line.trim().replace(/^\/+|\/+$/g, '');
  const body = glob
    .split('')
    .map((c, i, all) => {
      if (c === '*') return all[i + 1] === '*' ? '' : all[i - 1] === '*' ? '.*' : '[^/]*';
      if (c === '?') return '[^/]';
      return c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  // A pattern excludes the path itself and everything under it.
  return new RegExp(`^${body}(/.*)?$`);
}
