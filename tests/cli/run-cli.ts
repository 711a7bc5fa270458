// Runs the real `cifras` command line (src/cli.ts through tsx) as a child process.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Each run starts node and tsx afresh (a few seconds on a busy 2-core machine): tests get room. */
export const CLI_TIMEOUT = 120_000;

const TSX = resolve('node_modules/.bin/tsx');
const CLI = resolve('src/cli.ts');

/** `env` replaces the configuration variables; PATH and HOME are kept so node can run. */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent' };
  return new Promise((done) => {
    execFile(TSX, [CLI, ...args], { env: { ...base, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}
