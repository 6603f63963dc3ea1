/**
 * `npm start`: provisions each service's database, role and Redis user, runs its migrations, starts
 * every service as its own process, waits until each is ready and prints where everything is.
 * Ctrl-C stops them all gracefully.
 *
 *   npm start                      one PostgreSQL server, one database per service
 *   npm start -- --db-instances    each service on a PostgreSQL server of its own (ports 5433 and up)
 *   npm start -- --only identity,gateway
 *   npm start -- --no-couriers     without the courier simulator
 *   npm start -- --observe         with a Prometheus scraping every service, its rules from deploy/prometheus
 *   npm start -- --canary catalog  with a second catalog beside the first, sent a share of its requests (canary.ts)
 *   npm start -- --replicas 2      two processes of each service that can run several (replicas.ts)
 *
 * The web app (apps/web, built by npm run build) is served on port 3000 with the gateway under /api/,
 * and identity's mailed links point at it.
 *
 * Mail from notifications goes to a local SMTP sink this process runs (its page lists what arrived),
 * unless NOTIFICATIONS_SMTP_URL names a real server. The shop is on http://127.0.0.1:3000 (plus the offset),
the gateway behind it under /api/; identity's mailed links point there unless IDENTITY_PUBLIC_URL is set. Traces go to a local receiver this process runs
 * (OTLP/HTTP on 4318), unless OTEL_EXPORTER_OTLP_ENDPOINT names a collector.
 */
import type { ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { redactUrl } from '@bazaar/platform';
import { startSmtpSink, type SmtpSink } from '@bazaar/platform/testing';
import { discoverServices, envPrefix, repoRoot } from './services.js';
import { recordPhase, ServiceProcess, serviceNodeFlags, timed, type ServiceRuntime } from './process.js';
import { infrastructureFromEnv, planBrokerUsers, planPostgres, prepareServices, redisAnswers } from './system.js';
import { runSeeders } from './seed.js';
import { startPrometheus, stopPrometheus } from './prometheus.js';
import { startTraceReceiver, type TraceReceiver } from './trace-receiver.js';
import { audit, type AuditOptions, type Finding } from './audit.js';
import { createAuditRunner, type AuditRunner } from './audit-runner.js';
import { DEMO_ADMIN, startCourierSimulator, type CourierSimulator } from './courier-sim/simulator.js';
import { startWebServer, type WebServer } from './web-server.js';
import { startFlagStore, type FlagStore } from './flags-server.js';
import { addCanaries, isCanary, parseCanaryOption } from './canary.js';
import { addReplicas, isReplica, notReplicable, parseReplicasOption, serviceOf } from './replicas.js';

const { values: args } = parseArgs({
  options: {
    'db-instances': { type: 'boolean', default: false },
    only: { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    'no-seed': { type: 'boolean', default: false },
    'no-couriers': { type: 'boolean', default: false },
    observe: { type: 'boolean', default: false },
    couriers: { type: 'string', default: '24' },
    'port-offset': { type: 'string', default: '0' },
    prefix: { type: 'string', default: 'bazaar' },
    'data-dir': { type: 'string' },
    canary: { type: 'string' },
    replicas: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  console.log(`usage: npm start [-- --db-instances] [--only svc,svc] [--log-level debug] [--no-seed] [--no-couriers]

  --db-instances   give each service a PostgreSQL server of its own (embedded, ports 5433 and up)
  --only           start only these services
  --no-seed        do not load demo data into empty databases
  --no-couriers    do not run the courier simulator (couriers who deliver the orders placed)
  --couriers N     how many couriers the simulator runs (default 24)
  --observe        also run Prometheus (Debian's package) on 9090, scraping every service, with the
                   recording and alerting rules of deploy/prometheus
  --port-offset N  add N to every service's port and the web app's (run a second copy beside the first)
  --prefix NAME    name databases, roles, Redis and broker users NAME_<service> (default bazaar)
  --data-dir DIR   where embedded PostgreSQL data, credentials and logs go (default .data)
  --canary S[=share],…  also run a second process of service S (its port plus 1000, the same database)
                   and have the gateway send it that share of S's requests (default 0.1), rolled back
                   to 0 if it fails; GET /admin/canaries on the gateway shows it
  --replicas N | S=N,…  run N processes of every service that can run several (catalog, inventory,
                   orders, payments, shipping, notifications), or of the ones named; replica k
                   listens on its port plus k×1000. Callers balance across them, skipping one that is
                   down; they share their queues, outboxes and jobs through the broker and the database
Service logs are written to <data-dir>/logs/<service>.log, the simulator's to courier-simulator.log.
Mail goes to a local SMTP sink (port 1025, its page on 8025, both plus the offset) unless
NOTIFICATIONS_SMTP_URL names a real server. The shop is on http://127.0.0.1:3000 (plus the offset),
the gateway behind it under /api/; identity's mailed links point there unless IDENTITY_PUBLIC_URL is set. Traces go to a local receiver (4318 plus the offset; read
them at /traces?orderId=…) unless OTEL_EXPORTER_OTLP_ENDPOINT names a collector.`);
  process.exit(0);
}

const say = (line: string) => console.log(`[bazaar] ${line}`);

/**
 * Services and seeders run compiled (a service its bundle, `node dist/main.bundle.js`), like the launcher itself. Run from its
 * sources through tsx (`node --conditions=source --import tsx tools/src/launcher.ts`, how npm start
 * worked before there was a build; the startup benchmark's baseline), it runs theirs too.
 */
const runtime: ServiceRuntime = import.meta.url.endsWith('.ts') ? 'source' : 'dist';

/** Where a service without a database keeps its files (analytics' warehouse), as the table shows it. */
const dataDirOf = (p: { def: { name: string; dataDir: boolean }; env: Record<string, string> }) => {
  const dir = p.def.dataDir ? p.env[`${envPrefix(p.def.name)}_DATA_DIR`] : undefined;
  return dir ? `files in ${path.relative(process.cwd(), dir) || dir}` : undefined;
};

async function main(): Promise<void> {
  recordPhase('launcher: node and its modules loaded');
  const all = discoverServices();
  const only = args.only?.split(',').map((s) => s.trim()).filter(Boolean);
  if (only) {
    const unknown = only.filter((name) => !all.some((s) => s.name === name));
    if (unknown.length) throw new Error(`unknown service(s): ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
  }
  const services = only ? all.filter((s) => only.includes(s.name)) : all;
  if (services.length === 0) throw new Error('no services found under services/');
  const infra = infrastructureFromEnv();
  const dataRoot = path.resolve(args['data-dir'] ?? path.join(repoRoot, '.data'));
  // rabbitmqctl boots an Erlang VM of its own (seconds): asked at once, it answers while the rest is
  // prepared; and it is not asked when the broker users are there as the last start made them.
  const brokerPlan = timed('launcher: broker users plan', () => planBrokerUsers(infra, process.env, { services, dataRoot, prefix: args.prefix }));
  brokerPlan.catch(() => undefined);

  if (services.some((s) => s.redisPrefix) && !(await timed('launcher: Redis answers', () => redisAnswers(infra.redisUrl)))) {
    throw new Error(`no Redis answers at ${redactUrl(infra.redisUrl)}; start one (redis-server) or set BAZAAR_REDIS_URL`);
  }

  say(`${services.length} service(s): ${services.map((s) => s.name).join(', ')}`);
  const portOffset = Number(args['port-offset']);
  const courierCount = Number(args.couriers);
  if (!Number.isInteger(courierCount) || courierCount < 1 || courierCount > 99) throw new Error('--couriers must be a whole number from 1 to 99');
  if (!Number.isInteger(portOffset) || portOffset < 0 || portOffset > 50_000) throw new Error('--port-offset must be a whole number from 0 to 50000');
  const canaries = args.canary ? parseCanaryOption(args.canary) : [];
  const replicas = args.replicas ? parseReplicasOption(args.replicas, services) : new Map<string, number>();
  const plan = await timed('launcher: PostgreSQL plan', () => planPostgres(services, infra, { dbInstances: args['db-instances'], dataRoot, basePort: 5433 + portOffset, log: say }));
  for (const note of plan.notes) say(note);

  let mail: SmtpSink | undefined;
  let web: WebServer | undefined;
  // Started once the services are prepared (its admin server checks tokens with identity's keys).
  const flags: { store?: FlagStore } = {};
  const webOrigin = `http://127.0.0.1:${3000 + portOffset}`;
  // The isolation audit, served by the trace receiver at /audit (the console's, through the gateway):
  // what it audits is known once the services are prepared; it first runs once they are ready.
  const auditing: { of?: () => Promise<Finding[]> } = {};
  const audits = createAuditRunner(() => auditing.of?.() ?? Promise.reject(new Error('the services are not prepared yet')), say);
  const traces = await timed('launcher: trace receiver', () => startTraces(portOffset, audits));
  let prometheus: ChildProcess | undefined;
  const stopInfrastructure = async () => {
    await web?.close().catch(() => undefined);
    await stopPrometheus(prometheus);
    await mail?.close().catch(() => undefined);
    await traces?.close().catch(() => undefined);
    await flags.store?.close().catch(() => undefined);
    for (const instance of plan.embedded) await instance.stop().catch(() => undefined);
  };

  const processes: ServiceProcess[] = [];
  let couriers: CourierSimulator | undefined;
  let shuttingDown = false;
  const stopAll = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    // Before the services: ending the couriers' shifts needs the gateway, identity and shipping.
    if (couriers) {
      say('ending the couriers\' shifts…');
      await couriers.stop();
    }
    say('stopping services…');
    for (const p of [...processes].reverse()) await p.stop();
    await stopInfrastructure();
    say('all stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  // From here on, a failure stops what was already started (an embedded server, services) before exiting.
  stopEverything = stopAll;

  const broker = await brokerPlan;
  say(broker.note);
  const { prepared, failed } = await timed('launcher: provisioning and migrations', () => prepareServices(services, plan, infra, { dataRoot, prefix: args.prefix, portOffset, logLevel: args['log-level'], brokerUsers: broker.users, log: say }));
  if (!args['no-couriers']) makeRoomForCouriers(prepared);
  auditing.of = auditOf(services, infra, plan, dataRoot, broker.users);
  const identity = prepared.find((p) => p.def.name === 'identity');
  // Verification and reset links open the web app's pages (/verify-email, /reset-password).
  if (identity) identity.env.IDENTITY_PUBLIC_URL = process.env.IDENTITY_PUBLIC_URL ?? webOrigin;
  const notifications = prepared.find((p) => p.def.name === 'notifications');
  if (notifications) {
    if (process.env.NOTIFICATIONS_SMTP_URL) {
      notifications.env.NOTIFICATIONS_SMTP_URL = process.env.NOTIFICATIONS_SMTP_URL;
      say(`mail: sent through ${redactUrl(process.env.NOTIFICATIONS_SMTP_URL)} (NOTIFICATIONS_SMTP_URL)`);
    } else {
      mail = await timed('launcher: SMTP sink', () => startMailSink(portOffset));
      notifications.env.NOTIFICATIONS_SMTP_URL = mail.url;
    }
  }
  // process.ts hands the services OTEL_* of this process; without one, they send to the local receiver.
  if (traces) for (const service of prepared) service.env.OTEL_EXPORTER_OTLP_ENDPOINT ??= traces.url;
  // The console reads traces and the audit through the gateway (/admin/traces, /admin/audit).
  const gateway = prepared.find((p) => p.def.name === 'gateway');
  if (traces && gateway) gateway.env.TRACES_URL ??= traces.url;
  // Feature flags (flags-server.ts): every service reads the flag file; the console flips them through /admin/flags.
  const flagStore = flags.store = await timed('launcher: flag store', () => startFlagStore({ dataRoot, port: 8014 + portOffset, identityUrl: identity && `http://127.0.0.1:${identity.env.PORT}`, log: say }));
  for (const service of prepared) service.env.FLAGS_FILE ??= flagStore.file;
  if (flagStore.url && gateway) gateway.env.FLAGS_URL ??= flagStore.url;
  if (args.observe) prometheus = startPrometheus(prepared, dataRoot, portOffset, say);
  for (const canary of addCanaries(prepared, canaries, portOffset)) say(`${canary.def.name}: a second process on port ${canary.env.PORT}, on the same database; the gateway sends it a share of the requests`);
  const added = addReplicas(prepared, replicas, portOffset);
  for (const [service, count] of replicas) {
    if (count > 1 && prepared.some((p) => p.def.name === service)) say(`${service}: ${count} processes (ports ${[service, ...added.filter((p) => p.def.replicaOf === service).map((p) => p.def.name)].map((name) => prepared.find((p) => p.def.name === name)!.env.PORT).join(', ')}); its callers balance across them`);
  }
  if (args.replicas && /^\s*\d+\s*$/.test(args.replicas)) {
    const once = services.filter((s) => notReplicable(s)).map((s) => `${s.name}, as ${notReplicable(s)}`);
    if (once.length) say(`runs once: ${once.join('; ')}`);
  }
  for (const { def, error } of failed) {
    console.error(`\n[bazaar] ${def.name} cannot start: ${error.message}\n  Fix it and run npm start again; the other services start without it.`);
  }


  const logsDir = path.join(dataRoot, 'logs');
  const notReady: ServiceProcess[] = [];
  // Each service starts as soon as the services before it in start order that it calls are ready (or
  // failed): identity first, then the ones that need only identity at once, …, the gateway last. The
  // lines come in start order, each once its service is ready.
  const outcome = new Map<string, Promise<void>>();
  const processOf = new Map<(typeof prepared)[number], ServiceProcess>();
  const startService = async (service: (typeof prepared)[number]): Promise<ServiceProcess> => {
    const callees = prepared.filter((p) => p !== service && !isCanary(p) && serviceOf(p) !== serviceOf(service) && service.def.calls.includes(`${envPrefix(serviceOf(p))}_URL`));
    await Promise.all(callees.map((p) => outcome.get(p.def.name) ?? Promise.resolve()));
    const proc = new ServiceProcess(service.def, service.env, path.join(logsDir, `${service.def.name}.log`), runtime, serviceNodeFlags());
    proc.onUnexpectedExit = (code, signal) => {
      if (shuttingDown) return;
      console.error(`\n[bazaar] ${service.def.name} stopped unexpectedly (${signal ?? `exit ${code}`}); the others keep running. Last lines:`);
      for (const line of proc.lastLines()) console.error(`  ${line}`);
    };
    processes.push(proc);
    processOf.set(service, proc);
    await timed(`start ${service.def.name}`, async () => {
      await proc.ensurePortFree();
      proc.start();
      await proc.waitReady();
    });
    return proc;
  };
  const starting = prepared.map((service) => {
    const started = startService(service);
    started.catch(() => undefined); // reported below, in order
    outcome.set(service.def.name, started.then(() => undefined, () => undefined));
    return started;
  });
  for (const [i, service] of prepared.entries()) {
    process.stdout.write(`[bazaar] starting ${service.def.name} on port ${service.env.PORT}… `);
    try {
      await starting[i];
      console.log('ready');
    } catch (error) {
      console.log('FAILED');
      const proc = processOf.get(service);
      if (proc) notReady.push(proc);
      console.error(`[bazaar] ${(error as Error).message}${proc ? `. Last lines of ${proc.logFile}:` : ''}`);
      for (const line of proc?.lastLines() ?? []) console.error(`  ${line}`);
    }
  }

  // The web app in front of the gateway, listening while the demo data loads; without it the API still
  // runs: a failure is a line, not a stop.
  const webStarted = gateway
    ? timed('launcher: web server', () => startWebServer({ gateway: `http://127.0.0.1:${gateway.env.PORT}`, port: 3000 + portOffset }))
      .catch((error: Error) => void say(`shop: not served on ${3000 + portOffset}: ${error.message} (npm run build builds it; --port-offset N moves it)`))
    : undefined;
  if (!args['no-seed']) await timed('launcher: demo data (all seeders)', () => runSeeders(prepared.filter((p) => !isCanary(p) && !isReplica(p)), say, runtime));

  printTable(prepared.map((p) => ({
    service: p.def.name,
    url: `http://127.0.0.1:${p.env.PORT}`,
    pid: String(processes.find((x) => x.def.name === p.def.name)?.pid ?? '-'),
    database: p.database ? `${p.database.database} @ ${new URL(p.database.url).host}` : dataDirOf(p) ?? '(none: stateless)',
    state: notReady.some((n) => n.def.name === p.def.name) ? 'FAILED' : 'ready',
  })).concat(failed.map((f) => ({ service: f.def.name, url: '-', pid: '-', database: '-', state: 'NOT STARTED' }))));
  // In the background: the audit signs in as every role, so it waits for nothing and nothing waits for it.
  if (traces) audits.run();
  if (webStarted) web = (await webStarted) ?? undefined;
  if (web) say(`shop: ${web.url}  (the web app; the gateway behind it at /api/)`);
  if (gateway) say(`API: http://127.0.0.1:${gateway.env.PORT}  (docs at /docs)`);
  if (mail) say(`mail: every email the shop sends lands in a local SMTP sink (a stand-in for a mail server): read it at ${mail.httpUrl}/`);
  if (traces) say(`traces: ${traces.url}/traces?orderId=…  (or ?correlationId=, ?traceId=; one trace at /traces/<traceId>; the isolation audit at /audit)`);
  if (flags.store) say(`flags: ${path.relative(process.cwd(), flags.store.file) || flags.store.file}${flags.store.url ? `, flipped in the console (Flags) or at ${flags.store.url}/flags (admins; through the gateway at /admin/flags)` : ''}`);
  if (prometheus?.exitCode === null) say(`Prometheus: http://127.0.0.1:${9090 + portOffset}  (alerts at /alerts, rules from deploy/prometheus)`);
  say(`logs: ${path.relative(process.cwd(), logsDir) || '.'}/<service>.log    stop: Ctrl-C`);
  recordPhase('launcher: all ready', performance.timeOrigin);
  if (args['no-couriers']) return;
  const running = (name: string) => prepared.some((p) => p.def.name === name) && !notReady.some((p) => p.def.name === name);
  if (gateway && ['identity', 'shipping', 'gateway'].every(running)) couriers = startCouriers(`http://127.0.0.1:${gateway.env.PORT}`, logsDir);
  else say('courier simulator: not started, it needs identity, shipping and the gateway');
}

/**
 * The courier simulator, in this process: a few dozen timers and HTTP calls a second, which the
 * launcher's otherwise idle event loop carries without a process of its own (another Node, some
 * 50 MiB, on a machine that already runs seven); it never throws, and stopping it is a call with a
 * deadline rather than a signal to a child. Its lines go to a log file, like the services'.
 */
function startCouriers(gateway: string, logsDir: string): CourierSimulator {
  const file = path.join(logsDir, 'courier-simulator.log');
  const out = createWriteStream(file, { flags: 'a' });
  out.on('error', () => undefined);
  const log = (line: string) => out.write(`${new Date().toISOString()} ${line}\n`);
  const count = Number(args.couriers);
  const simulator = startCourierSimulator({
    gateway,
    couriers: count,
    admin: { email: process.env.COURIER_SIMULATOR_ADMIN_EMAIL ?? DEMO_ADMIN.email, password: process.env.COURIER_SIMULATOR_ADMIN_PASSWORD ?? DEMO_ADMIN.password },
    log,
  });
  say(`courier simulator: ${count} couriers sign in and deliver what is ordered (log: ${path.relative(process.cwd(), file)}; npm start -- --no-couriers turns it off)`);
  void simulator.started.then((outcome) => {
    if ('problem' in outcome) say(`courier simulator: not started: ${outcome.problem}`);
    else if ('couriers' in outcome) say(`courier simulator: ${outcome.couriers} courier(s) on shift in Amsterdam`);
  });
  return simulator;
}

/** The local SMTP sink on its usual ports; a port in use is a clear error, not a silent other port. */
async function startMailSink(portOffset: number): Promise<SmtpSink> {
  const port = 1025 + portOffset;
  const httpPort = 8025 + portOffset;
  try {
    return await startSmtpSink({ port, httpPort });
  } catch (error) {
    throw new Error(`the local SMTP sink cannot listen on ${port} (mail) and ${httpPort} (its page): ${(error as Error).message}. `
      + 'Stop what uses them, start with --port-offset N, or set NOTIFICATIONS_SMTP_URL to a mail server');
  }
}

/**
 * The local trace receiver, unless OTEL_EXPORTER_OTLP_ENDPOINT names a collector already. A port in
 * use costs the traces only: the shop starts without them.
 */
async function startTraces(portOffset: number, audits: AuditRunner): Promise<TraceReceiver | undefined> {
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    say(`traces: sent to ${redactUrl(process.env.OTEL_EXPORTER_OTLP_ENDPOINT)} (OTEL_EXPORTER_OTLP_ENDPOINT)`);
    return undefined;
  }
  const port = 4318 + portOffset;
  try {
    return await startTraceReceiver({ port, audit: audits });
  } catch (error) {
    say(`traces: not kept, the local receiver cannot listen on ${port}: ${(error as Error).message} (set OTEL_EXPORTER_OTLP_ENDPOINT to a collector, or use --port-offset N)`);
    return undefined;
  }
}

/**
 * The isolation audit of what this launcher started (tools/src/audit.ts, as `npm run audit:isolation`
 * runs it). It reads one PostgreSQL server; with --db-instances each service has its own, which it
 * does not cover, so a run says so rather than report on the wrong server.
 */
function auditOf(
  services: AuditOptions['services'],
  infra: AuditOptions['infra'],
  plan: { adminUrlFor: Map<string, string> },
  dataRoot: string,
  rabbitmq: AuditOptions['rabbitmq'],
): () => Promise<Finding[]> {
  const servers = [...new Set(plan.adminUrlFor.values())];
  if (servers.length > 1) return () => Promise.reject(new Error('with --db-instances each service has a PostgreSQL server of its own, which the audit does not cover'));
  const pgAdminUrl = servers[0] ?? infra.pgAdminUrl;
  return () => audit({ services, infra: { ...infra, pgAdminUrl }, prefix: args.prefix, dataRoot, rabbitmq });
}

/**
 * identity counts sign-ups per client address (10 in 10 minutes by default), and the simulator's
 * couriers sign up from this machine's address, the one a person trying the shop in a browser has:
 * the limit gets room for the couriers on top, so that person keeps all of theirs. Only a first start
 * signs couriers up; later ones sign them in.
 */
function makeRoomForCouriers(prepared: { def: { name: string }; env: Record<string, string> }[]): void {
  const identity = prepared.find((p) => p.def.name === 'identity');
  if (identity) identity.env.IDENTITY_DISCOVERY_MAX_PER_IP ??= String(10 + Number(args.couriers));
}

function printTable(rows: Record<string, string>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(columns.map((c) => c.toUpperCase()))}\n${line(widths.map((w) => '-'.repeat(w)))}`);
  for (const row of rows) console.log(line(columns.map((c) => row[c]!)));
  console.log('');
}

/** Set once main() has something to stop: a failure after that stops it rather than leave it running. */
let stopEverything: ((code: number) => Promise<void>) | undefined;

main().catch(async (error: Error) => {
  console.error(`[bazaar] cannot start: ${error.message}`);
  if (stopEverything) await stopEverything(1);
  process.exit(1);
});
