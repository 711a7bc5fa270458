// `npm run soak`: the fault soak (issue 16, "Keep it tested"). On each database asked for, the real
// `cifras serve --no-worker` and `cifras worker` run against fake Telegram and Discord APIs that
// answer 429, 5xx, 403, slowly, after the senders' timeout or not at all, at random from one seed;
// admins write through the API and the Telegram webhook with subscriptions in place while the
// server and the worker are SIGKILLed and restarted. Once the outbox drains it prints what was
// lost and doubled, and exits 1 on any loss (bench/soak/account.ts says what counts). Everything
// listens on 127.0.0.1; the run is bounded by --duration and --drain-timeout.
import { killAllServers } from '../tests/production/support/server-process.js';
import { failures } from './soak/account.js';
import { parseSoakOptions, USAGE } from './soak/options.js';
import { runSoak, type SoakRun } from './soak/run-soak.js';

function table(runs: readonly SoakRun[]): string {
  const rows: [string, (r: SoakRun) => string | number][] = [
    ['writes sent (API + Telegram webhook)', (r) => r.account.writes.sent],
    ['writes answered 2xx', (r) => r.account.writes.accepted],
    ['accepted writes lost', (r) => r.account.writes.acceptedLost],
    ['writes applied twice', (r) => r.account.writes.appliedTwice],
    ['events announced', (r) => r.account.events],
    ['deliveries due (events × healthy subscriptions)', (r) => r.account.deliveries.expected],
    ['deliveries lost', (r) => r.account.deliveries.lost],
    ['deliveries not drained', (r) => r.account.deliveries.undrained],
    ['held back by a 403 (fragile chats; paused)', (r) => `${r.account.deliveries.heldBy403} (${r.account.deliveries.pausedBy403} of 2 paused)`],
    ['duplicates, Discord', (r) => r.account.duplicates.discord],
    ['duplicates, Telegram timeout-after-accept', (r) => r.account.duplicates.telegramTimeoutAfterAccept],
    ['duplicates, Telegram sent just before a worker SIGKILL', (r) => r.account.duplicates.telegramWorkerKill],
    ['duplicates, Telegram unexplained', (r) => r.account.duplicates.telegramUnexplained],
    ['SIGKILLs (server / worker)', (r) => `${r.kills.filter((k) => k.role === 'server').length} / ${r.kills.filter((k) => k.role === 'worker').length}`],
    ['faults, Telegram (429/5xx/slow/timeout/cut/403)', (r) => faultLine(r.faults.telegram)],
    ['faults, Discord (429/5xx/slow/timeout/cut/403)', (r) => faultLine(r.faults.discord)],
    ['drain after the last write', (r) => `${r.drainSeconds.toFixed(1)} s`],
  ];
  const header = `| | ${runs.map((r) => r.database).join(' | ')} |\n|---|${runs.map(() => '---:').join('|')}|`;
  return [header, ...rows.map(([label, cell]) => `| ${label} | ${runs.map((r) => cell(r)).join(' | ')} |`)].join('\n');
}

function faultLine(f: SoakRun['faults']['telegram']): string {
  return [f.tooMany, f.serverError, f.slow, f.timeout, f.disconnect, f.forbidden].join('/');
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseSoakOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const runs: SoakRun[] = [];
  for (const database of options.databases) runs.push(await runSoak(database, options, (line) => console.log(`soak: ${line}`)));
  console.log(`\nsoak: seed ${options.seed}, ${options.duration} s of writes per database\n\n${table(runs)}\n`);
  let failed = false;
  for (const run of runs) {
    const found = failures(run.account);
    if (found.length === 0) continue;
    failed = true;
    const { undrainedWhere, lostWhere } = run.account.deliveries;
    const where = [...(undrainedWhere.length > 0 ? [`undrained: ${undrainedWhere.join('; ')}`] : []), ...(lostWhere.length > 0 ? [`lost: ${lostWhere.join('; ')}`] : [])];
    console.error(`soak: ${run.database} FAILED: ${found.join('; ')}${where.map((line) => `\n${line}`).join('')}\n${run.output}`);
  }
  if (!failed) console.log('soak: nothing lost');
  return failed ? 1 : 0;
}

main().then(
  async (code) => {
    await killAllServers();
    process.exit(code);
  },
  async (error: unknown) => {
    console.error('soak: could not run:', error);
    await killAllServers();
    process.exit(2);
  },
);
