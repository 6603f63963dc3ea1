import pg from 'pg';
import { Redis } from 'ioredis';
import { withDatabase } from '@bazaar/platform';
import type { ServiceDef } from './services.js';

export interface ProvisionedService {
  service: string;
  role: string;
  database: string;
  /** The only database URL the service is given: its own role on its own database. */
  url: string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
const ident = (name: string) => {
  if (!IDENT.test(name)) throw new Error(`refusing to use ${JSON.stringify(name)} as a PostgreSQL identifier`);
  return name;
};
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

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

/** Drops a provisioned database and role (tests, and `npm run provision -- --drop`). */
export async function dropProvisioned(adminUrl: string, service: string, options: { prefix?: string } = {}): Promise<void> {
  const name = ident(`${options.prefix ?? 'bazaar'}_${service.replace(/-/g, '_')}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${name}`);
  } finally {
    await admin.end();
  }
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
 * `<prefix>:` and may not run administrative or keyspace-wide commands (KEYS, FLUSHALL, CONFIG …).
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
    await redis.call(
      'ACL', 'SETUSER', user, 'reset', 'on', `>${password}`,
      `~${prefix}:*`, `&${prefix}:*`,
      '+@all', '-@admin', '-@dangerous', '+info', '+client|setname', '+client|getname', '+client|id',
    );
  } finally {
    redis.disconnect();
  }
  const url = new URL(adminRedisUrl);
  url.username = user;
  url.password = password;
  return { service: service.name, user, prefix, url: url.toString() };
}
