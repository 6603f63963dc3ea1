import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { migrate, redactUrl } from '@bazaar/platform';
import { cdcOffNote, cdcOnNote, cdcSourcesFor, provisionCdcRole, walLevel, type ProvisionedCdcRole } from './cdc.js';
import { CredentialStore } from './credentials.js';
import { startEmbeddedPostgres, type EmbeddedInstance } from './embedded-pg.js';
import { brokerUsersCurrent, provisionBrokerUsers, provisionDatabase, provisionRedisUser, rabbitmqctlUsable, type ProvisionedService, type RabbitmqctlOptions } from './provision.js';
import { envPrefix, repoRoot, type ServiceDef } from './services.js';
import { timed } from './process.js';

/** Where the system's shared infrastructure is; each defaults to the usual local address. */
export interface Infrastructure {
  pgAdminUrl: string;
  redisUrl: string;
  amqpUrl: string;
}

export function infrastructureFromEnv(env = process.env): Infrastructure {
  return {
    pgAdminUrl: env.BAZAAR_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379',
    amqpUrl: env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
  };
}

export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export interface PostgresPlan {
  /** The admin URL to provision each database service's database on. */
  adminUrlFor: Map<string, string>;
  embedded: EmbeddedInstance[];
  /** What was decided, for the launcher to print. */
  notes: string[];
}

/**
 * Decides where each service's database lives. By default one server (the configured one, or an
 * embedded one if none answers) holds one database per service. With `dbInstances`, each service
 * gets an embedded PostgreSQL server of its own on ports 5433 and up (seed 001's allocation table).
 */
export async function planPostgres(
  services: ServiceDef[],
  infra: Infrastructure,
  options: { dbInstances?: boolean; dataRoot?: string; basePort?: number; log?: (line: string) => void },
): Promise<PostgresPlan> {
  const dataRoot = options.dataRoot ?? path.join(repoRoot, '.data');
  const credentials = new CredentialStore(dataRoot);
  const withDb = services.filter((s) => s.database);
  const plan: PostgresPlan = { adminUrlFor: new Map(), embedded: [], notes: [] };
  if (options.dbInstances) {
    let port = options.basePort ?? 5433;
    for (const service of withDb) {
      const instance = await startEmbeddedPostgres({
        dataDir: path.join(dataRoot, 'pg', service.name),
        port,
        password: credentials.get('postgres-superuser'),
        log: options.log,
      });
      plan.embedded.push(instance);
      plan.adminUrlFor.set(service.name, instance.adminUrl);
      plan.notes.push(`${service.name}: its own embedded PostgreSQL server on port ${port} (data in ${path.relative(process.cwd(), instance.dataDir) || instance.dataDir})`);
      port++;
    }
    return plan;
  }
  let adminUrl = infra.pgAdminUrl;
  if (!(await postgresAnswers(adminUrl))) {
    const port = Number(new URL(adminUrl).port || 5432);
    options.log?.(`No PostgreSQL answers at ${redactUrl(adminUrl)}: starting an embedded PostgreSQL on port ${port} with its data in ${path.relative(process.cwd(), path.join(dataRoot, 'pg', 'shared'))}`);
    const instance = await startEmbeddedPostgres({
      dataDir: path.join(dataRoot, 'pg', 'shared'),
      port,
      password: credentials.get('postgres-superuser'),
      log: options.log,
    });
    plan.embedded.push(instance);
    adminUrl = instance.adminUrl;
    plan.notes.push(`PostgreSQL: embedded server on port ${port} (data in ${path.relative(process.cwd(), instance.dataDir)})`);
  } else {
    plan.notes.push(`PostgreSQL: ${redactUrl(adminUrl)}`);
  }
  for (const service of withDb) plan.adminUrlFor.set(service.name, adminUrl);
  return plan;
}

export interface PreparedService {
  def: ServiceDef;
  database?: ProvisionedService;
  redisUrl?: string;
  /** Exactly the environment the service process is given: its own credentials and nothing else. */
  env: Record<string, string>;
}

/**
 * Provisions every service's database, role and Redis user, runs its migrations, and builds the
 * environment each process gets. A service with a failing migration is reported in `failed` and
 * not started; the others go on. A service publishing a data product gets its CDC role once its
 * migrations ran, where its server allows logical replication; every service that reads them
 * (`cdc: true`) is given them all in `<SERVICE>_CDC_SOURCES` at the end, whatever the start order.
 */
export async function prepareServices(
  services: ServiceDef[],
  plan: PostgresPlan,
  infra: Infrastructure,
  options: {
    dataRoot?: string;
    prefix?: string;
    portOffset?: number;
    logLevel?: string;
    extraEnv?: Record<string, string>;
    /** Give each messaging service a broker user of its own (needs rabbitmqctl); else all use the admin URL. */
    brokerUsers?: RabbitmqctlOptions | false;
    log?: (line: string) => void;
  } = {},
): Promise<{ prepared: PreparedService[]; failed: { def: ServiceDef; error: Error }[] }> {
  const credentials = new CredentialStore(options.dataRoot ?? path.join(repoRoot, '.data'));
  const prefix = options.prefix ?? 'bazaar';
  const namespace = prefix !== 'bazaar' ? prefix.replace(/_/g, '-') : undefined;
  const grants = services.filter((s) => s.messaging).map((s) => ({ service: s.name, ...s.messaging! }));
  // The broker users, and every service's database (provisioned, then migrated), all at once: each is
  // a few round trips that wait on another server (and rabbitmqctl boots an Erlang VM), not on this one.
  const brokerWork = options.brokerUsers
    ? timed('broker users', () => provisionBrokerUsers(infra.amqpUrl, grants, (service) => credentials.get(`${prefix}-${service}-amqp`), {
      ...options.brokerUsers as RabbitmqctlOptions,
      userPrefix: prefix,
      ...(namespace ? { namespace } : {}),
      stampFile: brokerStampFile(options.dataRoot, prefix),
    }))
    : Promise.resolve(new Map<string, string>());
  const walLevels = new Map<string, Promise<string>>();
  const storageWork = services.map((def) => prepareStorage(def));
  for (const work of storageWork) work.catch(() => undefined);
  async function prepareStorage(def: ServiceDef): Promise<{ database?: ProvisionedService; applied?: number; already?: number; cdcRole?: ProvisionedCdcRole; cdcOff?: string; redisUrl?: string }> {
    const out: Awaited<ReturnType<typeof prepareStorage>> = {};
    if (def.database) {
      const adminUrl = plan.adminUrlFor.get(def.name)!;
      const database = out.database = await timed(`provision ${def.name}`, () => provisionDatabase(adminUrl, def.name, credentials.get(`${prefix}-${def.name}-db`), { prefix }));
      const result = await timed(`migrate ${def.name}`, () => migrate(database.url, path.join(def.dir, 'migrations')));
      out.applied = result.applied.length;
      out.already = result.alreadyApplied;
      if (def.dataProduct) {
        if (!walLevels.has(adminUrl)) walLevels.set(adminUrl, walLevel(adminUrl));
        const level = await walLevels.get(adminUrl)!;
        if (level === 'logical') out.cdcRole = await provisionCdcRole(adminUrl, def.name, credentials.get(`${prefix}-${def.name}-cdc`), { prefix, publication: def.dataProduct.publication });
        else out.cdcOff = level;
      }
    }
    if (def.redisPrefix) {
      const user = await provisionRedisUser(infra.redisUrl, { name: def.name, redisPrefix: def.redisPrefix }, credentials.get(`${prefix}-${def.name}-redis`), { userPrefix: prefix });
      out.redisUrl = user.url;
    }
    return out;
  }
  const brokerUrls = await brokerWork;
  if (options.brokerUsers) options.log?.(`RabbitMQ: a user of its own for each of ${grants.map((g) => g.service).join(', ')} (its own queues, and only the exchanges it publishes to)`);
  const offset = options.portOffset ?? 0;
  const prepared: PreparedService[] = [];
  const failed: { def: ServiceDef; error: Error }[] = [];
  const urls = Object.fromEntries(services.map((s) => [`${envPrefix(s.name)}_URL`, `http://127.0.0.1:${s.port + offset}`]));
  const cdcRoles: ProvisionedCdcRole[] = [];
  const cdcOff = new Map<string, { level: string; sources: string[] }>();
  // In the services' order, each as soon as it is done: the lines come as they did one after another.
  for (const [i, def] of services.entries()) {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      HOST: '127.0.0.1',
      PORT: String(def.port + offset),
      METRICS_PORT: String(def.metricsPort + offset),
      LOG_LEVEL: options.logLevel ?? 'info',
      // Several copies of the system on one PostgreSQL (tests) share its connection slots.
      ...(process.env.BAZAAR_DATABASE_POOL_MAX ? { DATABASE_POOL_MAX: process.env.BAZAAR_DATABASE_POOL_MAX } : {}),
      ...(def.messaging ? { AMQP_URL: brokerUrls.get(def.name) ?? infra.amqpUrl } : {}),
      // A second copy of the system (tests, --prefix) gets exchanges and queues of its own.
      ...(namespace ? { MESSAGING_NAMESPACE: namespace } : {}),
      ...(prefix !== 'bazaar' && def.redisPrefix ? { [`${envPrefix(def.name)}_REDIS_KEY_PREFIX`]: `${def.redisPrefix}:${prefix.replace(/_/g, '-')}` } : {}),
      // identity believes X-Forwarded-For from the gateway only; test copies register many users from one address.
      ...(def.name === 'identity' ? { IDENTITY_TRUSTED_PROXIES: '127.0.0.1', ...(prefix !== 'bazaar' ? { IDENTITY_DISCOVERY_MAX_PER_IP: '1000000' } : {}) } : {}),
      ...Object.fromEntries(def.calls.filter((c) => urls[c]).map((c) => [c, urls[c]!])),
      // Files a service keeps (analytics' warehouse) live with the rest of this copy's data.
      ...(def.dataDir ? { [`${envPrefix(def.name)}_DATA_DIR`]: path.join(options.dataRoot ?? path.join(repoRoot, '.data'), def.name) } : {}),
      ...options.extraEnv,
    };
    try {
      const { database, applied, already, cdcRole, cdcOff: level, redisUrl } = await storageWork[i]!;
      if (database) {
        options.log?.(`${def.name}: database ${database.database} ready (${applied} migration(s) applied, ${already} already)`);
        env[`${envPrefix(def.name)}_DATABASE_URL`] = database.url;
      }
      if (cdcRole) cdcRoles.push(cdcRole);
      if (level) {
        const adminUrl = plan.adminUrlFor.get(def.name)!;
        const off = cdcOff.get(adminUrl) ?? { level, sources: [] };
        cdcOff.set(adminUrl, { ...off, sources: [...off.sources, def.name] });
      }
      if (redisUrl) env[`${envPrefix(def.name)}_REDIS_URL`] = redisUrl;
      prepared.push({ def, env, ...(database ? { database } : {}), ...(redisUrl ? { redisUrl } : {}) });
    } catch (error) {
      failed.push({ def, error: error as Error });
    }
  }
  const consumers = prepared.filter((p) => p.def.cdc);
  for (const consumer of consumers) {
    const name = `${envPrefix(consumer.def.name)}_CDC_SOURCES`;
    if (!options.extraEnv?.[name]) consumer.env[name] = JSON.stringify(cdcSourcesFor(consumer.def.name, cdcRoles, prefix));
  }
  const consumerNames = consumers.map((c) => c.def.name);
  for (const [adminUrl, off] of cdcOff) options.log?.(cdcOffNote(adminUrl, off.level, off.sources, consumerNames));
  if (cdcRoles.length) options.log?.(cdcOnNote(cdcRoles, consumerNames));
  return { prepared, failed };
}

/**
 * Whether `npm start` gives each service a broker user of its own: yes when the broker is on this
 * machine and rabbitmqctl may manage it (`BAZAAR_RABBITMQ_NODE` names the node; `BAZAAR_BROKER_USERS=off`
 * turns it off). Otherwise every service uses the admin URL, and the reason is noted.
 */
export async function planBrokerUsers(
  infra: Infrastructure,
  env = process.env,
  last?: { services: ServiceDef[]; dataRoot?: string; prefix?: string },
): Promise<{ users: RabbitmqctlOptions | false; note: string }> {
  if (env.BAZAAR_BROKER_USERS === 'off') return { users: false, note: 'RabbitMQ: per-service users turned off (BAZAAR_BROKER_USERS=off); every service uses the admin user' };
  const host = new URL(infra.amqpUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    return { users: false, note: `RabbitMQ at ${host} is not on this machine: create the per-service users there (see README); every service uses the URL given` };
  }
  const options: RabbitmqctlOptions = env.BAZAAR_RABBITMQ_NODE ? { node: env.BAZAAR_RABBITMQ_NODE } : {};
  // The users this start would make are there already, as the last start made them: no rabbitmqctl needed.
  if (last && await brokerUsersUnchanged(infra, last.services, last)) {
    return { users: options, note: `RabbitMQ: ${redactUrl(infra.amqpUrl)}, a user per service (as the last start made them)` };
  }
  if (!(await rabbitmqctlUsable(options))) {
    return { users: false, note: 'RabbitMQ: rabbitmqctl cannot manage the broker here (not installed, or not run as root or the rabbitmq user): every service uses the admin user' };
  }
  return { users: options, note: `RabbitMQ: ${redactUrl(infra.amqpUrl)}, a user per service` };
}

/** Where the digest of the broker users last made for `prefix` is kept (provisionBrokerUsers). */
export const brokerStampFile = (dataRoot = path.join(repoRoot, '.data'), prefix = 'bazaar') => path.join(dataRoot, 'broker', `${prefix}.json`);

/**
 * Whether the broker users `prepareServices` would make for these services are there as the last
 * start made them: the same users, permissions and passwords, and each logs in.
 */
export async function brokerUsersUnchanged(infra: Infrastructure, services: ServiceDef[], options: { dataRoot?: string; prefix?: string } = {}): Promise<boolean> {
  const prefix = options.prefix ?? 'bazaar';
  const namespace = prefix !== 'bazaar' ? prefix.replace(/_/g, '-') : undefined;
  const credentials = new CredentialStore(options.dataRoot ?? path.join(repoRoot, '.data'));
  const grants = services.filter((s) => s.messaging).map((s) => ({ service: s.name, ...s.messaging! }));
  if (grants.length === 0) return false;
  const passwords = new Map(grants.map((g) => [g.service, credentials.find(`${prefix}-${g.service}-amqp`)]));
  if ([...passwords.values()].some((p) => !p)) return false;
  const current = await brokerUsersCurrent(infra.amqpUrl, grants, (service) => passwords.get(service)!, {
    userPrefix: prefix, ...(namespace ? { namespace } : {}), stampFile: brokerStampFile(options.dataRoot, prefix),
  }).catch(() => undefined);
  return current !== undefined;
}
