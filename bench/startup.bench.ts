/**
 * Start-up and memory of `npm start`, the real command (npm → tools/bootstrap.mjs → the launcher →
 * every service), on a warm machine: dependencies installed, the build up to date, the databases,
 * roles and broker users of the prefix made and migrated and the demo data loaded by one unmeasured
 * first start. Then RUNS measured starts of the same prefix, each stopped with Ctrl-C (SIGINT):
 *
 * - time from spawning `npm start` until it prints its summary (the line ending `stop: Ctrl-C`: every
 *   service ready, the web app served), and until every service's /health/ready answers (polled here);
 * - where the time goes: the phases bootstrap.mjs and the launcher record when BAZAAR_START_TIMINGS
 *   names a file (process.ts), each as start and end from the spawn, so overlapping ones show;
 * - the memory of every process npm start runs (npm, the bootstrap and launcher, each service), walked
 *   down from npm's pid: VmRSS from /proc/<pid>/status and Pss from /proc/<pid>/smaps_rollup (shared
 *   pages divided among their users), IDLE_MS after the summary and once the services have settled
 *   (settle(): the first start's demo data taken in by analytics, say). The goal is the services' own: the
 *   processes of the system, without npm and the launcher (which also serves the web app's files and
 *   runs the local stand-ins: SMTP sink, trace receiver, courier simulator); both totals are shown;
 * - the same memory under load, in the last start only: LOAD_S seconds of browsing and checking out
 *   through the gateway (the demo customer, LOAD_CONCURRENCY loops), sampled every second, the peak.
 *
 * The machine is shared: the spread between starts is reported beside the median.
 *
 *   npm run bench -- startup        (BENCH_STARTUP_RUNS=3 measured starts, BENCH_STARTUP_LOAD_S=30)
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { adminDatabaseUrl } from '@bazaar/platform/testing';
import { dropBrokerUsers, dropProvisioned } from '../tools/src/provision.js';
import { discoverServices, repoRoot, type ServiceDef } from '../tools/src/services.js';
import { cleanBroker, freeOffset } from '../tools/src/testing/system.js';
import { recordFigures, writeResults } from './machine.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const LOAD_S = Number(process.env.BENCH_STARTUP_LOAD_S ?? 30);
const LOAD_CONCURRENCY = 4;
const IDLE_MS = 5000;
/** npm start's time to its summary; the services' resident memory together, at idle and at the peak of the load. */
const GOAL = { readyS: 12, idleMiB: 1024, loadMiB: 1536 };
/** The processes that are the system: one per service (a service's process is named after its folder). */
const SERVICE_NAMES = new Set(discoverServices().map((s) => s.name));
const servicesOf = (rows: ProcessMemory[]) => rows.filter((r) => SERVICE_NAMES.has(r.name));

const say = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nowMs = () => performance.timeOrigin + performance.now();

interface Phase { phase: string; start: number; end: number }
/** Clock ticks a second, for /proc/<pid>/stat's CPU times (100 on Linux). */
const TICKS = 100;
interface ProcessMemory { pid: number; name: string; rssKiB: number; pssKiB: number; privateKiB: number }

interface Start {
  /** Spawn → the summary printed (`stop: Ctrl-C`), in ms. */
  summary: number;
  /** Spawn → every /health/ready answered 200, in ms. */
  healthReady: number;
  /**
   * CPU time (s) every process of npm start used until its summary: user and system time of the ones
   * alive then, with that of the children they waited for (tsc, vite, rabbitmqctl). Less at the mercy
   * of other work on the machine than the wall time.
   */
  cpuS: number;
  /** The phases, from the spawn (ms). */
  phases: Phase[];
  idle: ProcessMemory[];
  /** How long after IDLE_MS the services took to settle before the idle memory was read (ms; see settle()). */
  settledAfter: number;
  /** Under load: the peak of the total, and each process's own peak. */
  load?: { samples: number; peakTotalRssKiB: number; peakTotalPssKiB: number; peakServicesRssKiB: number; peakServicesPssKiB: number; perProcess: ProcessMemory[]; requests: number; orders: number; errors: number };
}

const statusKiB = (pid: number, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
/** Pss and the pages no other process maps (Private_Clean + Private_Dirty), from one read of smaps_rollup. */
function rollupOf(pid: number): { pssKiB: number; privateKiB: number } {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return { pssKiB: field('Pss'), privateKiB: field('Private_Clean') + field('Private_Dirty') };
}

/** The processes under `pid`; one that ends while they are walked is left out with what was under it. */
function descendants(pid: number): number[] {
  let children: number[];
  try {
    children = readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** What a process is, for the table: a service by the folder it runs in, else by its command line. */
function nameOf(pid: number): string {
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const cwd = (() => { try { return readlinkSync(`/proc/${pid}/cwd`); } catch { return ''; } })();
  const service = /\/services\/([^/]+)$/.exec(cwd)?.[1];
  if (service) return service;
  const line = argv.join(' ');
  if (path.basename(argv[0] ?? '') === 'sh') return 'sh';
  if (/bootstrap\.mjs/.test(line)) return /launcher/.test(line) ? 'bootstrap + launcher' : 'bootstrap';
  if (/launcher\.js/.test(line)) return 'launcher';
  if (/npm(-cli)?(\.js)?\b/.test(line) || path.basename(argv[0] ?? '') === 'npm') return 'npm';
  return path.basename(argv[0] ?? String(pid));
}

/** CPU seconds of `root` and the processes under it, with their reaped children's (see Start.cpuS). */
function cpuOf(root: number): number {
  let ticks = 0;
  for (const pid of [root, ...descendants(root)]) {
    try {
      // After the command (which may hold spaces): utime, stime, cutime, cstime are the 12th to 15th fields.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      ticks += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    } catch {
      // gone
    }
  }
  return ticks / TICKS;
}

/** Every process under `root` (npm start's npm), with its memory; one that ended meanwhile is left out. */
function memoryOf(root: number): ProcessMemory[] {
  const rows: ProcessMemory[] = [];
  for (const pid of [root, ...descendants(root)]) {
    try {
      rows.push({ pid, name: nameOf(pid), rssKiB: statusKiB(pid, 'VmRSS'), ...rollupOf(pid) });
    } catch {
      // gone
    }
  }
  return rows;
}

const sum = (rows: ProcessMemory[], key: 'rssKiB' | 'pssKiB' | 'privateKiB') => rows.reduce((total, r) => total + r[key], 0);

/**
 * The services are settled when together they use less than a quarter of one core over two seconds:
 * what npm start's couriers and the services' own polling cost when nothing else happens (0.13-0.17 of
 * a core, measured), but not analytics still taking in the events and changes of a first start's demo
 * data, which takes a whole core for a minute or more and grows its memory while it does.
 */
const SETTLED_CPU_SHARE = 0.25;
const SETTLE_WINDOW_MS = 2000;

/** CPU seconds the services under `root` have used (their own, not their children's). */
function servicesCpuOf(root: number): number {
  let ticks = 0;
  for (const pid of descendants(root)) {
    try {
      if (!SERVICE_NAMES.has(nameOf(pid))) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / TICKS;
}

/** Waits until the services are settled (SETTLED_CPU_SHARE), at most `maxMs`; returns how long it waited, in ms. */
async function settle(root: number, maxMs: number): Promise<number> {
  const from = nowMs();
  while (nowMs() - from < maxMs) {
    const before = servicesCpuOf(root);
    await sleep(SETTLE_WINDOW_MS);
    if (servicesCpuOf(root) - before < SETTLED_CPU_SHARE * (SETTLE_WINDOW_MS / 1000)) break;
  }
  return nowMs() - from;
}

async function healthy(url: string): Promise<boolean> {
  return fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
}

interface Running {
  child: ReturnType<typeof spawn>;
  output: () => string;
  exited: Promise<void>;
  started: number;
  summaryAt: number;
  healthAt: number;
  /** CPU seconds of the process tree at the summary. */
  cpuS: number;
  timings: string;
}

async function launch(prefix: string, dataDir: string, offset: number, services: ServiceDef[], timings: string): Promise<Running> {
  rmSync(timings, { force: true });
  const started = nowMs();
  const child = spawn('npm', ['start', '--', '--prefix', prefix, '--data-dir', dataDir, '--port-offset', String(offset)], {
    cwd: repoRoot, env: { ...process.env, BAZAAR_START_TIMINGS: timings }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let output = '';
  let summaryAt = 0;
  let cpuS = 0;
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (!summaryAt && output.includes('stop: Ctrl-C')) {
      summaryAt = nowMs();
      cpuS = cpuOf(child.pid!);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const ready = new Set<string>();
  let healthAt = 0;
  const deadline = Date.now() + 600_000;
  // A start that fails here is stopped like any other, not left running.
  const abandon = async (error: Error): Promise<never> => {
    await stop({ child, output: () => output, exited, started, summaryAt, healthAt, cpuS, timings }).catch(() => undefined);
    throw error;
  };
  while (!summaryAt || ready.size < services.length) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline || (summaryAt && nowMs() - summaryAt > 60_000)) {
      if (!summaryAt) await abandon(new Error(`npm start printed no summary within 600 s:\n${output}`));
      say(`  not ready a minute after the summary: ${services.filter((s) => !ready.has(s.name)).map((s) => s.name).join(', ')}`);
      break;
    }
    await Promise.all(services.filter((s) => !ready.has(s.name)).map(async (s) => {
      if (await healthy(`http://127.0.0.1:${s.port + offset}`)) ready.add(s.name);
    }));
    if (!healthAt && ready.size === services.length) healthAt = nowMs();
    await sleep(50);
  }
  return { child, output: () => output, exited, started, summaryAt, healthAt: healthAt || Number.NaN, cpuS, timings };
}

/** Ctrl-C as a terminal sends it: SIGINT to npm start's whole process group; SIGKILL after 60 s. */
async function stop(running: Running): Promise<void> {
  try { process.kill(-running.child.pid!, 'SIGINT'); } catch { /* gone */ }
  const timer = setTimeout(() => { try { process.kill(-running.child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 60_000);
  await running.exited;
  clearTimeout(timer);
  if (!running.output().includes('all stopped')) throw new Error(`npm start did not stop cleanly:\n${running.output().slice(-2000)}`);
}

function phasesOf(running: Running): Phase[] {
  if (!existsSync(running.timings)) return [];
  return readFileSync(running.timings, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Phase)
    .map((p) => ({ phase: p.phase, start: p.start - running.started, end: p.end - running.started }));
}

/** The demo customer browses and checks out through the gateway, LOAD_CONCURRENCY loops for `seconds`. */
async function drive(gateway: string, seconds: number): Promise<{ requests: number; orders: number; errors: number }> {
  const call = async (method: string, url: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${gateway}${url}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) as Record<string, unknown> : {} };
  };
  const login = await call('POST', '/auth/login', undefined, { email: 'demo@bazaar.test', password: 'Bazaar-demo-1' });
  if (login.status !== 200) throw new Error(`load: the demo customer cannot sign in: ${login.status} ${JSON.stringify(login.body)}`);
  const token = login.body.token as string;
  const card = await call('POST', '/payments/methods', token, { card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123' } });
  if (card.status !== 201) throw new Error(`load: no card: ${card.status} ${JSON.stringify(card.body)}`);
  const listing = await call('GET', '/products?limit=50');
  const items = (listing.body.items ?? listing.body.data ?? listing.body.products ?? []) as { id: string }[];
  if (items.length === 0) throw new Error(`load: no products to browse: ${JSON.stringify(listing.body).slice(0, 300)}`);
  const counts = { requests: 0, orders: 0, errors: 0 };
  const until = Date.now() + seconds * 1000;
  const address = { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' };
  const loop = async (n: number) => {
    for (let i = 0; Date.now() < until; i++) {
      const product = items[(n * 7 + i) % items.length]!;
      const answers = await Promise.all([
        call('GET', `/products?limit=20&offset=${(i * 20) % 200}`),
        call('GET', `/products/${product.id}`),
        call('GET', `/products/${product.id}/reviews`),
      ]).catch(() => [{ status: 0 }]);
      counts.requests += answers.length;
      counts.errors += answers.filter((a) => a.status >= 500 || a.status === 0).length;
      if (i % 3 === 0) {
        const order = await call('POST', '/orders', token, { items: [{ productId: product.id, quantity: 1 }], paymentMethodId: card.body.paymentMethodId, shippingAddress: address }, { 'idempotency-key': randomUUID() })
          .catch(() => ({ status: 0, body: {} }));
        counts.requests++;
        if (order.status === 202) counts.orders++;
        else counts.errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, (_, n) => loop(n)));
  return counts;
}

async function underLoad(root: number, gateway: string): Promise<NonNullable<Start['load']>> {
  const peak = new Map<string, ProcessMemory>();
  let peakTotalRssKiB = 0;
  let peakTotalPssKiB = 0;
  let peakServicesRssKiB = 0;
  let peakServicesPssKiB = 0;
  let samples = 0;
  let driving = true;
  const sampler = (async () => {
    while (driving) {
      const rows = memoryOf(root);
      samples++;
      peakTotalRssKiB = Math.max(peakTotalRssKiB, sum(rows, 'rssKiB'));
      peakTotalPssKiB = Math.max(peakTotalPssKiB, sum(rows, 'pssKiB'));
      peakServicesRssKiB = Math.max(peakServicesRssKiB, sum(servicesOf(rows), 'rssKiB'));
      peakServicesPssKiB = Math.max(peakServicesPssKiB, sum(servicesOf(rows), 'pssKiB'));
      for (const row of rows) {
        const before = peak.get(row.name);
        peak.set(row.name, { ...row, rssKiB: Math.max(before?.rssKiB ?? 0, row.rssKiB), pssKiB: Math.max(before?.pssKiB ?? 0, row.pssKiB), privateKiB: Math.max(before?.privateKiB ?? 0, row.privateKiB) });
      }
      await sleep(1000);
    }
  })();
  try {
    const counts = await drive(gateway, LOAD_S);
    return { samples, peakTotalRssKiB, peakTotalPssKiB, peakServicesRssKiB, peakServicesPssKiB, perProcess: [...peak.values()], ...counts };
  } finally {
    driving = false;
    await sampler;
  }
}

async function cleanUp(prefix: string, names: string[]): Promise<void> {
  await cleanBroker('amqp://guest:guest@127.0.0.1:5672', names, prefix.replace(/_/g, '-')).catch(() => undefined);
  for (const name of names) await dropProvisioned(adminDatabaseUrl(), name, { prefix }).catch(() => undefined);
  await dropBrokerUsers(names, { userPrefix: prefix }).catch(() => undefined);
  const redis = new Redis(process.env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379');
  for (const name of names) await redis.call('ACL', 'DELUSER', `${prefix}_${name}`).catch(() => undefined);
  // The demo data and the couriers' keys of this prefix.
  const keys = await redis.keys(`*:${prefix.replace(/_/g, '-')}:*`).catch(() => [] as string[]);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500)).catch(() => undefined);
  redis.disconnect();
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const spread = (values: number[], format: (n: number) => string) => `${format(Math.min(...values))}–${format(Math.max(...values))}`;
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const mib = (kib: number) => (kib / 1024).toFixed(0);

function report(starts: Start[], load: { before: number; after: number }): { body: string; idleDetail: string; loadDetail: string; allDetail: string; allLoadDetail: string } {
  const summary = starts.map((s) => s.summary);
  const health = starts.map((s) => s.healthReady);
  const idleRss = starts.map((s) => sum(s.idle, 'rssKiB'));
  const idlePss = starts.map((s) => sum(s.idle, 'pssKiB'));
  const servicesRss = starts.map((s) => sum(servicesOf(s.idle), 'rssKiB'));
  const servicesPss = starts.map((s) => sum(servicesOf(s.idle), 'pssKiB'));
  const serviceCount = servicesOf(starts[0]!.idle).length;
  // Phases by name, median start and end over the starts.
  const names = [...new Set(starts.flatMap((s) => s.phases.map((p) => p.phase)))];
  const phaseRows = names.map((name) => {
    const of = starts.map((s) => s.phases.find((p) => p.phase === name)).filter((p): p is Phase => !!p);
    return { name, start: median(of.map((p) => p.start)), end: median(of.map((p) => p.end)), took: median(of.map((p) => p.end - p.start)) };
  }).sort((a, b) => a.start - b.start);
  // Per process at idle: median over the starts, by name (one process per name but npm's sh).
  const processNames = [...new Set(starts.flatMap((s) => s.idle.map((r) => r.name)))];
  const perProcess = processNames.map((name) => {
    const rows = starts.map((s) => s.idle.filter((r) => r.name === name));
    return { name, count: rows[0]?.length ?? 0, rss: median(rows.map((r) => sum(r, 'rssKiB'))), pss: median(rows.map((r) => sum(r, 'pssKiB'))), own: median(rows.map((r) => sum(r, 'privateKiB'))) };
  }).sort((a, b) => b.rss - a.rss);
  const loaded = starts.at(-1)!.load;
  const peakOf = (name: string) => loaded?.perProcess.filter((r) => r.name === name).reduce((a, r) => a + r.rssKiB, 0);
  const idleDetail = `Pss ${mib(median(servicesPss))} MiB; ${perProcess.filter((p) => SERVICE_NAMES.has(p.name)).map((p) => `${p.name} ${mib(p.rss)}`).join(', ')}`;
  const allDetail = `Pss ${mib(median(idlePss))} MiB; ${perProcess.filter((p) => !SERVICE_NAMES.has(p.name)).map((p) => `${p.name} ${mib(p.rss)}`).join(', ')} beside the services`;
  const loadDetail = loaded ? `peak of ${loaded.samples} samples over ${LOAD_S} s; Pss ${mib(loaded.peakServicesPssKiB)} MiB; ${loaded.requests} requests, ${loaded.orders} orders, ${loaded.errors} errors` : 'not measured';
  const allLoadDetail = loaded ? `peak of ${loaded.samples} samples over ${LOAD_S} s; Pss ${mib(loaded.peakTotalPssKiB)} MiB` : 'not measured';
  const body = `
One unmeasured first start (provisioning, migrations, demo data; left running until the services settle,
that is until analytics has taken the demo data in), then ${starts.length} measured starts of the same
prefix: \`npm start -- --prefix <p> --data-dir <tmp> --port-offset <n>\` (the courier simulator on, as by default),
stopped with Ctrl-C (SIGINT to the process group) after. Medians, with the spread (min–max) beside.
Load average (1 min) before / after: ${load.before.toFixed(2)} / ${load.after.toFixed(2)}, on ${os.cpus().length} cores shared with other work.

| | median | spread | goal |
|---|---:|---:|---:|
| **npm start → its summary (\`stop: Ctrl-C\`) (s)** | ${seconds(median(summary))} | ${spread(summary, seconds)} | ≤ ${GOAL.readyS} |
| npm start → every /health/ready 200 (s) | ${seconds(median(health))} | ${spread(health, seconds)} | |
| CPU time of npm start's processes until the summary (s) | ${median(starts.map((s) => s.cpuS)).toFixed(1)} | ${spread(starts.map((s) => s.cpuS), (n) => n.toFixed(1))} | |
| **RSS of the ${serviceCount} services together at idle (MiB)** | ${mib(median(servicesRss))} | ${spread(servicesRss, mib)} | ≤ ${GOAL.idleMiB} |
| Pss of the services at idle (MiB; shared pages divided among the processes using them) | ${mib(median(servicesPss))} | ${spread(servicesPss, mib)} | |
| **RSS of the services under load, peak of their total (MiB)** | ${loaded ? mib(loaded.peakServicesRssKiB) : '-'} | | ≤ ${GOAL.loadMiB} |
| RSS of every process npm start runs at idle (MiB: the services, npm and the launcher) | ${mib(median(idleRss))} | ${spread(idleRss, mib)} | |
| Pss of every process at idle (MiB) | ${mib(median(idlePss))} | ${spread(idlePss, mib)} | |
| RSS of every process under load, peak (MiB) | ${loaded ? mib(loaded.peakTotalRssKiB) : '-'} | | |

The goal is the services' memory: npm and the launcher are how this machine runs them (the launcher also
serves the web app's files and runs the local stand-ins for what is outside the system: the SMTP sink,
the trace receiver, the courier simulator); in a cluster none of them runs. RSS counts a page each process
shares (Node's own code, for one) once per process; Pss divides it among them, so the Pss of several
processes adds up to the memory they take together.

Where the time goes (median over the starts; from spawning npm start, in s; phases overlap where they run at once):

| phase | from | to | took |
|---|---:|---:|---:|
${phaseRows.map((p) => `| ${p.name} | ${seconds(p.start)} | ${seconds(p.end)} | ${seconds(p.took)} |`).join('\n')}
| npm start → summary | 0.0 | ${seconds(median(summary))} | ${seconds(median(summary))} |

Memory per process (median at idle: ${IDLE_MS / 1000} s after the summary, then once the services together used less
than ${SETTLED_CPU_SHARE * 100} % of one core over ${SETTLE_WINDOW_MS / 1000} s, which took ${spread(starts.map((s) => s.settledAfter), seconds)} s more; under load, its peak over ${LOAD_S} s of load in the last start):

| process | RSS idle (MiB) | its own pages (MiB) | Pss idle (MiB) | RSS peak under load (MiB) |
|---|---:|---:|---:|---:|
${perProcess.map((p) => `| ${p.name}${p.count > 1 ? ` (×${p.count})` : ''} | ${mib(p.rss)} | ${mib(p.own)} | ${mib(p.pss)} | ${loaded ? mib(peakOf(p.name) ?? 0) : '-'} |`).join('\n')}
| **total** | **${mib(median(idleRss))}** | **${mib(median(starts.map((s) => sum(s.idle, 'privateKiB'))))}** | **${mib(median(idlePss))}** | **${loaded ? mib(loaded.peakTotalRssKiB) : '-'}** (peak of the total) |

"Its own pages" are those no other process maps (Private_Clean + Private_Dirty): mostly V8's heap and
what Node allocates. The rest of a service's RSS is shared, above all the pages of the \`node\`
executable itself (its code and read-only data, about 50 MiB in each service), which RSS counts once
for every process that maps them and Pss divides among them.

Load: ${LOAD_CONCURRENCY} loops of the demo customer through the gateway for ${LOAD_S} s, each browsing (a page of
products, one product, its reviews, at once) and checking out every third round: ${loadDetail}.

Every start:

| # | to summary (s) | to all /health/ready (s) | CPU (s) | RSS idle (MiB) | Pss idle (MiB) |
|---|---:|---:|---:|---:|---:|
${starts.map((s, i) => `| ${i + 1} | ${seconds(s.summary)} | ${seconds(s.healthReady)} | ${s.cpuS.toFixed(1)} | ${mib(sum(s.idle, 'rssKiB'))} | ${mib(sum(s.idle, 'pssKiB'))} |`).join('\n')}
`;
  return { body, idleDetail, loadDetail, allDetail, allLoadDetail };
}

async function main(): Promise<void> {
  const services = discoverServices();
  const prefix = `bench_start_${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-startup-'));
  chmodSync(dataDir, 0o755); // an embedded PostgreSQL, if one is needed, runs as the postgres user
  const timings = path.join(dataDir, 'start-timings.jsonl');
  const offset = await freeOffset([...services.map((s) => s.port), ...services.map((s) => s.port + 50), 3000, 1025, 8025, 4318, 8014]);
  say(`${services.length} services; prefix ${prefix}, port offset ${offset}; a first start, then ${RUNS} measured`);
  const before = os.loadavg()[0]!;
  const starts: Start[] = [];
  try {
    say('first start (provisioning, migrations, demo data; not measured)…');
    const first = await launch(prefix, dataDir, offset, services, timings);
    say(`  summary after ${seconds(first.summaryAt - first.started)} s; waiting for the services to settle (analytics takes the demo data in)…`);
    say(`  settled after ${seconds(await settle(first.child.pid!, 300_000))} s`);
    await stop(first);
    for (let i = 0; i < RUNS; i++) {
      const running = await launch(prefix, dataDir, offset, services, timings);
      try {
        await sleep(IDLE_MS);
        const settledAfter = await settle(running.child.pid!, 60_000);
        const idle = memoryOf(running.child.pid!);
        const start: Start = { summary: running.summaryAt - running.started, healthReady: running.healthAt - running.started, cpuS: running.cpuS, phases: phasesOf(running), idle, settledAfter };
        if (i === RUNS - 1 && LOAD_S > 0) {
          say(`  load for ${LOAD_S} s…`);
          start.load = await underLoad(running.child.pid!, `http://127.0.0.1:${services.find((s) => s.name === 'gateway')!.port + offset}`);
        }
        starts.push(start);
        say(`${i + 1}/${RUNS}: summary after ${seconds(start.summary)} s (CPU ${start.cpuS.toFixed(1)} s), all /health/ready after ${seconds(start.healthReady)} s; idle RSS ${mib(sum(idle, 'rssKiB'))} MiB (Pss ${mib(sum(idle, 'pssKiB'))})${start.load ? `; under load, peak RSS ${mib(start.load.peakTotalRssKiB)} MiB` : ''}`);
      } finally {
        await stop(running);
      }
    }
  } finally {
    await cleanUp(prefix, services.map((s) => s.name));
    rmSync(dataDir, { recursive: true, force: true });
  }
  const { body, idleDetail, loadDetail, allDetail, allLoadDetail } = report(starts, { before, after: os.loadavg()[0]! });
  const file = writeResults('startup', 'Start-up and memory of npm start', 'npm run bench -- startup', body);
  const loaded = starts.at(-1)!.load;
  recordFigures('startup', [
    { id: 'startup.ready-s', measure: 'npm start to its summary, warm (second) start, median', value: Number(seconds(median(starts.map((s) => s.summary)))), unit: 's', goal: { op: '<=', value: GOAL.readyS }, detail: `spread ${spread(starts.map((s) => s.summary), seconds)} s over ${starts.length} starts` },
    { id: 'memory.services-idle-mib', measure: 'RSS of the services together, at idle', value: Number(mib(median(starts.map((s) => sum(servicesOf(s.idle), 'rssKiB'))))), unit: 'MiB', goal: { op: '<=', value: GOAL.idleMiB }, detail: idleDetail },
    ...(loaded ? [{ id: 'memory.services-load-mib', measure: 'RSS of the services together, peak under load', value: Number(mib(loaded.peakServicesRssKiB)), unit: 'MiB', goal: { op: '<=' as const, value: GOAL.loadMiB }, detail: loadDetail }] : []),
    { id: 'memory.idle-mib', measure: 'RSS of every process npm start runs (the services, npm, the launcher), at idle', value: Number(mib(median(starts.map((s) => sum(s.idle, 'rssKiB'))))), unit: 'MiB', detail: allDetail },
    ...(loaded ? [{ id: 'memory.load-mib', measure: 'RSS of every process npm start runs, peak under load', value: Number(mib(loaded.peakTotalRssKiB)), unit: 'MiB', detail: allLoadDetail }] : []),
  ]);
  console.log(`\n${readFileSync(file, 'utf8')}`);
  say(`written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: Error) => {
  console.error(`[bench] failed: ${error.message}`);
  process.exitCode = 1;
});
