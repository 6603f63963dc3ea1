/**
 * Change data capture from the services that publish a data product (their manifest's
 * `dataProduct`: a publication their own migrations create) to the services that read them (their
 * manifest's `cdc: true`). The only read of a service's tables by anyone else, and the database
 * enforces its reach: the reader logs in as a role of the source's own, which may use logical
 * replication, connect to that one database, and SELECT exactly the published tables.
 */
import pg from 'pg';
import { redactUrl, withDatabase } from '@bazaar/platform';
import { ident, literal } from './provision.js';

/** `<prefix>_<service>_cdc`: the replication-only role that reads a service's data product. */
export const cdcRoleName = (prefix: string, service: string) => ident(`${prefix}_${service.replace(/-/g, '_')}_cdc`);

/** `<prefix>_<consumer>_<source>`: replication slots are cluster-wide, so the prefix keeps copies of the system apart. */
export const cdcSlotName = (prefix: string, consumer: string, source: string) => ident(`${prefix}_${consumer}_${source}`.replace(/-/g, '_'));

/** One source as a consumer is given it in `<SERVICE>_CDC_SOURCES` (a JSON array of these). */
export interface CdcSource {
  /** The publishing service, e.g. `catalog`. */
  source: string;
  /** Its CDC role on its database: `postgres://<prefix>_<source>_cdc:<password>@host:port/<prefix>_<source>`. */
  url: string;
  publication: string;
  /** The logical replication slot this consumer creates and keeps for this source. */
  slot: string;
}

export interface ProvisionedCdcRole {
  service: string;
  role: string;
  database: string;
  publication: string;
  /** The published tables the role may SELECT, `schema.table`, sorted. */
  tables: string[];
  url: string;
}

/** The server's `wal_level`: logical replication needs `logical`. */
export async function walLevel(adminUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl, application_name: 'bazaar-provision' });
  await admin.connect();
  try {
    return (await admin.query<{ wal_level: string }>('SHOW wal_level')).rows[0]!.wal_level;
  } finally {
    await admin.end();
  }
}

/**
 * Creates or refreshes the CDC role of a service whose migrations have run: LOGIN REPLICATION and no
 * other power, CONNECT on the service's database, USAGE on its public schema, and SELECT on exactly
 * the tables in `publication` as the database lists them now (a table dropped from the publication
 * loses its grant; any other privilege the role holds on a table is revoked). Idempotent, and safe
 * for concurrent provisioners (an advisory lock, as for the database itself). Throws if the
 * publication does not exist: the manifest declares a data product the migrations do not create.
 */
export async function provisionCdcRole(
  adminUrl: string,
  service: string,
  password: string,
  options: { prefix?: string; publication: string },
): Promise<ProvisionedCdcRole> {
  const prefix = options.prefix ?? 'bazaar';
  const database = ident(`${prefix}_${service.replace(/-/g, '_')}`);
  const role = cdcRoleName(prefix, service);
  const admin = new pg.Client({ connectionString: adminUrl, application_name: 'bazaar-provision' });
  await admin.connect();
  const inside = new pg.Client({ connectionString: withDatabase(adminUrl, database), application_name: 'bazaar-provision' });
  await inside.connect();
  let tables: string[];
  try {
    // The database's own key: provisionDatabase, which grants on the same database, takes turns with this.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [database]);
    if ((await inside.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [options.publication])).rowCount === 0) {
      throw new Error(`${service} declares the data product ${options.publication} but its database has no such publication: create it in a migration`);
    }
    const { rows: published } = await inside.query<{ name: string; quoted: string }>(
      `SELECT schemaname || '.' || tablename AS name, format('%I.%I', schemaname, tablename) AS quoted
         FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1`,
      [options.publication],
    );
    tables = published.map((t) => t.name);
    if ((await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 0) await admin.query(`CREATE ROLE ${role} LOGIN REPLICATION`);
    await admin.query(`ALTER ROLE ${role} WITH LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal(password)}`);
    await admin.query(`GRANT CONNECT ON DATABASE ${database} TO ${role}`);
    // One transaction: a reader never sees a moment with fewer grants than the publication has.
    await inside.query('BEGIN');
    await inside.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    const { rows: held } = await inside.query<{ quoted: string }>(
      `SELECT DISTINCT format('%I.%I', n.nspname, c.relname) AS quoted
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a
        WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
      [role],
    );
    for (const { quoted } of held) await inside.query(`REVOKE ALL ON ${quoted} FROM ${role}`);
    for (const { quoted } of published) await inside.query(`GRANT SELECT ON ${quoted} TO ${role}`);
    await inside.query('COMMIT');
  } catch (error) {
    await inside.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [database]).catch(() => undefined);
    await inside.end();
    await admin.end();
  }
  return { service, role, database, publication: options.publication, tables, url: withDatabase(adminUrl, database, { name: role, password }) };
}

/** What `consumer` is given: every provisioned source but itself, each with a slot of its own. */
export function cdcSourcesFor(consumer: string, roles: ProvisionedCdcRole[], prefix = 'bazaar'): CdcSource[] {
  return roles
    .filter((r) => r.service !== consumer)
    .map((r) => ({ source: r.service, url: r.url, publication: r.publication, slot: cdcSlotName(prefix, consumer, r.service) }));
}

/** The line `npm start` prints when a server cannot do logical replication. */
export function cdcOffNote(adminUrl: string, level: string, sources: string[], consumers: string[]): string {
  const host = new URL(adminUrl).host;
  const then = consumers.length ? ` (${consumers.join(', ')} then ${consumers.length > 1 ? 'read' : 'reads'} events only)` : '';
  return `CDC off for ${sources.join(', ')}: PostgreSQL at ${host} runs wal_level=${level}; run ALTER SYSTEM SET wal_level = logical and restart it to turn it on${then}`;
}

/** The line `npm start` prints when CDC is on. */
export function cdcOnNote(roles: ProvisionedCdcRole[], consumers: string[]): string {
  const products = roles.map((r) => `${r.service} (${r.publication}: ${r.tables.map((t) => t.replace(/^public\./, '')).join(', ')}) at ${redactUrl(r.url)}`).join('; ');
  return consumers.length
    ? `CDC: ${consumers.join(', ')} ${consumers.length > 1 ? 'read' : 'reads'} by logical replication ${products}`
    : `CDC: ${products}, ready for logical replication (no service reads them)`;
}
