// Compiles the server processes with tsc before a run, so that each server runs as production
// runs cifras (`npm run build`, then plain node): no TypeScript loader. Under tsx, esbuild's
// transform names every function created at run time (a `__name` call, an Object.defineProperty
// on each closure), a cost the production build does not have and that falls unevenly on the
// cases — the ones creating more closures per request pay more.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('./tsconfig.servers.json', import.meta.url));
// Inside the repository (dist/ is ignored by git), so the compiled files find node_modules.
const OUT_DIR = fileURLToPath(new URL('../../dist/bench-servers/', import.meta.url));

/** Compiles and returns the path of the compiled server-child.js. Throws with tsc's output on an error. */
export function compileServers(): string {
  rmSync(OUT_DIR, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', TSCONFIG, '--outDir', OUT_DIR, '--rootDir', REPO], { stdio: 'pipe' });
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
    throw new Error(`bench: compiling the server processes failed:\n${output}`, { cause: error });
  }
  return join(OUT_DIR, 'bench', 'webhook', 'server-child.js');
}
