/**
 * What each service spends on a checkout, for the checkout benchmark (checkout.bench.ts) and the
 * capacity model that reads its figures:
 *
 * - counters sampled before and after a phase ({@link serviceSampler}): CPU time of each service's
 *   process (/proc/<pid>/stat, utime + stime), its database's committed and rolled-back transactions
 *   (pg_stat_database), the statements its pools sent (`db_client_queries`, counted by the kit's
 *   pools and served on /metrics), the messages it wrote to its outbox and took through its inbox
 *   (rows), and the HTTP requests it answered (`http_request_duration_seconds_count`, health and
 *   metrics routes aside);
 * - a CPU profile of each service over a phase ({@link profilePhase}): each is restarted with
 *   `--cpu-prof` (through NODE_OPTIONS in its environment), the phase runs, the services stop
 *   gracefully (Node writes the profile on exit), and only the samples taken inside the phase are
 *   kept (the profile's timestamps and this process's `process.hrtime` are the same monotonic clock):
 *   the functions with the most self time, and the time by library (pg, amqplib, pino, OpenTelemetry,
 *   Fastify, validation, the garbage collector, …).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { databaseUrlOf, type TestSystem } from '../tools/src/testing/system.js';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) of a process so far, ms; undefined once it is gone. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may hold spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

export interface ServiceCounters {
  cpuMs: number;
  commits: number;
  rollbacks: number;
  /** Deadlocks PostgreSQL found in the service's database: a count over the whole run, not per checkout. */
  deadlocks: number;
  statements: number;
  outbox: number;
  inbox: number;
  http: number;
}

export type Sample = Record<string, ServiceCounters>;

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/** Sums the samples of a Prometheus text metric, skipping series whose labels match `skip`. */
function metricSum(text: string, name: string, skip?: RegExp): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || (line[name.length] !== '{' && line[name.length] !== ' ')) continue;
    if (skip?.test(line)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
  }
  return sum;
}

/**
 * Reads every counter of every service. pg_stat_database is read on a connection to the `postgres`
 * database (so it counts in none of theirs); the outbox and inbox counts are one query on each
 * service's database, which that database's next delta includes (one commit: see {@link perCheckout}).
 * PostgreSQL publishes a backend's transaction counts when it goes idle, at most once a second: give
 * the services a moment of quiet before sampling.
 */
export interface Sampler {
  sample(): Promise<Sample>;
  close(): Promise<void>;
}

/** Connects, retrying a while: on a machine shared with other test systems PostgreSQL may be out of connection slots for a moment. */
async function connect(url: string): Promise<pg.Client> {
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt >= 20) throw error;
      await sleep(500);
    }
  }
}

/**
 * Connects once (a connection to the `postgres` database, for pg_stat_database, so it counts in none
 * of theirs, and one to each service's database), then reads every counter of every service on each
 * `sample()`. The outbox and inbox counts are one query on each service's database, which that
 * database's next delta includes (one commit: see {@link perCheckout}). PostgreSQL publishes a
 * backend's transaction counts when it goes idle, at most once a second: give the services a moment
 * of quiet before sampling.
 */
export async function serviceSampler(system: TestSystem, services: string[]): Promise<Sampler> {
  const admin = await connect(system.plan.adminUrlFor.get(services[0]!)!);
  const dbs: Record<string, pg.Client> = {};
  try {
    for (const service of services) dbs[service] = await connect(databaseUrlOf(system, service));
  } catch (error) {
    await Promise.all([admin, ...Object.values(dbs)].map((c) => c.end().catch(() => undefined)));
    throw error;
  }
  const names = Object.fromEntries(services.map((s) => [s, databaseName(databaseUrlOf(system, s))]));
  return {
    async sample() {
      const { rows } = await admin.query<{ datname: string; xact_commit: string; xact_rollback: string; deadlocks: string }>(
        'SELECT datname, xact_commit, xact_rollback, deadlocks FROM pg_stat_database WHERE datname = ANY($1::text[])', [Object.values(names)],
      );
      const stats = new Map(rows.map((r) => [r.datname, r]));
      const sample: Sample = {};
      for (const service of services) {
        const stat = stats.get(names[service]!);
        const { rows: [counts] } = await dbs[service]!.query<{ outbox: string | null; inbox: string | null }>(
          `SELECT CASE WHEN to_regclass('outbox') IS NOT NULL THEN (SELECT count(*) FROM outbox) END AS outbox,
                  CASE WHEN to_regclass('inbox') IS NOT NULL THEN (SELECT count(*) FROM inbox) END AS inbox`,
        );
        const metrics = await fetch(system.metricsUrl(service)).then((r) => r.text()).catch(() => '');
        sample[service] = {
          cpuMs: processCpuMs(system.services[service]!.pid) ?? Number.NaN,
          commits: Number(stat?.xact_commit ?? Number.NaN),
          rollbacks: Number(stat?.xact_rollback ?? Number.NaN),
          deadlocks: Number(stat?.deadlocks ?? Number.NaN),
          statements: metricSum(metrics, 'db_client_queries'),
          outbox: Number(counts?.outbox ?? 0),
          inbox: Number(counts?.inbox ?? 0),
          http: metricSum(metrics, 'http_request_duration_seconds_count', /route="\/(health|metrics)/),
        };
      }
      return sample;
    },
    close: async () => {
      await Promise.all([admin, ...Object.values(dbs)].map((c) => c.end().catch(() => undefined)));
    },
  };
}

/** What one checkout cost each service between two samples; `extraCommits` are others' (the bench's poller), by service. */
export function perCheckout(before: Sample, after: Sample, checkouts: number, extraCommits: Record<string, number> = {}): Record<string, ServiceCounters> {
  const out: Record<string, ServiceCounters> = {};
  for (const service of Object.keys(after)) {
    const a = after[service]!;
    const b = before[service]!;
    // The sampling's own query on the service's database is one of the commits between the samples.
    const commits = a.commits - b.commits - 1 - (extraCommits[service] ?? 0);
    out[service] = {
      cpuMs: (a.cpuMs - b.cpuMs) / checkouts,
      commits: commits / checkouts,
      rollbacks: (a.rollbacks - b.rollbacks) / checkouts,
      deadlocks: a.deadlocks - b.deadlocks,
      statements: (a.statements - b.statements) / checkouts,
      outbox: (a.outbox - b.outbox) / checkouts,
      inbox: (a.inbox - b.inbox) / checkouts,
      http: (a.http - b.http) / checkouts,
    };
  }
  return out;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// CPU profiles

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface ProfileSummary {
  service: string;
  /** Sampled time inside the phase, ms (idle excluded). */
  busyMs: number;
  /** Time by library or kind, ms, largest first. */
  byCategory: [string, number][];
  /** The functions with the most self time: name (file:line) and ms. */
  top: [string, number][];
}

const CATEGORIES: [string, RegExp][] = [
  ['garbage collector', /^\(garbage collector\)$/],
  ['(program: native, compiling)', /^\(program\)$/],
  ['pg (driver)', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//],
  ['amqplib (broker)', /node_modules\/(amqplib|@acuminous\/bitsyntax|buffer-more-ints)\//],
  ['pino (logging)', /node_modules\/(pino|pino-std-serializers|sonic-boom|fast-redact|thread-stream)\//],
  ['OpenTelemetry (tracing)', /node_modules\/@opentelemetry\//],
  ['Fastify', /node_modules\/(fastify|@fastify\/[a-z-]+|find-my-way|light-my-request|avvio|fast-json-stringify|secure-json-parse)\//],
  ['validation (typebox/ajv)', /node_modules\/(typebox|@sinclair\/typebox|ajv|ajv-formats|fast-uri)\//],
  ['prom-client (metrics)', /node_modules\/prom-client\//],
  ['undici (HTTP client)', /node_modules\/undici\/|node:internal\/deps\/undici/],
  ['jose / argon2 (auth)', /node_modules\/(jose|@node-rs\/argon2|argon2)\//],
  ['other libraries', /node_modules\//],
  ['the kit (@bazaar/platform)', /packages\/platform\//],
  ['contracts', /packages\/contracts\//],
  ['the service\'s own code', /services\//],
  ['Node internals', /^node:/],
];

function categoryOf(node: ProfileNode): string {
  const key = node.callFrame.url || node.callFrame.functionName;
  for (const [name, pattern] of CATEGORIES) if (pattern.test(key)) return name;
  return node.callFrame.url ? 'other' : `native: ${node.callFrame.functionName || '(anonymous)'}`;
}

/** Self time by category and by function of the samples taken between `fromUs` and `toUs` (monotonic clock, µs). */
export function summarizeProfile(service: string, file: string, fromUs: number, toUs: number, top = 8): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < fromUs || t > toUs) continue;
    // A sample's time is the interval up to the next one (V8 attributes it to the stack it saw).
    const next = profile.timeDeltas[i + 1] ?? delta;
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + next / 1000);
  }
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let busyMs = 0;
  for (const [id, msSelf] of self) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    busyMs += msSelf;
    const category = categoryOf(node);
    categories.set(category, (categories.get(category) ?? 0) + msSelf);
    const where = node.callFrame.url ? ` (${node.callFrame.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(packages|services)\//, '$1/')}:${node.callFrame.lineNumber + 1})` : '';
    const name = `${node.callFrame.functionName || '(anonymous)'}${where}`;
    functions.set(name, (functions.get(name) ?? 0) + msSelf);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { service, busyMs, byCategory: sorted(categories), top: sorted(functions).slice(0, top) };
}

/** Monotonic clock in µs, the clock V8's profiles are stamped with. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Restarts `services` with `--cpu-prof`, runs `phase`, stops them (writing their profiles), restarts
 * them without the profiler and summarises the samples taken during the phase.
 */
export async function profilePhase(system: TestSystem, services: string[], phase: () => Promise<void>, say: (line: string) => void): Promise<ProfileSummary[]> {
  const dir = path.join(os.tmpdir(), `bazaar-checkout-profiles-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const restartAll = async (nodeOptions: string | undefined) => {
    for (const service of [...services].reverse()) await system.services[service]!.stop();
    for (const service of services) {
      const env = system.env[service]!;
      if (nodeOptions) env.NODE_OPTIONS = nodeOptions.replace('{service}', service);
      else delete env.NODE_OPTIONS;
      await system.restart(service);
    }
  };
  say(`restarting ${services.join(', ')} with --cpu-prof…`);
  await restartAll(`--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-name={service}.cpuprofile`);
  const from = monotonicUs();
  await phase();
  const to = monotonicUs();
  say('stopping them to write their profiles, then restarting them without…');
  await restartAll(undefined);
  const summaries: ProfileSummary[] = [];
  for (const service of services) {
    const file = readdirSync(dir).find((f) => f === `${service}.cpuprofile`);
    if (!file) {
      say(`  no profile from ${service} (did it exit gracefully?)`);
      continue;
    }
    summaries.push(summarizeProfile(service, path.join(dir, file), from, to));
  }
  say(`profiles in ${dir}`);
  return summaries;
}
