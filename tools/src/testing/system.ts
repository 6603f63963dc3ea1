/**
 * A copy of Bazaar for one test: the chosen services as real processes, each with only its own
 * environment, exactly as `npm start` runs them, but under a throw-away prefix (databases, roles,
 * Redis users), a messaging namespace of its own (exchanges and queues) and free ports, so it can run
 * beside `npm start` and beside other tests. `stop()` removes everything it made.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import { topologyNames, deleteTopology } from '@bazaar/platform';
import { discoverServices, envPrefix, type ServiceDef } from '../services.js';
import { ServiceProcess } from '../process.js';
import { dropProvisioned } from '../provision.js';
import { infrastructureFromEnv, planPostgres, prepareServices, type PostgresPlan, type PreparedService } from '../system.js';

export interface TestSystem {
  prefix: string;
  namespace: string;
  /** The running services by name. */
  services: Record<string, ServiceProcess>;
  /** Each service's prepared environment (its database URL and so on), by name. */
  env: Record<string, Record<string, string>>;
  url(service: string): string;
  /** Restarts a service (after `kill()` or `stop()`), with the same environment, and waits until it is ready. */
  restart(service: string): Promise<void>;
  plan: PostgresPlan;
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  services: string[];
  /** Extra variables for a service, by name. */
  env?: Record<string, Record<string, string>>;
  /** Each service on a PostgreSQL server of its own (embedded, as `npm start -- --db-instances`). */
  dbInstances?: boolean;
  log?: (line: string) => void;
}

const portFree = (port: number) => new Promise<boolean>((resolve) => {
  const server = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
});

async function freeOffset(ports: number[]): Promise<number> {
  for (let tries = 0; tries < 30; tries++) {
    // Offsets from 5000 to 24000: clear of the launcher test's fixed ones, of ports fetch refuses,
    // and of the ephemeral range (32768 and up), where outgoing connections take their local ports.
    const offset = randomInt(50, 240) * 100;
    if ((await Promise.all(ports.map((p) => portFree(p + offset)))).every(Boolean)) return offset;
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
  const infra = infrastructureFromEnv();
  const prefix = `test_sys_${randomBytes(4).toString('hex')}`;
  const namespace = prefix.replace(/_/g, '-');
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'bazaar-system-'));
  chmodSync(dataRoot, 0o755); // embedded PostgreSQL runs as the postgres user
  const offset = await freeOffset([...defs.map((d) => d.port), ...(options.dbInstances ? defs.map((_, i) => 5433 + i) : [])]);
  const logLevel = process.env.LOG_LEVEL && process.env.LOG_LEVEL !== 'silent' ? process.env.LOG_LEVEL : 'warn';
  const services: Record<string, ServiceProcess> = {};
  const cleanups: (() => Promise<unknown>)[] = [];
  let plan: PostgresPlan | undefined;

  const stop = async () => {
    for (const proc of Object.values(services).reverse()) await proc.stop().catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => options.log?.(`cleanup: ${error.message}`));
    rmSync(dataRoot, { recursive: true, force: true });
  };

  try {
    plan = await planPostgres(defs, infra, { dataRoot, dbInstances: options.dbInstances ?? false, basePort: 5433 + offset, ...(options.log ? { log: options.log } : {}) });
    const p = plan;
    cleanups.push(async () => { for (const instance of p.embedded) await instance.stop(); });
    for (const def of defs.filter((d) => d.database)) cleanups.push(() => dropProvisioned(p.adminUrlFor.get(def.name)!, def.name, { prefix }));
    cleanups.push(() => cleanRedis(infra.redisUrl, defs.filter((d) => d.redisPrefix).map((d) => ({ user: `${prefix}_${d.name}`, keys: `${d.redisPrefix}:${namespace}:*` }))));
    cleanups.push(() => cleanBroker(infra.amqpUrl, defs.map((d) => d.name), namespace));
    const { prepared, failed } = await prepareServices(defs, plan, infra, { dataRoot, prefix, portOffset: offset, logLevel, ...(options.log ? { log: options.log } : {}) });
    if (failed.length) throw new Error(failed.map((f) => `${f.def.name}: ${f.error.message}`).join('; '));
    const env: Record<string, Record<string, string>> = {};
    for (const service of prepared) {
      env[service.def.name] = { ...service.env, MESSAGING_NAMESPACE: namespace, MESSAGING_RETRY_DELAY_MS: '500', DATABASE_POOL_MAX: '5', ...options.env?.[service.def.name] };
      const proc = new ServiceProcess(service.def, env[service.def.name]!, path.join(dataRoot, 'logs', `${service.def.name}.log`));
      services[service.def.name] = proc;
      await startAndWait(proc);
    }
    return {
      prefix,
      namespace,
      services,
      env,
      plan,
      url: (name) => services[name]!.url,
      restart: async (name) => startAndWait(services[name]!),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
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
