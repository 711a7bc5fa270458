import { createBenchSqlite } from './bench-sqlite.js';
import { startServerProcess } from './server-process.js';
import { buildCase } from './cases.js';
import { expectedAnswers } from './expected-answers.js';
import { createInteractionSigner } from '../../tests/support/discord-signing.js';
const db = await createBenchSqlite({ figures: 20000, indicators: 100, sources: 20, seed: 42, now: new Date() });
const ctx = { databasePath: db.path, indicators: 100, seed: 42, signer: createInteractionSigner(), expected: await expectedAnswers(db.bench.handle.db, 100), logLevel: process.argv[2] ?? 'info' };
for (const id of ['b', 'a', 'c'] as const) {
  const c = buildCase(id, ctx);
  const s = await startServerProcess(c.server);
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const r = c.next();
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${s.port}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
    await res.text();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  console.log(id, 'p50', times[150]!.toFixed(2), 'p90', times[270]!.toFixed(2), 'min', times[0]!.toFixed(2));
  await s.stop();
}
await db.bench.dispose();
