import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import amqp from 'amqplib';
import pg from 'pg';
import { Redis } from 'ioredis';
import { withDatabase, type MessageKind } from '@bazaar/platform';
import type { ServiceDef } from './services.js';

export interface ProvisionedService {
  service: string;
  role: string;
  database: string;
  /** The only database URL the service is given: its own role on its own database. */
  url: string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
/** `name`, if it is safe to write unquoted as a PostgreSQL identifier; throws otherwise. */
export const ident = (name: string) => {
  if (!IDENT.test(name)) throw new Error(`refusing to use ${JSON.stringify(name)} as a PostgreSQL identifier`);
  return name;
};
/** `value` as a PostgreSQL string literal. */
export const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Creates, for one service, its own login role and its own database owned by that role, and locks
 * the door: CONNECT and TEMPORARY on the database are revoked from PUBLIC and granted to the role
 * alone, and the public schema belongs to the role, so no other service's role can even open it.
 * Idempotent: run it at every start.
 */
export async function provisionDatabase(
  adminUrl: string,
  service: string,
  password: string,
  options: { prefix?: string } = {},
): Promise<ProvisionedService> {
  const name = ident(`${options.prefix ?? 'bazaar'}_${service.replace(/-/g, '_')}`);
  const admin = new pg.Client({ connectionString: adminUrl, application_name: 'bazaar-provision' });
  await admin.connect();
  try {
    // CREATE ROLE/DATABASE have no IF NOT EXISTS; an advisory lock keeps two provisioners from racing.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
    if (role.rowCount === 0) await admin.query(`CREATE ROLE ${name} LOGIN`);
    await admin.query(`ALTER ROLE ${name} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(password)}`);
    const db = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (db.rowCount === 0) await admin.query(`CREATE DATABASE ${name} OWNER ${name}`);
    await admin.query(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${name} TO ${name}`);
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
  } finally {
    await admin.end();
  }
  const inside = new pg.Client({ connectionString: withDatabase(adminUrl, name), application_name: 'bazaar-provision' });
  await inside.connect();
  try {
    await inside.query(`ALTER SCHEMA public OWNER TO ${name}`);
    await inside.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
  } finally {
    await inside.end();
  }
  return { service, role: name, database: name, url: withDatabase(adminUrl, name, { name, password }) };
}

/**
 * Drops a provisioned database and role, and its CDC role (tests, tear-down). A logical replication
 * slot on the database would refuse DROP DATABASE and keep WAL forever: each is dropped first, its
 * reader's walsender ended if it is streaming (and again if the reader comes straight back).
 */
export async function dropProvisioned(adminUrl: string, service: string, options: { prefix?: string } = {}): Promise<void> {
  const name = ident(`${options.prefix ?? 'bazaar'}_${service.replace(/-/g, '_')}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await admin.query<{ slot_name: string; active_pid: number | null }>('SELECT slot_name, active_pid FROM pg_replication_slots WHERE database = $1', [name]);
      if (rows.length === 0) break;
      for (const slot of rows) {
        if (slot.active_pid !== null) await admin.query('SELECT pg_terminate_backend($1)', [slot.active_pid]);
        // Still active for a moment after the walsender was told to end: 55006 (object in use), tried again.
        await admin.query('SELECT pg_drop_replication_slot($1)', [slot.slot_name]).catch((error: { code?: string }) => {
          if (error.code !== '55006' && error.code !== '42704') throw error;
        });
      }
      if (Date.now() > deadline) throw new Error(`the replication slots on ${name} (${rows.map((r) => r.slot_name).join(', ')}) stayed in use`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${name}_cdc`);
    await admin.query(`DROP ROLE IF EXISTS ${name}`);
  } finally {
    await admin.end();
  }
}

/** What a service's Redis user may do: every command but admin and keyspace-wide ones, on keys and channels under its prefix only. */
export function redisAclRules(prefix: string): string[] {
  return [
    `~${prefix}:*`, `&${prefix}:*`,
    // SCAN and RANDOMKEY are not bound by key patterns: they would show every service's key names.
    '+@all', '-@admin', '-@dangerous', '-scan', '-randomkey', '+info', '+client|setname', '+client|getname', '+client|id',
  ];
}

export interface ProvisionedRedisUser {
  service: string;
  user: string;
  prefix: string;
  /** The Redis URL the service is given: its own ACL user. */
  url: string;
}

/**
 * Creates (or resets) a Redis ACL user for a service that may touch only keys and channels under
 * `<prefix>:` and may not run administrative or keyspace-wide commands (KEYS, SCAN, RANDOMKEY,
 * FLUSHALL, CONFIG …).
 * Redis here keeps nothing on disk, so this runs at every start.
 */
export async function provisionRedisUser(
  adminRedisUrl: string,
  service: ServiceDef | { name: string; redisPrefix: string },
  password: string,
  options: { userPrefix?: string } = {},
): Promise<ProvisionedRedisUser> {
  const prefix = service.redisPrefix!;
  const user = `${options.userPrefix ?? 'bazaar'}_${service.name}`;
  const redis = new Redis(adminRedisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    await redis.call('ACL', 'SETUSER', user, 'reset', 'on', `>${password}`, ...redisAclRules(prefix));
  } finally {
    redis.disconnect();
  }
  const url = new URL(adminRedisUrl);
  url.username = user;
  url.password = password;
  return { service: service.name, user, prefix, url: url.toString() };
}

/** Which of the two exchanges a service publishes to and consumes from (its manifest's `messaging`). */
export interface BrokerGrant {
  service: string;
  publishes: MessageKind[];
  consumes: MessageKind[];
}

export interface BrokerPermissions {
  configure: string;
  write: string;
  read: string;
}

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The broker permissions of one service's user (RabbitMQ matches each as a regular expression on
 * the resource's name):
 * - configure: its own queues and exchange (`<service>.…`), and declaring the two shared exchanges;
 * - write: its own queues and exchange (binding, parking, replaying), and the shared exchanges it
 *   publishes to: every service announces events, only orders sends commands;
 * - read: its own queues (consuming) and the shared exchanges its queues are bound to.
 * Nothing else: not another service's queues, and not the default exchange, which reaches any queue.
 */
export function brokerPermissions(grant: BrokerGrant, namespace?: string): BrokerPermissions {
  const p = namespace ? `${reEscape(namespace)}\\.` : '';
  const own = `${p}${reEscape(grant.service)}\\..+`;
  const exchange = (kind: MessageKind) => `${p}bazaar\\.${kind}`;
  const anyOf = (names: string[]) => `^(${names.join('|')})$`;
  return {
    configure: anyOf([own, exchange('events'), exchange('commands')]),
    write: anyOf([own, ...grant.publishes.map(exchange)]),
    read: anyOf([own, ...grant.consumes.map(exchange)]),
  };
}

/** RabbitMQ's `rabbit_password_hashing_sha256`: base64(salt ‖ SHA-256(salt ‖ password)), 4-byte salt. */
export function rabbitPasswordHash(password: string): string {
  const salt = randomBytes(4);
  return Buffer.concat([salt, createHash('sha256').update(Buffer.concat([salt, Buffer.from(password, 'utf8')])).digest()]).toString('base64');
}

export interface RabbitmqctlOptions {
  /** The node to manage (`rabbit@localhost`); rabbitmqctl's default when not given. */
  node?: string;
}

/** Runs rabbitmqctl; resolves with its standard output, rejects with its error output. */
export function rabbitmqctl(args: string[], options: RabbitmqctlOptions & { input?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('rabbitmqctl', [...(options.node ? ['-n', options.node] : []), ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`rabbitmqctl ${args[0]} failed: ${(stderr || error.message).trim().split('\n').slice(0, 3).join(' ')}`));
      else resolve(stdout);
    }).stdin?.end(options.input ?? '');
  });
}

/** Whether rabbitmqctl is installed and may manage the broker (it needs the node's Erlang cookie). */
export async function rabbitmqctlUsable(options: RabbitmqctlOptions = {}): Promise<boolean> {
  return rabbitmqctl(['-q', 'list_users'], options).then(() => true, () => false);
}

/**
 * Creates (or resets) one broker user per service, `<userPrefix>_<service>`, with the permissions of
 * `brokerPermissions` on the virtual host of `adminAmqpUrl`, in one `rabbitmqctl import_definitions`
 * (a second per user would cost seconds). Resolves, by service, with the AMQP URL the service is
 * given once the broker accepts that user's login.
 */
export async function provisionBrokerUsers(
  adminAmqpUrl: string,
  grants: BrokerGrant[],
  passwordOf: (service: string) => string,
  options: RabbitmqctlOptions & { userPrefix?: string; namespace?: string; stampFile?: string } = {},
): Promise<Map<string, string>> {
  const current = await brokerUsersCurrent(adminAmqpUrl, grants, passwordOf, options);
  if (current) return current;
  const admin = new URL(adminAmqpUrl);
  const vhost = decodeURIComponent(admin.pathname.slice(1)) || '/';
  const userOf = (service: string) => `${options.userPrefix ?? 'bazaar'}_${service}`;
  const definitions = {
    users: grants.map((g) => ({ name: userOf(g.service), password_hash: rabbitPasswordHash(passwordOf(g.service)), hashing_algorithm: 'rabbit_password_hashing_sha256', tags: [] })),
    permissions: grants.map((g) => ({ user: userOf(g.service), vhost, ...brokerPermissions(g, options.namespace) })),
  };
  await rabbitmqctl(['import_definitions', '--format', 'json'], { ...options, input: JSON.stringify(definitions) });
  const urls = new Map<string, string>();
  for (const grant of grants) {
    const url = new URL(adminAmqpUrl);
    url.username = userOf(grant.service);
    url.password = passwordOf(grant.service);
    urls.set(grant.service, url.toString());
  }
  // The import completes asynchronously: wait until every user can log in.
  const deadline = Date.now() + 15_000;
  for (const [service, url] of urls) {
    for (;;) {
      const ok = await amqp.connect(url).then((c) => c.close().then(() => true), () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the broker did not accept ${service}'s user ${userOf(service)} after importing it`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  if (options.stampFile) {
    mkdirSync(path.dirname(options.stampFile), { recursive: true });
    writeFileSync(options.stampFile, `${JSON.stringify({ digest: brokerDigest(adminAmqpUrl, grants, passwordOf, options) })}\n`, { mode: 0o600 });
  }
  return urls;
}

/**
 * A digest of the broker users `provisionBrokerUsers` makes: their names, permissions, virtual host
 * and passwords. What it makes is kept in `stampFile`, so that a start asking for the same users can
 * tell they are there without rabbitmqctl (seconds, an Erlang VM of its own).
 */
function brokerDigest(adminAmqpUrl: string, grants: BrokerGrant[], passwordOf: (service: string) => string, options: { userPrefix?: string; namespace?: string }): string {
  const admin = new URL(adminAmqpUrl);
  const hash = createHash('sha256').update(JSON.stringify({
    broker: `${admin.host}${admin.pathname}`,
    users: grants.map((g) => [`${options.userPrefix ?? 'bazaar'}_${g.service}`, passwordOf(g.service), brokerPermissions(g, options.namespace)]),
  }));
  return hash.digest('hex');
}

/**
 * The users' AMQP URLs if `stampFile` says exactly these users were made (brokerDigest) and each logs
 * in now; undefined otherwise (never made, changed since, deleted, or a password changed). A user
 * deleted or changed by hand with rabbitmqctl fails its login; one whose permissions were changed by
 * hand is not noticed: delete the stamp file (or the user) and the next start makes it again.
 */
export async function brokerUsersCurrent(
  adminAmqpUrl: string,
  grants: BrokerGrant[],
  passwordOf: (service: string) => string,
  options: { userPrefix?: string; namespace?: string; stampFile?: string } = {},
): Promise<Map<string, string> | undefined> {
  if (!options.stampFile || !existsSync(options.stampFile)) return undefined;
  const stamp = (() => {
    try {
      return (JSON.parse(readFileSync(options.stampFile, 'utf8')) as { digest?: string }).digest;
    } catch {
      return undefined;
    }
  })();
  if (stamp !== brokerDigest(adminAmqpUrl, grants, passwordOf, options)) return undefined;
  const urls = new Map(grants.map((grant) => {
    const url = new URL(adminAmqpUrl);
    url.username = `${options.userPrefix ?? 'bazaar'}_${grant.service}`;
    url.password = passwordOf(grant.service);
    return [grant.service, url.toString()] as const;
  }));
  const logins = await Promise.all([...urls.values()].map((url) => amqp.connect(url).then((c) => c.close().then(() => true), () => false)));
  return logins.every(Boolean) ? urls : undefined;
}

/** Deletes the broker users of `services` (tests, tear-down). */
export async function dropBrokerUsers(services: string[], options: RabbitmqctlOptions & { userPrefix?: string } = {}): Promise<void> {
  for (const service of services) {
    await rabbitmqctl(['-q', 'delete_user', `${options.userPrefix ?? 'bazaar'}_${service}`], options).catch(() => undefined);
  }
}
