#!/usr/bin/env node
// The `cifras` command line (DESIGN.md "Command line"). Each subcommand reads the configuration
// with loadConfig, opens the database, does one thing and closes it. Problems are reported in one
// place: configuration problems exit 2, refusals and domain errors exit 1, with a plain message.
import { Command } from 'commander';
import { DatabaseUrlError, openDatabase, type DatabaseHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { BackupRefused, backupDatabase } from './backup.js';
import { ConfigError, formatConfigError, loadConfig, type Config } from './config.js';
import { DomainError } from './domain/errors.js';
import { DEMO_DATASET, seedIfEmpty } from './domain/seed.js';
import { describeProblem } from './import/describe-problem.js';
import { importFile } from './import/import-file.js';
import { createProgress, type Progress } from './import/progress-bar.js';

/** A refusal with a message for the operator: printed as is, exit code 1. */
class CliFailure extends Error {}

function buildProgram(): Command {
  const program = new Command('cifras')
    .description('Contested public figures, every source side by side: server, worker and admin tools.')
    .showHelpAfterError();
  program
    .command('serve')
    .description('run the HTTP server (Telegram webhook, Discord interactions, API) and the delivery worker')
    .option('--no-worker', 'run the server alone, without the delivery worker')
    .action((options: { worker: boolean }) => serve(options.worker));
  program
    .command('worker')
    .description('run the delivery worker alone (stops cleanly on SIGTERM/SIGINT)')
    .action(() => withDatabase(runWorkerCommand));
  program.command('migrate').description('apply database migrations').action(() => withDatabase(migrate));
  program.command('seed').description('load the bundled demo dataset into an empty database').action(() => withDatabase(seed));
  program
    .command('import')
    .argument('<file>', 'a .csv of figures or a .json dataset (the form of db/seed/seed-figures.json)')
    .option('--quiet', 'record and audit the figures but announce none of them to subscribers (a back-fill)', false)
    .description('import indicators, sources and figures; every row is checked first and nothing is written unless all are valid')
    .action((file: string, options: { quiet: boolean }) => withDatabase((handle) => importCommand(handle, file, options.quiet)));
  program
    .command('backup')
    .argument('<file>', 'where to write the copy')
    .option('--force', 'replace the file if it exists', false)
    .description('copy the live SQLite database to a file (SQLite online backup)')
    .action((file: string, options: { force: boolean }) => withDatabase((handle) => backup(handle, file, options.force)));
  program
    .command('ask')
    .argument('<line>', 'a command line, e.g. "/count presos políticos"')
    .option('--lang <es|en>', 'answer in this language')
    .option('--as <platform:user-id>', 'run the command as this user (e.g. an owner, telegram:123)')
    .description('run one command through the real command layer and print the reply as plain text')
    .action((line: string, options: { lang?: string; as?: string }) => withDatabase((handle, config) => ask(handle, config, line, options)));
  program
    .command('register')
    .description('register the webhook and command menus with Telegram and the slash commands with Discord')
    .action(register);
  return program;
}

/** Opens the configured database for `work` and always closes it again. */
async function withDatabase(work: (handle: DatabaseHandle, config: Config) => Promise<void>): Promise<void> {
  const config = loadConfig(process.env);
  const handle = await openDatabase(config.databaseUrl);
  try {
    await work(handle, config);
  } finally {
    await handle.close();
  }
}

async function serve(worker: boolean): Promise<void> {
  const config = loadConfig(process.env); // configuration problems exit 2 before anything starts
  // Loaded on demand so the admin commands never load the web and platform libraries.
  const { startServer } = await import('./main.js');
  // startServer logs where it listens and stops on SIGTERM/SIGINT by itself.
  await startServer({ config, worker });
}

async function runWorkerCommand(handle: DatabaseHandle, config: Config): Promise<void> {
  if (config.telegram === null && config.discord === null) {
    throw new CliFailure('no platform is configured, so the worker has nowhere to deliver: set TELEGRAM_BOT_TOKEN and/or the DISCORD_* variables');
  }
  await migrateToLatest(handle.db); // a worker started before serve must not hit missing tables
  const { createLogger } = await import('./logger.js');
  const { runWorker } = await import('./main.js');
  await runWorker({ handle, config, logger: createLogger({ level: config.logLevel }) });
}

async function register(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.telegram === null && config.discord === null) {
    throw new CliFailure('no platform is configured: set TELEGRAM_BOT_TOKEN and/or DISCORD_APPLICATION_ID, DISCORD_PUBLIC_KEY, DISCORD_BOT_TOKEN');
  }
  const { registerPlatforms } = await import('./main.js');
  for (const line of await registerPlatforms(config)) console.log(line);
}

async function ask(handle: DatabaseHandle, config: Config, line: string, options: { lang?: string; as?: string }): Promise<void> {
  if (options.lang !== undefined && options.lang !== 'es' && options.lang !== 'en') {
    throw new CliFailure(`--lang must be es or en, not "${options.lang}"`);
  }
  // Like `serve`: a fresh checkout answers from the demo dataset without any other step.
  await migrateToLatest(handle.db);
  if (config.seed) await seedIfEmpty(handle.db, { actor: 'seed', now: new Date() });
  const { runAskResult, AskUsageError } = await import('./platforms/console/index.js');
  try {
    const result = await runAskResult({ db: handle.db, config, line, ...(options.lang ? { lang: options.lang } : {}), ...(options.as ? { as: options.as } : {}) });
    console.log(result.text);
    // An error reply (unknown command, access denied, bad arguments, a refused write) is a refusal:
    // it is printed like any reply, and exit code 1 lets a script tell it from an answer.
    if (result.isError) process.exitCode = 1;
  } catch (error) {
    if (error instanceof AskUsageError) throw new CliFailure(error.message);
    throw error;
  }
}

async function migrate(handle: DatabaseHandle): Promise<void> {
  const applied = await migrateToLatest(handle.db);
  console.log(applied.length === 0 ? 'The database is up to date.' : `Applied ${applied.length} migration(s): ${applied.join(', ')}`);
}

async function seed(handle: DatabaseHandle): Promise<void> {
  await migrateToLatest(handle.db);
  const loaded = await seedIfEmpty(handle.db, { actor: 'cli:seed', now: new Date() });
  if (!loaded) {
    console.log('The database already has indicators, so the demo dataset was not loaded. Nothing was changed.');
    return;
  }
  const { indicators = [], sources = [], figures = [] } = DEMO_DATASET;
  console.log(`Loaded the demo dataset: ${counts(indicators.length, sources.length, figures.length)}.`);
}

async function importCommand(handle: DatabaseHandle, file: string, quiet: boolean): Promise<void> {
  await migrateToLatest(handle.db);
  let progress: Progress | undefined;
  const outcome = await importFile(handle.db, file, { actor: 'cli:import', now: new Date(), quiet }, {
    onStart: (total) => (progress = createProgress(total, process.stdout)),
    onFigure: (done) => progress?.update(done),
  }).finally(() => progress?.stop());
  if (!outcome.ok) {
    const rows = new Set(outcome.errors.filter((e) => e.where !== 'file').map((e) => e.where)).size;
    const refused = rows > 0 ? `${rows} row(s) refused` : 'refused';
    const lines = outcome.errors.map((e) => `  ${e.where}: ${e.reason}`);
    throw new CliFailure([`${file}: ${refused}; nothing was imported:`, ...lines].join('\n'));
  }
  const { indicators, sources, figures, alreadyRecorded } = outcome.counts;
  const skipped = alreadyRecorded > 0 ? `; skipped ${alreadyRecorded} figure${alreadyRecorded === 1 ? '' : 's'} already recorded` : '';
  const announced = quiet && figures > 0 ? '; nothing was announced to subscribers (--quiet)' : '';
  console.log(`Imported ${counts(indicators, sources, figures)} from ${file}${skipped}${announced}.`);
}

async function backup(handle: DatabaseHandle, file: string, force: boolean): Promise<void> {
  const result = await backupDatabase(handle, file, { force });
  console.log(`Backed up the database to ${result.path} (${result.pages} pages).`);
}

function counts(indicators: number, sources: number, figures: number): string {
  const n = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
  return `${n(indicators, 'indicator')}, ${n(sources, 'source')}, ${n(figures, 'figure')}`;
}

/** The one place errors become messages and exit codes. */
function report(error: unknown): number {
  if (error instanceof ConfigError) {
    console.error(formatConfigError(error));
    return 2;
  }
  if (error instanceof DatabaseUrlError) {
    console.error(`cifras: ${error.message}`);
    return 2;
  }
  if (error instanceof CliFailure || error instanceof BackupRefused) console.error(`cifras: ${error.message}`);
  else if (error instanceof DomainError) console.error(`cifras: ${describeProblem(error)}`);
  else console.error('cifras: unexpected error:', error);
  return 1;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = report(error);
}
