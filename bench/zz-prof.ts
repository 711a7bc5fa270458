import { createBenchSqlite } from '/work/wt/web/bench/webhook/bench-sqlite.js';
import { buildApp } from '/work/wt/web/tests/http/harness.js';
const db = await createBenchSqlite({ figures: 20000, indicators: 100, sources: 20, seed: 42, now: new Date() });
const h = await buildApp(db.bench.handle, { seed: false, now: new Date() });
const req = () => h.app.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
const r0 = await req(); console.log(r0.headers.get('content-encoding'), (await r0.arrayBuffer()).byteLength);
for (let k = 0; k < 3; k++) {
let t0 = performance.now(); for (let i = 0; i < 200; i++) await (await req()).arrayBuffer(); console.log('home kept gzip per req ms', (performance.now() - t0) / 200);
}
await db.bench.dispose();
