/**
 * A copy of Bazaar for one test: the chosen services as real processes, each with only its own
 * environment, exactly as `npm start` runs them, but under a throw-away prefix (databases, roles,
 * Redis users), a messaging namespace of its own (exchanges and queues) and free ports, so it can run
 * beside `npm start` and beside other tests. `stop()` removes everything it made.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import { topologyNames, deleteTopology } from '@bazaar/platform';
import { discoverServices, envPrefix, type ServiceDef } from '../services.js';
import { ServiceProcess } from '../process.js';
import { dropBrokerUsers, dropProvisioned } from '../provision.js';
import { CredentialStore } from '../credentials.js';
import { initialiseEmbeddedPostgres, type EmbeddedInstance } from '../embedded-pg.js';
import { infrastructureFromEnv, planPostgres, prepareServices, type PostgresPlan, type PreparedService } from '../system.js';
import { REPLICA_PORT_STEP, addReplicas, serviceOf } from '../replicas.js';

export interface TestSystem {
  prefix: string;
  namespace: string;
  /** The running services by name. */
  services: Record<string, ServiceProcess>;
  /** Each service's prepared environment (its database URL and so on), by name. */
  env: Record<string, Record<string, string>>;
  url(service: string): string;
  /**
   * The processes of a service: its name, then its replicas' (`orders`, `orders-2`, …) when the system
   * was started with `replicas`.
   */
  replicasOf(service: string): string[];
  /** The URL of a running process of the service, round robin over its replicas (the first's when none runs). */
  liveUrl(service: string): string;
  /** Where a service serves `/metrics` (its metrics port, not the public one). */
  metricsUrl(service: string): string;
  /** Restarts a service (after `kill()` or `stop()`), with the same environment, and waits until it is ready. */
  restart(service: string): Promise<void>;
  plan: PostgresPlan;
  /**
   * The PostgreSQL server of a service's own (with `dbInstances`), to stop and start again: the
   * outage of one service's database while the others run.
   */
  dbInstance(service: string): EmbeddedInstance;
  /** The RabbitMQ the services were given (`options.amqpUrl`, else the machine's). */
  amqpUrl: string;
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  services: string[];
  /** Extra variables for a service, by name (its replicas get them too). */
  env?: Record<string, Record<string, string>>;
  /**
   * Several processes of these services (`{ orders: 2 }`), as `npm start -- --replicas` runs them
   * (tools/src/replicas.ts): `orders-2` beside `orders`, its callers given both URLs.
   */
  replicas?: Record<string, number>;
  /** Each service on a PostgreSQL server of its own (embedded, as `npm start -- --db-instances`). */
  dbInstances?: boolean;
  /** Each messaging service logs in to the broker as a user of its own, as under `npm start` (needs rabbitmqctl). */
  brokerUsers?: boolean;
  /**
   * The RabbitMQ for this system instead of the machine's (BAZAAR_AMQP_URL or the local default):
   * a private broker a test may stop without disturbing the tests beside it.
   */
  amqpUrl?: string;
  /**
   * Faster on a busy machine: the embedded servers' data directories (with `dbInstances`) are
   * initialised at once, services of the same start order (`bazaar.order` in their package.json:
   * identity, then catalog, inventory, payments and shipping, then orders, then the gateway) start
   * together, and `stop()` stops every service at once. Off: one by one, in the order given.
   */
  parallel?: boolean;
  log?: (line: string) => void;
}

const portFree = (port: number) => new Promise<boolean>((resolve) => {
  const server = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
});

/**
 * Offsets taken by a test system of some process on this machine: one file per offset holding the
 * taker's pid, created exclusively, so two test files starting at once never both take an offset whose
 * ports they each found free a moment before either listened. A file whose process is gone is stale.
 * Each port the system will listen on is reserved the same way (`port-<number>`): offsets are 100
 * apart and replicas listen 1000 above their service, so a system's replica can land on another
 * system's service port (offset 20200's second catalog replica is offset 22200's catalog, 30302).
 */
const OFFSET_LOCKS = path.join(os.tmpdir(), 'bazaar-test-offsets');
const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock file `name` for this process, taking over one whose process is gone. */
function takeLock(name: string): boolean {
  mkdirSync(OFFSET_LOCKS, { recursive: true });
  const file = path.join(OFFSET_LOCKS, name);
  const take = () => {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  };
  if (take()) return true;
  const holder = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) return false;
  rmSync(file, { force: true });
  return take();
}

function releaseLock(name: string): void {
  const file = path.join(OFFSET_LOCKS, name);
  try {
    if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  } catch {
    // Not reserved, or already given back.
  }
}

/** The ports this process reserved with each offset. */
const portsOf = new Map<number, number[]>();

/**
 * Reserves `offset` and every one of `ports` moved by it, for this process; false (and nothing
 * reserved) when the offset or one of the ports is another live process's.
 */
export function reserveOffset(offset: number, ports: number[]): boolean {
  if (!takeLock(String(offset))) return false;
  const taken: number[] = [];
  for (const port of new Set(ports.map((p) => p + offset))) {
    if (!takeLock(`port-${port}`)) {
      for (const held of taken) releaseLock(`port-${held}`);
      releaseLock(String(offset));
      return false;
    }
    taken.push(port);
  }
  portsOf.set(offset, taken);
  return true;
}

/** Gives back an offset {@link freeOffset} reserved for this process, and its ports. */
export function releaseOffset(offset: number): void {
  for (const port of portsOf.get(offset) ?? []) releaseLock(`port-${port}`);
  portsOf.delete(offset);
  releaseLock(String(offset));
}

/**
 * An offset that puts every one of `ports` on a free port, for a copy of the system beside others,
 * reserved for this process until {@link releaseOffset} (or its exit).
 */
export async function freeOffset(ports: number[]): Promise<number> {
  for (let tries = 0; tries < 30; tries++) {
    // Offsets from 5000 to 24000: clear of the launcher test's fixed ones, of ports fetch refuses,
    // and of the ephemeral range (32768 and up), where outgoing connections take their local ports.
    const offset = randomInt(50, 240) * 100;
    if (!reserveOffset(offset, ports)) continue;
    if ((await Promise.all(ports.map((p) => portFree(p + offset)))).every(Boolean)) return offset;
    releaseOffset(offset);
  }
  throw new Error('no free ports for the test system');
}

export async function startTestSystem(options: TestSystemOptions): Promise<TestSystem> {
  const all = discoverServices();
  const defs: ServiceDef[] = options.services.map((name) => {
    const def = all.find((s) => s.name === name);
    if (!def) throw new Error(`no service ${name} under services/`);
    return def;
  });
  const infra = { ...infrastructureFromEnv(), ...(options.amqpUrl ? { amqpUrl: options.amqpUrl } : {}) };
  const prefix = `test_sys_${randomBytes(4).toString('hex')}`;
  const namespace = prefix.replace(/_/g, '-');
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'bazaar-system-'));
  chmodSync(dataRoot, 0o755); // embedded PostgreSQL runs as the postgres user
  const replicaPorts = defs.flatMap((d) => Array.from({ length: Math.max(0, (options.replicas?.[d.name] ?? 1) - 1) }, (_, i) => [d.port, d.metricsPort].map((port) => port + (i + 2) * REPLICA_PORT_STEP)).flat());
  const offset = await freeOffset([...defs.flatMap((d) => [d.port, d.metricsPort]), ...replicaPorts, ...(options.dbInstances ? defs.map((_, i) => 5433 + i) : [])]);
  const logLevel = process.env.LOG_LEVEL && process.env.LOG_LEVEL !== 'silent' ? process.env.LOG_LEVEL : 'warn';
  const services: Record<string, ServiceProcess> = {};
  const cleanups: (() => Promise<unknown>)[] = [];
  let plan: PostgresPlan | undefined;

  const stop = async () => {
    if (options.parallel) await Promise.all(Object.values(services).map((proc) => proc.stop().catch(() => undefined)));
    for (const proc of Object.values(services).reverse()) await proc.stop().catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => options.log?.(`cleanup: ${error.message}`));
    rmSync(dataRoot, { recursive: true, force: true });
    releaseOffset(offset);
  };

  try {
    if (options.dbInstances && options.parallel) await initialiseDataDirs(defs.filter((d) => d.database).map((d) => d.name), dataRoot, options.log);
    plan = await planPostgres(defs, infra, { dataRoot, dbInstances: options.dbInstances ?? false, basePort: 5433 + offset, ...(options.log ? { log: options.log } : {}) });
    const p = plan;
    cleanups.push(async () => { for (const instance of p.embedded) await instance.stop(); });
    for (const def of defs.filter((d) => d.database)) cleanups.push(() => dropProvisioned(p.adminUrlFor.get(def.name)!, def.name, { prefix }));
    cleanups.push(() => cleanRedis(infra.redisUrl, defs.filter((d) => d.redisPrefix).map((d) => ({ user: `${prefix}_${d.name}`, keys: `${d.redisPrefix}:${namespace}:*` }))));
    cleanups.push(() => cleanBroker(infra.amqpUrl, defs.map((d) => d.name), namespace));
    if (options.brokerUsers) cleanups.push(() => dropBrokerUsers(defs.map((d) => d.name), { userPrefix: prefix }));
    const { prepared, failed } = await prepareServices(defs, plan, infra, { dataRoot, prefix, portOffset: offset, logLevel, brokerUsers: options.brokerUsers ? {} : false, ...(options.log ? { log: options.log } : {}) });
    if (failed.length) throw new Error(failed.map((f) => `${f.def.name}: ${f.error.message}`).join('; '));
    if (options.replicas) addReplicas(prepared, new Map(Object.entries(options.replicas)), offset);
    const env: Record<string, Record<string, string>> = {};
    for (const service of prepared) {
      env[service.def.name] = { ...service.env, MESSAGING_NAMESPACE: namespace, MESSAGING_RETRY_DELAY_MS: '500', DATABASE_POOL_MAX: '5', ...options.env?.[serviceOf(service)] };
      // Compiled and bundled (dist/main.bundle.js), though the tests themselves run from sources: a
      // system test then checks what npm start and the image run (the build, the bundle, the supervisor
      // preload), and through tsx each service would take about 45 MiB more (155 against 110 MiB) and
      // 1.6 times as long to start, which counts on a two-core machine running two such tests at once
      // (bench/results/startup.md).
      // The price is a build first: the test and bench runners run the incremental `tsc -b`.
      services[service.def.name] = new ServiceProcess(service.def, env[service.def.name]!, path.join(dataRoot, 'logs', `${service.def.name}.log`), 'dist');
    }
    const procs = prepared.map((service) => services[service.def.name]!);
    const waves = options.parallel ? [...new Set(procs.map((proc) => proc.def.order))].sort((a, b) => a - b).map((order) => procs.filter((proc) => proc.def.order === order)) : procs.map((proc) => [proc]);
    for (const wave of waves) {
      const results = await Promise.allSettled(wave.map((proc) => startAndWait(proc)));
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
    }
    const replicasOf = (name: string) => Object.values(services).filter((proc) => serviceOf(proc) === name).map((proc) => proc.def.name);
    let turn = 0;
    return {
      prefix,
      namespace,
      services,
      replicasOf,
      liveUrl: (name) => {
        const all = replicasOf(name).map((n) => services[n]!);
        const running = all.filter((proc) => proc.running);
        return (running.length ? running[turn++ % running.length]! : all[0] ?? services[name]!).url;
      },
      env,
      plan,
      amqpUrl: infra.amqpUrl,
      dbInstance: (name) => {
        const adminUrl = p.adminUrlFor.get(name);
        const instance = p.embedded.find((i) => i.adminUrl === adminUrl);
        if (!options.dbInstances || !instance) throw new Error(`${name} has no PostgreSQL server of its own: start the test system with dbInstances`);
        return instance;
      },
      url: (name) => services[name]!.url,
      metricsUrl: (name) => `http://127.0.0.1:${env[name]!.METRICS_PORT}/metrics`,
      restart: async (name) => startAndWait(services[name]!),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Prepares each service's embedded server's data directory, in the directories and with the
 * superuser password `planPostgres` (tools/src/system.ts) uses, so that it only starts them: one
 * initdb, copied for the others (`cp -a` keeps the postgres user's ownership). Six initdb runs are
 * CPU-bound and take most of a minute on a busy two-core machine; the copies take a moment. The
 * clusters share a system identifier, which only replication would notice.
 */
async function initialiseDataDirs(names: string[], dataRoot: string, log?: (line: string) => void): Promise<void> {
  const [first, ...others] = names.map((name) => path.join(dataRoot, 'pg', name));
  if (!first) return;
  const password = new CredentialStore(dataRoot).get('postgres-superuser');
  await initialiseEmbeddedPostgres({ dataDir: first, password, ...(log ? { log } : {}) });
  for (const dataDir of others) {
    const copied = spawnSync('cp', ['-a', first, dataDir], { encoding: 'utf8' });
    if (copied.status !== 0) {
      log?.(`could not copy ${first} to ${dataDir} (${copied.stderr?.trim() || copied.error?.message}): running initdb there`);
      rmSync(dataDir, { recursive: true, force: true });
      await initialiseEmbeddedPostgres({ dataDir, password, ...(log ? { log } : {}) });
    }
  }
}

async function startAndWait(proc: ServiceProcess): Promise<void> {
  await proc.ensurePortFree();
  proc.start();
  await proc.waitReady(60_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${proc.lastLines().join('\n')}`);
  });
}

/** Deletes each service's Redis ACL user and the keys it wrote under the system's narrowed prefix. */
async function cleanRedis(redisUrl: string, owners: { user: string; keys: string }[]): Promise<void> {
  if (owners.length === 0) return;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    for (const { user, keys } of owners) {
      await redis.call('ACL', 'DELUSER', user);
      for await (const batch of redis.scanStream({ match: keys, count: 500 })) if ((batch as string[]).length) await redis.del(...(batch as string[]));
    }
  } finally {
    redis.disconnect();
  }
}

/** Deletes the exchanges and each service's queues of a messaging namespace. */
export async function cleanBroker(amqpUrl: string, services: string[], namespace: string): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  try {
    for (const [i, service] of services.entries()) {
      const channel = await connection.createChannel();
      await deleteTopology(channel, topologyNames(service, namespace), { exchanges: i === services.length - 1 });
      await channel.close();
    }
  } finally {
    await connection.close();
  }
}

/** The `<NAME>_DATABASE_URL` a service of the test system was given. */
export const databaseUrlOf = (system: TestSystem, service: string) => system.env[service]![`${envPrefix(service)}_DATABASE_URL`]!;

export type { PreparedService };
