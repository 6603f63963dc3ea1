/**
 * The ownership audit's part for data products: a service's CDC role (`<prefix>_<service>_cdc`) is
 * the one role besides its own that may open its database, and the audit accepts exactly what
 * provisioning gives it: REPLICATION and no other power, no membership, nothing owned, CONNECT on
 * that database only (the other services' databases are tried in audit.ts), USAGE on its schema, and
 * SELECT on exactly the tables of the publication its manifest names. Anything more is a breach.
 */
import type pg from 'pg';
import { withDatabase } from '@bazaar/platform';
import type { Finding } from './audit.js';
import { auditClient } from './audit-client.js';
import { cdcRoleName, cdcSlotName } from './cdc.js';
import type { CredentialStore } from './credentials.js';
import type { ServiceDef } from './services.js';

/** The CDC roles that exist among `services`, by service: of those that declare no data product too. */
export async function existingCdcRoles(admin: pg.Client, prefix: string, services: ServiceDef[]): Promise<Map<string, string>> {
  const names = new Map(services.map((s) => [cdcRoleName(prefix, s.name), s.name]));
  const { rows } = await admin.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [[...names.keys()]]);
  return new Map(rows.map((r) => [names.get(r.rolname)!, r.rolname]));
}

export interface CdcAuditContext {
  owner: ServiceDef;
  /** Its CDC role, if one exists. */
  role: string | undefined;
  database: string;
  pgAdminUrl: string;
  prefix: string;
  dataRoot: string;
  credentials: CredentialStore;
  /** Admin sessions on the server's maintenance database and on `database`. */
  admin: pg.Client;
  inside: pg.Client;
  /** The services that read data products (`cdc: true`): each may hold one slot on it, `<prefix>_<reader>_<service>`. */
  readers: string[];
}

export async function auditCdcRole(ctx: CdcAuditContext, findings: Finding[]): Promise<void> {
  const { owner, role, admin, inside } = ctx;
  const add = (check: string, problems: string[], detail = problems.join('; ')) =>
    findings.push({ service: owner.name, area: 'postgres', check, outcome: problems.length ? 'breach' : 'ok', ...(problems.length ? { detail } : {}) });
  if (!owner.dataProduct) {
    if (role) add('it has no CDC role, as it publishes no data product', [`${role} exists`]);
    return;
  }
  const publication = owner.dataProduct.publication;
  if (!role) {
    const level = (await admin.query<{ wal_level: string }>('SHOW wal_level')).rows[0]!.wal_level;
    findings.push({
      service: owner.name, area: 'postgres', check: `its CDC role (data product ${publication})`, outcome: 'skipped',
      detail: level === 'logical' ? `no role ${cdcRoleName(ctx.prefix, owner.name)}: start the system (npm start) or audit with --provision` : `CDC is off: the server runs wal_level=${level}`,
    });
    return;
  }

  const { rows: [attrs] } = await admin.query<{ ok: boolean; flags: string; memberships: string[]; owned: number; dbprivs: string[] }>(
    `SELECT r.rolcanlogin AND r.rolreplication AND NOT (r.rolsuper OR r.rolcreatedb OR r.rolcreaterole OR r.rolbypassrls) AS ok,
            concat_ws(' ', CASE WHEN r.rolcanlogin THEN 'LOGIN' END, CASE WHEN r.rolreplication THEN 'REPLICATION' END, CASE WHEN r.rolsuper THEN 'SUPERUSER' END,
                      CASE WHEN r.rolcreatedb THEN 'CREATEDB' END, CASE WHEN r.rolcreaterole THEN 'CREATEROLE' END, CASE WHEN r.rolbypassrls THEN 'BYPASSRLS' END) AS flags,
            ARRAY(SELECT pg_get_userbyid(m.roleid)::text FROM pg_auth_members m WHERE m.member = r.oid) AS memberships,
            (SELECT count(*)::int FROM pg_shdepend d WHERE d.refobjid = r.oid AND d.deptype = 'o') AS owned,
            ARRAY(SELECT p FROM unnest(ARRAY['CREATE', 'TEMPORARY']) p WHERE has_database_privilege(r.oid, $2, p)) AS dbprivs
       FROM pg_roles r WHERE r.rolname = $1`,
    [role, ctx.database],
  );
  add(`its CDC role ${role} may replicate and nothing more: no other power, no membership, owns nothing`, [
    ...(attrs!.ok ? [] : [`${role} is ${attrs!.flags}, expected LOGIN REPLICATION only`]),
    ...attrs!.memberships.map((m) => `${role} is a member of ${m}`),
    ...(attrs!.owned ? [`${role} owns ${attrs!.owned} object(s)`] : []),
    ...attrs!.dbprivs.map((p) => `${role} holds ${p} on ${ctx.database}`),
  ]);

  const { rows: published } = await inside.query<{ name: string }>("SELECT schemaname || '.' || tablename AS name FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1", [publication]);
  const tables = new Set(published.map((t) => t.name));
  // Table, column and schema grants alike: a column grant reads as much as a table's, for that column.
  const { rows: grants } = await inside.query<{ name: string; privilege: string }>(
    `SELECT n.nspname || '.' || c.relname AS name, a.privilege_type AS privilege
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a
      WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1)
     UNION ALL
     SELECT n.nspname || '.' || c.relname || '(' || t.attname || ')', a.privilege_type
       FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(t.attacl) a
      WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1)
     UNION ALL
     SELECT 'schema ' || n.nspname, a.privilege_type
       FROM pg_namespace n, aclexplode(n.nspacl) a
      WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1) AND NOT (n.nspname = 'public' AND a.privilege_type = 'USAGE')`,
    [role],
  );
  const extra = grants.filter((g) => !(g.privilege === 'SELECT' && tables.has(g.name))).map((g) => `${g.privilege} on ${g.name}`);
  const missing = [...tables].filter((t) => !grants.some((g) => g.name === t && g.privilege === 'SELECT')).map((t) => `no SELECT on published ${t}`);
  add(`its CDC role may SELECT exactly the tables of ${publication} (${[...tables].join(', ') || 'none'})`, [...extra, ...missing], [
    ...(extra.length ? [`${role} holds ${extra.join(', ')}`] : []),
    ...missing,
  ].join('; '));

  await auditSlots(ctx, add);

  const password = ctx.credentials.find(`${ctx.prefix}-${owner.name}-cdc`);
  if (!password) {
    findings.push({ service: owner.name, area: 'postgres', check: 'its CDC role, tried for real', outcome: 'skipped', detail: `no credentials for ${role} in ${ctx.dataRoot}: pass the deployment's --data-dir` });
    return;
  }
  add(...(await tryCdcRole(ctx, role, password, tables)));
}

/**
 * What grants cannot narrow: a REPLICATION role may open a slot with any output plugin on its own
 * database (test_decoding decodes every table's changes, published or not). The slots present say
 * whether anyone did: only the readers' own, decoding with pgoutput, are accepted.
 */
async function auditSlots(ctx: CdcAuditContext, add: (check: string, problems: string[]) => void): Promise<void> {
  const expected = new Set(ctx.readers.map((reader) => cdcSlotName(ctx.prefix, reader, ctx.owner.name)));
  const { rows } = await ctx.admin.query<{ slot_name: string; plugin: string | null; slot_type: string }>(
    'SELECT slot_name, plugin, slot_type FROM pg_replication_slots WHERE database = $1 ORDER BY slot_name', [ctx.database],
  );
  add(`its replication slots are its readers' own (${[...expected].join(', ') || 'none'}), decoding with pgoutput`, rows
    .filter((r) => !expected.has(r.slot_name) || r.plugin !== 'pgoutput')
    .map((r) => `slot ${r.slot_name} (${r.slot_type}, ${r.plugin ?? 'no plugin'}) on ${ctx.database}`));
}

/** Logs in as the CDC role: every published table must be readable, every other table refused. */
async function tryCdcRole(ctx: CdcAuditContext, role: string, password: string, published: Set<string>): Promise<[check: string, problems: string[]]> {
  const { rows } = await ctx.inside.query<{ name: string; quoted: string }>(
    `SELECT n.nspname || '.' || c.relname AS name, format('%I.%I', n.nspname, c.relname) AS quoted
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
      ORDER BY 1`,
  );
  const client = auditClient({ connectionString: withDatabase(ctx.pgAdminUrl, ctx.database, { name: role, password }), connectionTimeoutMillis: 5000 });
  const problems: string[] = [];
  try {
    await client.connect();
    for (const table of rows) {
      // LIMIT 0 reads no row, but the privilege is checked all the same.
      const outcome = await client.query(`SELECT * FROM ${table.quoted} LIMIT 0`).then(
        () => 'read',
        (error: { code?: string; message: string }) => (error.code === '42501' ? 'refused' : `failed otherwise: ${error.message}`),
      );
      const expected = published.has(table.name) ? 'read' : 'refused';
      if (outcome !== expected) problems.push(`${table.name}: ${outcome}, expected ${expected}`);
    }
  } catch (error) {
    problems.push(`${role} could not log in to ${ctx.database}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return [`its CDC role, tried for real, reads its published tables and is refused the other ${rows.length - published.size}`, problems];
}
