// The Docker image, checked without a Docker engine: what the Dockerfile copies exists in a clean
// checkout (the committed files, not whatever lies in a working tree), the image is built the
// way the issue asks, its build command succeeds on exactly the files it copies, and the result —
// package.json, node_modules and dist alone, as in the final stage — starts, answers its own
// HEALTHCHECK and stops on SIGTERM. compose.yaml is checked lightly for its services.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copiesOf, envOf, ignorePattern, parseDockerfile, type Stage } from './support/dockerfile.js';
import { killAllServers, runCommand, spawnServerCommand, waitReady } from './support/server-process.js';

const stages = parseDockerfile(readFileSync('Dockerfile', 'utf8'));
const build = stages[0] as Stage;
const runtime = stages.at(-1) as Stage;
const committed = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter((f) => f !== '');
const ignored = readFileSync('.dockerignore', 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).map(ignorePattern);

const args = (stage: Stage, keyword: string): string[] => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
/** The exec form `["node", "x.js"]` as an argument list. */
const execForm = (text: string): string[] => JSON.parse(text) as string[];

describe('Dockerfile', () => {
  it('is multi-stage on one pinned Node image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:\d+\.\d+\.\d+-[a-z]+(-slim)?(@sha256:[0-9a-f]{64})?$/);
    expect(new Set(stages.map((s) => s.from)).size).toBe(1);
    // The image's Node matches the one package.json requires.
    const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
    const [major, minor] = (/^node:(\d+)\.(\d+)/.exec(build.from) ?? []).slice(1).map(Number);
    const [needMajor, needMinor] = (/(\d+)\.(\d+)/.exec(engines) ?? []).slice(1).map(Number);
    expect(major).toBe(needMajor);
    expect(minor).toBeGreaterThanOrEqual(needMinor ?? 0);
  });

  it('copies only committed files that .dockerignore lets through', () => {
    const sources = stages.flatMap((s) => copiesOf(s).filter((c) => c.from === null).flatMap((c) => c.sources));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      const path = source.replace(/^\.\//, '').replace(/\/$/, '');
      expect(committed.some((f) => f === path || f.startsWith(`${path}/`)), `${source} is not committed`).toBe(true);
      expect(ignored.filter((pattern) => pattern.test(path)), `${source} is excluded by .dockerignore`).toEqual([]);
    }
    // What the build needs to install exactly: the lock file, before npm ci.
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
  });

  it('installs with npm ci, builds, and keeps only production dependencies for the final stage', () => {
    const runs = args(build, 'RUN').join(' && ');
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/npm run build\b/);
    expect(runs).toMatch(/npm prune --omit=dev|npm ci --omit=dev/);
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.indexOf('npm run build'));
    const fromBuild = copiesOf(runtime);
    expect(fromBuild.every((c) => c.from === build.name)).toBe(true);
    expect(fromBuild.flatMap((c) => c.sources).sort()).toEqual(['/app/dist', '/app/node_modules', '/app/package.json']);
  });

  it('runs as a non-root user with a /data volume, HOST=0.0.0.0 and a HEALTHCHECK on /healthz', () => {
    const user = args(runtime, 'USER');
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(args(runtime, 'VOLUME').join(' ')).toMatch(/"\/data"|\s?\/data\b/);
    expect(envOf(runtime)).toMatchObject({ HOST: '0.0.0.0', DATABASE_URL: expect.stringMatching(/^sqlite:\/data\//) });
    expect(args(runtime, 'HEALTHCHECK').join(' ')).toMatch(/CMD .*\/healthz/);
    // /data belongs to the user the server runs as, or SQLite cannot write there.
    expect(args(runtime, 'RUN').join(' ')).toMatch(new RegExp(`chown ${user[0]}(:\\S+)? /data`));
  });
});

describe('compose.yaml', () => {
  const compose = readFileSync('compose.yaml', 'utf8');
  /** The block of one top-level service: its indented lines up to the next service. */
  const service = (name: string): string => new RegExp(`^  ${name}:\\n((?:(?:    .*)?\\n)*)`, 'm').exec(compose)?.[1] ?? '';

  it('has PostgreSQL, a one-shot migration, two server replicas and a worker', () => {
    expect(compose).toMatch(/^services:$/m);
    expect(compose).not.toMatch(/\t/);
    for (const name of ['postgres', 'migrate', 'server', 'worker']) expect(service(name), name).not.toBe('');
    expect(service('postgres')).toMatch(/image: postgres:\d+/);
    expect(service('migrate')).toMatch(/command: \["node", "dist\/src\/cli\.js", "migrate"\]/);
    expect(service('server')).toMatch(/command: \["node", "dist\/src\/cli\.js", "serve", "--no-worker"\]/);
    expect(service('server')).toMatch(/replicas: 2/);
    expect(service('server')).toMatch(/migrate:\s+condition: service_completed_successfully/);
    expect(service('worker')).toMatch(/command: \["node", "dist\/src\/cli\.js", "worker"\]/);
    for (const name of ['migrate', 'server', 'worker']) expect(service(name), name).toMatch(/DATABASE_URL: postgres:\/\/|<<: \*db|environment: \*db/);
  });
});

describe('the image, built from a clean checkout', () => {
  const work = mkdtempSync(join(tmpdir(), 'cifras-image-'));
  afterAll(async () => {
    await killAllServers();
    rmSync(work, { recursive: true, force: true });
  });

  it('builds with npm run build from the copied files alone, and the final stage serves', async () => {
    // The build stage's context: exactly what the Dockerfile copies, as committed (git archive).
    const context = join(work, 'build');
    mkdirSync(context);
    const sources = copiesOf(build).filter((c) => c.from === null).flatMap((c) => c.sources);
    const archive = execFileSync('git', ['archive', '--format=tar', 'HEAD', ...sources], { maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', context], { input: archive });
    // `npm ci` cannot run here (no registry; it would compile better-sqlite3 for minutes): the
    // checkout's installed node_modules stands in for it, linked, never modified.
    symlinkSync(resolve('node_modules'), join(context, 'node_modules'), 'dir');
    const built = await runCommand('npm', ['run', 'build'], {}, { cwd: context, timeoutMs: 240_000 });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(existsSync(join(context, 'dist', 'src', 'cli.js'))).toBe(true);

    // The final stage: package.json, node_modules and dist, nothing else.
    const app = join(work, 'app');
    mkdirSync(app);
    copyFileSync(join(context, 'package.json'), join(app, 'package.json'));
    execFileSync('cp', ['-R', join(context, 'dist'), join(app, 'dist')]);
    symlinkSync(resolve('node_modules'), join(app, 'node_modules'), 'dir');

    const help = await runCommand('node', ['dist/src/cli.js', '--help'], {}, { cwd: app });
    expect(help.code, help.stderr).toBe(0);
    for (const command of ['serve', 'migrate', 'worker']) expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));

    // `npm start` with a bad configuration: a message, exit 2.
    const bad = await runCommand('node', ['dist/src/cli.js', 'serve'], { PORT: 'abc' }, { cwd: app });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/PORT is "abc"/);

    // The image's CMD with its ENV (only the database moved from /data, the port made free).
    const [command = '', ...cmdArgs] = execForm(args(runtime, 'CMD')[0] ?? '[]');
    const env = { ...envOf(runtime), DATABASE_URL: `sqlite:${join(work, 'data', 'cifras.db')}`, LOG_LEVEL: 'info' };
    const server = await spawnServerCommand(command, cmdArgs, env, app);
    await waitReady(server);
    const port = new URL(server.url).port;
    const summary = await fetch(`${server.url}/api/v1/indicators/political-prisoners`);
    expect(summary.status).toBe(200);
    // The HEALTHCHECK command, exactly as written, run the way Docker runs it (sh -c).
    const probe = /CMD (.*)$/.exec(args(runtime, 'HEALTHCHECK')[0] ?? '')?.[1] ?? '';
    const healthy = await runCommand('sh', ['-c', probe], { PORT: port }, { cwd: app, timeoutMs: 30_000 });
    expect(healthy.code, healthy.stderr).toBe(0);
    await server.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // And against nothing listening, the probe reports unhealthy.
    const unhealthy = await runCommand('sh', ['-c', probe], { PORT: port }, { cwd: app, timeoutMs: 30_000 });
    expect(unhealthy.code).toBe(1);
  }, 420_000);
});
