/**
 * Start-up: the whole system started the way `npm start` starts it, in the same run on the same
 * machine, two ways. The baseline is how npm start worked before there was a build: the launcher and
 * every service run their TypeScript through tsx (`node --conditions=source --import tsx
 * tools/src/launcher.ts`, which then starts `node --import tsx src/main.ts`). Against it, compiled:
 * `node tools/dist/launcher.js`, which starts `node dist/main.js`. For each start:
 *
 * - time from spawning the launcher until every service's /health/ready answers 200 (polled here),
 *   split into the launcher's preparation (provisioning, migrations, broker users: the same work both
 *   ways) and the services' start, one after another as the launcher starts them;
 * - the memory of the service processes once idle: VmRSS from /proc/<pid>/status, 5 s after all ready,
 *   with that of any process a service started (tsx's esbuild); and the launcher's own.
 *
 * Every start is on a fresh prefix (databases, roles, Redis and broker users of its own, migrated from
 * empty), without demo data (`--no-seed`), and is stopped with Ctrl-C (SIGINT) and cleaned up after.
 * One unmeasured start of each kind first warms the file cache and tsx's transform cache, then the
 * kinds alternate, so load from elsewhere on the machine falls on both.
 *
 *   npm run bench -- startup        (BENCH_STARTUP_RUNS=3 measured starts of each kind)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Redis } from 'ioredis';
import { adminDatabaseUrl } from '@bazaar/platform/testing';
import { dropBrokerUsers, dropProvisioned } from '../tools/src/provision.js';
import { discoverServices, repoRoot, type ServiceDef } from '../tools/src/services.js';
import { cleanBroker, freeOffset } from '../tools/src/testing/system.js';
import { writeResults } from './machine.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const IDLE_MS = 5000;
type Kind = 'source' | 'dist';
const label: Record<Kind, string> = { source: 'from sources through tsx (before)', dist: 'compiled, node dist/main.js' };

const say = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Start {
  kind: Kind;
  /** Launcher spawned → every /health/ready 200, in ms. */
  allReady: number;
  /** Launcher spawned → it starts the first service (provisioning, migrations, broker users). */
  preparation: number;
  /** Per service: the launcher says it starts it → its /health/ready answers 200, in ms. */
  serviceStart: Record<string, number>;
  /** Per service: VmRSS in KiB at idle, with any process it started. */
  rss: Record<string, number>;
  /** The launcher's own VmRSS in KiB, at the same moment. */
  launcherRss: number;
  /** What one service process runs, read from /proc: the proof of which kind this was. */
  commandLine: string;
}

const vmRssKiB = (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);

/** A process's children, grandchildren …: tsx runs esbuild as a child process of the service's. */
function descendants(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** VmRSS of a service process and of any process it started, in KiB. */
const serviceRssKiB = (pid: number) => [pid, ...descendants(pid)].reduce((sum, p) => sum + vmRssKiB(p), 0);

/** Polls a service's readiness until it answers 200; resolves with the time it did. */
async function readyAt(url: string, exited: () => boolean): Promise<number> {
  for (;;) {
    if (exited()) throw new Error('the launcher exited');
    const ok = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (ok) return performance.now();
    await sleep(50);
  }
}

async function startOnce(kind: Kind, services: ServiceDef[]): Promise<Start> {
  const prefix = `bench_start_${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-startup-'));
  chmodSync(dataDir, 0o755); // an embedded PostgreSQL, if one is needed, runs as the postgres user
  const offset = await freeOffset(services.map((s) => s.port));
  const launcher = kind === 'source'
    ? ['--conditions=source', '--import', createRequire(import.meta.url).resolve('tsx'), 'tools/src/launcher.ts']
    : ['tools/dist/launcher.js'];
  const args = [...launcher, '--no-seed', '--prefix', prefix, '--data-dir', dataDir, '--port-offset', String(offset)];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const announced: Record<string, number> = {};
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const s of services) if (!(s.name in announced) && output.includes(`starting ${s.name} on port`)) announced[s.name] = performance.now();
  });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    const ready = await Promise.all(services.map((s) => readyAt(`http://127.0.0.1:${s.port + offset}`, () => child.exitCode !== null)));
    const allReady = Math.max(...ready) - started;
    for (let i = 0; i < 600 && !output.includes('stop: Ctrl-C'); i++) await sleep(50);
    const pids = Object.fromEntries(output.split('\n').map((line) => line.trim().split(/\s{2,}/)).filter((cells) => cells.length >= 5 && /^http:\/\//.test(cells[1]!)).map((cells) => [cells[0]!, Number(cells[2])]));
    await sleep(IDLE_MS);
    const rss = Object.fromEntries(services.map((s) => [s.name, serviceRssKiB(pids[s.name]!)]));
    const launcherRss = vmRssKiB(child.pid!);
    const firstPid = pids[services[0]!.name]!;
    const commandLine = readFileSync(`/proc/${firstPid}/cmdline`, 'utf8').split('\0').filter(Boolean)
      .map((arg, i) => (i === 0 ? 'node' : path.isAbsolute(arg) ? path.relative(repoRoot, arg) : arg)).join(' ');
    const firstAnnounced = Math.min(...Object.values(announced));
    return {
      kind,
      allReady,
      preparation: firstAnnounced - started,
      serviceStart: Object.fromEntries(services.map((s, i) => [s.name, ready[i]! - announced[s.name]!])),
      rss,
      launcherRss,
      commandLine,
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${output}`);
  } finally {
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    await cleanUp(prefix, services.map((s) => s.name));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function cleanUp(prefix: string, names: string[]): Promise<void> {
  await cleanBroker('amqp://guest:guest@127.0.0.1:5672', names, prefix.replace(/_/g, '-')).catch(() => undefined);
  for (const name of names) await dropProvisioned(adminDatabaseUrl(), name, { prefix }).catch(() => undefined);
  await dropBrokerUsers(names, { userPrefix: prefix }).catch(() => undefined);
  const redis = new Redis(process.env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379');
  for (const name of names) await redis.call('ACL', 'DELUSER', `${prefix}_${name}`).catch(() => undefined);
  redis.disconnect();
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const mib = (kib: number) => (kib / 1024).toFixed(0);
const totalRss = (start: Start) => Object.values(start.rss).reduce((a, b) => a + b, 0);

function report(starts: Start[], services: ServiceDef[], load: { before: number; after: number }): string {
  const of = (kind: Kind) => starts.filter((s) => s.kind === kind);
  const figure = (kind: Kind, value: (s: Start) => number) => median(of(kind).map(value));
  const row = (name: string, value: (s: Start) => number, format: (n: number) => string) => {
    const source = figure('source', value);
    const dist = figure('dist', value);
    return `| ${name} | ${format(source)} | ${format(dist)} | ${(source / dist).toFixed(2)}× |`;
  };
  const perService = services.map((s) => {
    const start = (kind: Kind) => figure(kind, (x) => x.serviceStart[s.name]!);
    const rss = (kind: Kind) => figure(kind, (x) => x.rss[s.name]!);
    return `| ${s.name} | ${seconds(start('source'))} s · ${mib(rss('source'))} MiB | ${seconds(start('dist'))} s · ${mib(rss('dist'))} MiB | ${(start('source') / start('dist')).toFixed(2)}× |`;
  });
  const runs = starts.map((s, i) => `| ${i + 1} | ${s.kind === 'source' ? 'tsx' : 'compiled'} | ${seconds(s.allReady)} | ${seconds(s.preparation)} | ${seconds(s.allReady - s.preparation)} | ${mib(totalRss(s))} |`);
  return `
${RUNS} starts of each kind, alternating, after one unmeasured start of each; medians. Each start: \`npm start -- --no-seed\`
on a fresh prefix (databases and roles created and migrated from empty, Redis and RabbitMQ users made), ${services.length} services
started one after another in the launcher's order, Ctrl-C after. Load average (1 min) before / after: ${load.before.toFixed(2)} / ${load.after.toFixed(2)}.

| | ${label.source} | ${label.dist} | ratio |
|---|---:|---:|---:|
${row('**launcher start → every /health/ready 200 (s)**', (s) => s.allReady, seconds)}
${row('of which preparation: provisioning, migrations, broker users (s)', (s) => s.preparation, seconds)}
${row('of which the services starting, one after another (s)', (s) => s.allReady - s.preparation, seconds)}
${row(`**RSS of the ${services.length} service processes at idle (MiB)**`, totalRss, mib)}
${row('RSS of the launcher (MiB)', (s) => s.launcherRss, mib)}

Per service (median; start is from the launcher saying it starts it to its /health/ready answering 200):

| service: start · RSS | ${label.source} | ${label.dist} | start ratio |
|---|---:|---:|---:|
${perService.join('\n')}

Every start:

| # | kind | to all ready (s) | preparation (s) | services (s) | RSS total (MiB) |
|---|---|---:|---:|---:|---:|
${runs.join('\n')}

What ran, from /proc/<pid>/cmdline of ${services[0]!.name}: tsx \`${of('source')[0]?.commandLine ?? '?'}\`; compiled \`${of('dist')[0]?.commandLine ?? '?'}\`.

Through tsx, each service process resolves and transforms every TypeScript file of the service and of the
shared packages as it is imported (from tsx's cache once warm, as here; esbuild otherwise), through module
hooks that run in a loader thread of its own; compiled, node loads plain JavaScript. The preparation is the
same work both ways, done by the launcher before any service starts, but the baseline's launcher runs through
tsx too. The machine is shared with other work: a high load average means it ran at the same time, and the
two kinds alternate so that it falls on both; the spread between starts of one kind shows how much.
`;
}

async function main(): Promise<void> {
  const services = discoverServices();
  say(`${services.length} services: ${services.map((s) => s.name).join(', ')}; ${RUNS} measured starts of each kind`);
  const before = os.loadavg()[0]!;
  for (const kind of ['source', 'dist'] as const) {
    say(`warm-up start, ${label[kind]}…`);
    await startOnce(kind, services);
  }
  const starts: Start[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const kind of ['source', 'dist'] as const) {
      const start = await startOnce(kind, services);
      starts.push(start);
      say(`${i + 1}/${RUNS} ${label[kind]}: all ready in ${seconds(start.allReady)} s (preparation ${seconds(start.preparation)} s), services' RSS ${mib(totalRss(start))} MiB`);
    }
  }
  const body = report(starts, services, { before, after: os.loadavg()[0]! });
  const file = writeResults('startup', 'Start-up: compiled services against TypeScript run through tsx', 'npm run bench -- startup', body);
  console.log(`\n${readFileSync(file, 'utf8')}`);
  say(`written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: Error) => {
  console.error(`[bench] failed: ${error.message}`);
  process.exitCode = 1;
});
