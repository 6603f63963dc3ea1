/**
 * The ownership audit (`npm run audit:isolation`): for one deployment (a prefix: `bazaar` for
 * `npm start`, another for a copy), whether each service really is the only owner of its data:
 *
 * - PostgreSQL: no other service's role can connect to its database; every table, view and sequence
 *   in it belongs to its own role; no other role (nor PUBLIC) is granted anything on them, but for
 *   its CDC role, which may read exactly its data product and nothing else (audit-cdc.ts).
 * - Redis: every key lies under exactly one service's prefix; each service's ACL user is refused
 *   reads and writes outside its prefix (and keyspace-wide commands), and allowed inside it.
 * - RabbitMQ (where rabbitmqctl can manage the broker): each messaging service has a user of its own
 *   with exactly its permissions, refused other services' queues and the exchanges it must not
 *   publish to (the default exchange included).
 * - Code: no file under services/<a> imports anything of services/<b>; packages/ import no service.
 *
 * Every check is tried for real where it can be (a login, a read, a publish), not only read from
 * the servers' catalogs. Each finding names the service, the check and what was found.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import { withDatabase } from '@bazaar/platform';
import { auditCdcRole, existingCdcRoles } from './audit-cdc.js';
import { auditClient } from './audit-client.js';
import { CredentialStore } from './credentials.js';
import { brokerPermissions, rabbitmqctl, rabbitmqctlUsable, type RabbitmqctlOptions } from './provision.js';
import { repoRoot, type ServiceDef } from './services.js';
import type { Infrastructure } from './system.js';

export type Area = 'postgres' | 'redis' | 'rabbitmq' | 'code';

export interface Finding {
  service: string;
  area: Area;
  /** What was checked, e.g. `orders' role connects to catalog's database`. */
  check: string;
  /** `ok`: held; `breach`: did not; `skipped`: could not be checked here (with why). */
  outcome: 'ok' | 'breach' | 'skipped';
  detail?: string;
}

export interface AuditOptions {
  services: ServiceDef[];
  infra: Infrastructure;
  /** The deployment's prefix (databases, roles and users are `<prefix>_<service>`). */
  prefix: string;
  /** Where the deployment's generated credentials are (`.data` for npm start). */
  dataRoot: string;
  /** How to reach rabbitmqctl; `false` skips the broker part. */
  rabbitmq?: RabbitmqctlOptions | false;
  /** The repository whose code is audited. */
  root?: string;
}

const possessive = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`);
const ident = (prefix: string, service: string) => `${prefix}_${service.replace(/-/g, '_')}`;
const namespaceOf = (prefix: string) => (prefix === 'bazaar' ? undefined : prefix.replace(/_/g, '-'));

export async function audit(options: AuditOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  const credentials = new CredentialStore(options.dataRoot);
  await auditPostgres(options, credentials, findings);
  await auditRedis(options, credentials, findings);
  await auditBroker(options, credentials, findings);
  auditCode(options, findings);
  return findings;
}

// ---- PostgreSQL -----------------------------------------------------------------------------------

async function auditPostgres(options: AuditOptions, credentials: CredentialStore, findings: Finding[]): Promise<void> {
  const withDb = options.services.filter((s) => s.database);
  const admin = auditClient({ connectionString: options.infra.pgAdminUrl, application_name: 'bazaar-audit' });
  await admin.connect();
  try {
    const existing = new Set((await admin.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((r) => r.datname));
    const present = withDb.filter((s) => existing.has(ident(options.prefix, s.name)));
    for (const missing of withDb.filter((s) => !present.includes(s))) {
      findings.push({ service: missing.name, area: 'postgres', check: 'its database exists', outcome: 'breach', detail: `no database ${ident(options.prefix, missing.name)}: provision it (npm run provision) or start the system once` });
    }
    const cdcRoles = await existingCdcRoles(admin, options.prefix, present);
    for (const owner of present) {
      const db = ident(options.prefix, owner.name);
      // The one other role that may open it: its own CDC role, if it publishes a data product.
      const ownCdc = owner.dataProduct ? cdcRoles.get(owner.name) : undefined;
      // Every other service's role, and its CDC role, tries to open this database with its own credentials.
      const tries = present.filter((s) => s !== owner).flatMap((other) => [
        { other, what: 'role', role: ident(options.prefix, other.name), key: `${options.prefix}-${other.name}-db` },
        ...(cdcRoles.has(other.name) ? [{ other, what: 'CDC role', role: cdcRoles.get(other.name)!, key: `${options.prefix}-${other.name}-cdc` }] : []),
      ]);
      for (const { other, what, role, key } of tries) {
        const password = credentials.find(key);
        const url = withDatabase(options.infra.pgAdminUrl, db, { name: role, ...(password ? { password } : {}) });
        const client = auditClient({ connectionString: url, connectionTimeoutMillis: 5000 });
        const outcome = await client.connect().then(
          () => 'connected',
          (error: { code?: string; message: string }) => (error.code === '42501' ? 'refused' : `failed otherwise: ${error.message}`),
        );
        await client.end().catch(() => undefined);
        findings.push({
          service: owner.name,
          area: 'postgres',
          check: `${possessive(other.name)} ${what} cannot connect to its database`,
          outcome: outcome === 'refused' ? 'ok' : 'breach',
          ...(outcome === 'refused' ? {} : { detail: `${role} ${outcome} to ${db}` }),
        });
      }
      // No login role but its own may connect at all (other services', and any other one).
      // One query by oid: a role another deployment drops meanwhile (tests run side by side) is then
      // simply gone (the oid form answers null), where asking by name would fail the audit.
      const { rows: connecting } = await admin.query<{ rolname: string }>(
        "SELECT rolname FROM pg_roles WHERE rolcanlogin AND NOT rolsuper AND rolname NOT LIKE 'pg\\_%' AND NOT (rolname = ANY($2)) AND has_database_privilege(oid, $1, 'CONNECT') IS TRUE ORDER BY rolname",
        [db, [db, ...(ownCdc ? [ownCdc] : [])]],
      );
      const connectors = connecting.map((r) => r.rolname);
      const { rows: publicAcl } = await admin.query<{ open: boolean }>(
        "SELECT EXISTS (SELECT 1 FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a WHERE d.datname = $1 AND a.grantee = 0 AND a.privilege_type = 'CONNECT') AS open",
        [db],
      );
      if (publicAcl[0]!.open) connectors.push('PUBLIC');
      findings.push({
        service: owner.name,
        area: 'postgres',
        check: 'no other role may connect to its database',
        outcome: connectors.length ? 'breach' : 'ok',
        ...(connectors.length ? { detail: `CONNECT on ${db} held by ${connectors.join(', ')}` } : {}),
      });
      // Inside: owners and grants of every relation.
      const inside = auditClient({ connectionString: withDatabase(options.infra.pgAdminUrl, db), application_name: 'bazaar-audit' });
      await inside.connect();
      try {
        const { rows: relations } = await inside.query<{ name: string; owner: string; grantees: string[] | null }>(
          `SELECT n.nspname || '.' || c.relname AS name, pg_get_userbyid(c.relowner) AS owner,
                  (SELECT array_agg(DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END || ':' || a.privilege_type)
                     FROM aclexplode(c.relacl) a WHERE a.grantee <> c.relowner) AS grantees
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'`,
        );
        const foreign = relations.filter((r) => r.owner !== db);
        findings.push({
          service: owner.name,
          area: 'postgres',
          check: `every table, view and sequence belongs to its role (${relations.length})`,
          outcome: foreign.length ? 'breach' : 'ok',
          ...(foreign.length ? { detail: foreign.map((r) => `${r.name} owned by ${r.owner}`).join('; ') } : {}),
        });
        // Its CDC role's grants are judged apart, against its data product.
        const grantees = (r: { grantees: string[] | null }) => (r.grantees ?? []).filter((g) => !ownCdc || !g.startsWith(`${ownCdc}:`));
        const granted = relations.filter((r) => grantees(r).length);
        findings.push({
          service: owner.name,
          area: 'postgres',
          check: 'no other role is granted anything on its tables',
          outcome: granted.length ? 'breach' : 'ok',
          ...(granted.length ? { detail: granted.map((r) => `${r.name}: ${grantees(r).join(', ')}`).join('; ') } : {}),
        });
        await auditCdcRole({ owner, role: cdcRoles.get(owner.name), database: db, pgAdminUrl: options.infra.pgAdminUrl, prefix: options.prefix, dataRoot: options.dataRoot, credentials, admin, inside, readers: options.services.filter((s) => s.cdc).map((s) => s.name) }, findings);
      } finally {
        await inside.end();
      }
    }
  } finally {
    await admin.end();
  }
}

// ---- Redis ----------------------------------------------------------------------------------------

/** Refused by the ACL: NOPERM for a command, "can't access" for a key a script touched. */
const isNoPerm = (error: unknown) => /NOPERM|can't access at least one of the keys/i.test((error as Error).message ?? '');

async function auditRedis(options: AuditOptions, credentials: CredentialStore, findings: Finding[]): Promise<void> {
  const owners = options.services.filter((s) => s.redisPrefix);
  const admin = new Redis(options.infra.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await admin.connect();
  try {
    // Every key belongs to exactly one service's prefix.
    const stray: string[] = [];
    const counts = new Map<string, number>(owners.map((s) => [s.name, 0]));
    let scanned = 0;
    for await (const batch of admin.scanStream({ count: 1000 })) {
      for (const key of batch as string[]) {
        scanned++;
        const matches = owners.filter((s) => key.startsWith(`${s.redisPrefix}:`));
        if (matches.length === 1) counts.set(matches[0]!.name, counts.get(matches[0]!.name)! + 1);
        else stray.push(matches.length ? `${key} (under ${matches.map((m) => m.name).join(' and ')})` : key);
      }
    }
    for (const service of owners) {
      findings.push({ service: service.name, area: 'redis', check: `keys under ${service.redisPrefix}: (${counts.get(service.name)} of ${scanned})`, outcome: 'ok' });
    }
    findings.push({
      service: '(all keys)',
      area: 'redis',
      check: `every key belongs to exactly one service's prefix (${scanned} keys)`,
      outcome: stray.length ? 'breach' : 'ok',
      ...(stray.length ? { detail: `${stray.length} key(s) owned by no single service, e.g. ${stray.slice(0, 5).join(', ')}: delete them, or give their owner a prefix in its manifest` } : {}),
    });
    // Each owner's ACL user, tried for real.
    for (const service of owners) {
      const user = ident(options.prefix, service.name);
      const exists = (await admin.call('ACL', 'USERS') as string[]).includes(user);
      if (!exists) {
        findings.push({ service: service.name, area: 'redis', check: 'it has an ACL user of its own', outcome: 'breach', detail: `no Redis user ${user}: provision it (npm run provision)` });
        continue;
      }
      const password = credentials.find(`${options.prefix}-${service.name}-redis`);
      if (!password) {
        findings.push({ service: service.name, area: 'redis', check: 'its ACL user, tried for real', outcome: 'skipped', detail: `no credentials for ${user} in ${options.dataRoot}: pass the deployment's --data-dir` });
        continue;
      }
      const url = new URL(options.infra.redisUrl);
      url.username = user;
      url.password = password;
      const redis = new Redis(url.toString(), { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await redis.connect();
      } catch (error) {
        findings.push({ service: service.name, area: 'redis', check: 'its ACL user logs in', outcome: 'breach', detail: (error as Error).message });
        redis.disconnect();
        continue;
      }
      try {
        const own = `${service.redisPrefix}:audit:probe`;
        const allowed = await redis.set(own, '1', 'PX', 5000).then(() => redis.del(own)).then(() => true, () => false);
        findings.push({ service: service.name, area: 'redis', check: `its user may write under ${service.redisPrefix}:`, outcome: allowed ? 'ok' : 'breach', ...(allowed ? {} : { detail: `${user} could not SET ${own}` }) });
        const outside = [...owners.filter((o) => o !== service).map((o) => `${o.redisPrefix}:audit:probe`), 'audit:probe', `x${service.redisPrefix}:probe`];
        const leaks: string[] = [];
        for (const key of outside) {
          // Scripts too (BullMQ works through them): a key passed to a script, and one the script names itself.
          for (const [what, attempt] of [
            ['GET', () => redis.get(key)],
            ['SET', () => redis.set(key, '1', 'PX', 1000)],
            ['EVAL SET', () => redis.eval("return redis.call('SET', KEYS[1], '1', 'PX', 1000)", 1, key)],
            ['EVAL GET of an undeclared key', () => redis.eval("return redis.call('GET', ARGV[1])", 0, key)],
          ] as const) {
            const refused = await attempt().then(() => false, isNoPerm);
            if (!refused) leaks.push(`${what} ${key}`);
          }
        }
        findings.push({ service: service.name, area: 'redis', check: `its user is refused reads and writes outside its prefix, by command and by script (${outside.length * 4} tries)`, outcome: leaks.length ? 'breach' : 'ok', ...(leaks.length ? { detail: `${user} was allowed ${leaks.join(', ')}` } : {}) });
        // Asked with ACL DRYRUN: were FLUSHALL allowed, trying it for real would empty Redis.
        const wide: string[] = [];
        for (const command of [['KEYS', '*'], ['SCAN', '0'], ['RANDOMKEY'], ['FLUSHALL'], ['CONFIG', 'SET', 'maxmemory', '0'], ['ACL', 'SETUSER', 'x']]) {
          const answer = await admin.call('ACL', 'DRYRUN', user, ...command).then(String, (error: Error) => error.message);
          if (answer === 'OK') wide.push(command.join(' '));
        }
        findings.push({ service: service.name, area: 'redis', check: 'its user is refused keyspace-wide and admin commands', outcome: wide.length ? 'breach' : 'ok', ...(wide.length ? { detail: `${user} was allowed ${wide.join(', ')}` } : {}) });
      } finally {
        redis.disconnect();
      }
    }
  } finally {
    admin.disconnect();
  }
}

// ---- RabbitMQ -------------------------------------------------------------------------------------

/** Runs one AMQP operation on a fresh channel: `refused` when the broker answers 403. */
async function tryOnChannel(connection: amqp.ChannelModel, op: (channel: amqp.ConfirmChannel) => Promise<unknown>): Promise<'allowed' | 'refused' | string> {
  const channel = await connection.createConfirmChannel();
  let closedWith: { code?: number; message: string } | undefined;
  channel.on('error', (error: { code?: number; message: string }) => { closedWith = error; });
  try {
    await op(channel);
    await channel.close();
    return 'allowed';
  } catch (error) {
    const e = closedWith ?? (error as { code?: number; message: string });
    return e.code === 403 || /ACCESS_REFUSED/.test(e.message) ? 'refused' : `failed otherwise: ${e.message}`;
  }
}

const publishConfirmed = (channel: amqp.ConfirmChannel, exchange: string, key: string) => new Promise<void>((resolve, reject) => {
  channel.publish(exchange, key, Buffer.from('{}'), { persistent: false }, (error: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()));
});

async function auditBroker(options: AuditOptions, credentials: CredentialStore, findings: Finding[]): Promise<void> {
  const messaging = options.services.filter((s) => s.messaging);
  if (messaging.length === 0) return;
  const ctl = options.rabbitmq === false ? undefined : (options.rabbitmq ?? {});
  if (!ctl || !(await rabbitmqctlUsable(ctl))) {
    for (const service of messaging) findings.push({ service: service.name, area: 'rabbitmq', check: 'a broker user of its own', outcome: 'skipped', detail: 'rabbitmqctl cannot manage the broker here (not installed, or not run as root or the rabbitmq user)' });
    return;
  }
  const namespace = namespaceOf(options.prefix);
  const p = namespace ? `${namespace}.` : '';
  const vhost = decodeURIComponent(new URL(options.infra.amqpUrl).pathname.slice(1)) || '/';
  for (const service of messaging) {
    const user = ident(options.prefix, service.name);
    const expected = { vhost, ...brokerPermissions({ service: service.name, ...service.messaging! }, namespace) };
    const granted = await rabbitmqctl(['-q', 'list_user_permissions', user, '--formatter', 'json'], ctl).then((out) => JSON.parse(out) as unknown[], () => undefined);
    if (!granted) {
      findings.push({ service: service.name, area: 'rabbitmq', check: 'it has a broker user of its own', outcome: 'breach', detail: `no broker user ${user}: start the system with rabbitmqctl usable (npm start creates it)` });
      continue;
    }
    const exact = JSON.stringify(granted) === JSON.stringify([expected]);
    findings.push({
      service: service.name,
      area: 'rabbitmq',
      check: `its user ${user} has exactly its permissions`,
      outcome: exact ? 'ok' : 'breach',
      ...(exact ? {} : { detail: `granted ${JSON.stringify(granted)}, expected ${JSON.stringify([expected])}` }),
    });
    const password = credentials.find(`${options.prefix}-${service.name}-amqp`);
    if (!password) {
      findings.push({ service: service.name, area: 'rabbitmq', check: 'its broker user, tried for real', outcome: 'skipped', detail: `no credentials for ${user} in ${options.dataRoot}: pass the deployment's --data-dir` });
      continue;
    }
    const url = new URL(options.infra.amqpUrl);
    url.username = user;
    url.password = password;
    let connection: amqp.ChannelModel;
    try {
      connection = await amqp.connect(url.toString());
      connection.on('error', () => undefined);
    } catch (error) {
      findings.push({ service: service.name, area: 'rabbitmq', check: 'its user logs in', outcome: 'breach', detail: (error as Error).message });
      continue;
    }
    try {
      const consumed: string[] = [];
      const others = messaging.filter((s) => s !== service);
      for (const other of others) {
        for (const queue of [`${p}${other.name}.events`, `${p}${other.name}.commands`, `${p}${other.name}.dlq`]) {
          // Were it allowed, at most one message is taken, and given back when the channel closes.
          const outcome = await tryOnChannel(connection, async (ch) => { await ch.prefetch(1); await ch.consume(queue, () => undefined); });
          if (outcome !== 'refused') consumed.push(`${queue}: ${outcome}`);
        }
      }
      findings.push({ service: service.name, area: 'rabbitmq', check: `its user is refused other services' queues (${others.length * 3} tries)`, outcome: consumed.length ? 'breach' : 'ok', ...(consumed.length ? { detail: consumed.join('; ') } : {}) });
      const forbidden = [
        { name: '(default exchange)', exchange: '' },
        ...(['events', 'commands'] as const).filter((k) => !service.messaging!.publishes.includes(k)).map((k) => ({ name: `${p}bazaar.${k}`, exchange: `${p}bazaar.${k}` })),
      ];
      const published: string[] = [];
      for (const target of forbidden) {
        const outcome = await tryOnChannel(connection, (ch) => publishConfirmed(ch, target.exchange, 'audit.probe'));
        if (outcome !== 'refused') published.push(`${target.name}: ${outcome}`);
      }
      findings.push({
        service: service.name,
        area: 'rabbitmq',
        check: `its user may publish only to ${service.messaging!.publishes.map((k) => `${p}bazaar.${k}`).join(' and ')} and its own exchange (${forbidden.length} refusals tried)`,
        outcome: published.length ? 'breach' : 'ok',
        ...(published.length ? { detail: published.join('; ') } : {}),
      });
    } finally {
      await connection.close().catch(() => undefined);
    }
  }
}

// ---- Code -----------------------------------------------------------------------------------------

const SOURCE = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;
const SPECIFIERS = [
  /\bimport\s+(?:type\s+)?[\s\S]*?\sfrom\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?(?:\*|\{[\s\S]*?\})\s*from\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Every module specifier a source file names (static, dynamic, require). */
export function specifiersOf(source: string): string[] {
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) for (const match of source.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (SOURCE.test(entry)) out.push(full);
  }
  return out;
}

function auditCode(options: AuditOptions, findings: Finding[]): void {
  const root = options.root ?? repoRoot;
  const servicesDir = path.join(root, 'services');
  const serviceNames = existsSync(servicesDir) ? readdirSync(servicesDir).filter((n) => statSync(path.join(servicesDir, n)).isDirectory()) : [];
  const packageNames = new Map<string, string>();
  for (const name of serviceNames) {
    const file = path.join(servicesDir, name, 'package.json');
    if (existsSync(file)) packageNames.set((JSON.parse(readFileSync(file, 'utf8')) as { name: string }).name, name);
  }
  /** The service a specifier in `file` reaches, if any. */
  const serviceReached = (file: string, specifier: string): string | undefined => {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const target = path.relative(servicesDir, path.resolve(path.dirname(file), specifier));
      return target.startsWith('..') || path.isAbsolute(target) ? undefined : target.split(path.sep)[0];
    }
    const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
    return packageNames.get(pkg);
  };
  const scan = (owner: string, files: string[], allowed: string | undefined) => {
    const crossings: string[] = [];
    for (const file of files) {
      for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
        const reached = serviceReached(file, specifier);
        if (reached && reached !== allowed) crossings.push(`${path.relative(root, file)} imports '${specifier}' (${reached})`);
      }
    }
    return crossings;
  };
  for (const name of serviceNames) {
    const files = sourceFiles(path.join(servicesDir, name));
    const crossings = scan(name, files, name);
    const pkgFile = path.join(servicesDir, name, 'package.json');
    const deps = existsSync(pkgFile) ? (JSON.parse(readFileSync(pkgFile, 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }) : {};
    for (const dep of Object.keys({ ...deps.dependencies, ...deps.devDependencies })) {
      const reached = packageNames.get(dep);
      if (reached && reached !== name) crossings.push(`package.json depends on ${dep} (${reached})`);
    }
    findings.push({ service: name, area: 'code', check: `imports nothing of another service (${files.length} files)`, outcome: crossings.length ? 'breach' : 'ok', ...(crossings.length ? { detail: crossings.join('; ') } : {}) });
  }
  const packagesDir = path.join(root, 'packages');
  const packageFiles = existsSync(packagesDir) ? sourceFiles(packagesDir) : [];
  const crossings = scan('packages', packageFiles, undefined);
  findings.push({ service: '(packages)', area: 'code', check: `packages/ import no service (${packageFiles.length} files)`, outcome: crossings.length ? 'breach' : 'ok', ...(crossings.length ? { detail: crossings.join('; ') } : {}) });
}

// ---- Report ---------------------------------------------------------------------------------------

const AREAS: Area[] = ['postgres', 'redis', 'rabbitmq', 'code'];
const TITLES: Record<Area, string> = { postgres: 'PostgreSQL', redis: 'Redis', rabbitmq: 'RabbitMQ', code: 'code' };

/** The table, service by service, of what was checked and found, then every breach and skip in full. */
export function formatReport(findings: Finding[]): string {
  const services = [...new Set(findings.map((f) => f.service))];
  const cell = (service: string, area: Area) => {
    const mine = findings.filter((f) => f.service === service && f.area === area);
    if (mine.length === 0) return '-';
    const breaches = mine.filter((f) => f.outcome === 'breach').length;
    const skipped = mine.filter((f) => f.outcome === 'skipped').length;
    if (breaches) return `BREACH ${breaches}/${mine.length}`;
    if (skipped === mine.length) return 'skipped';
    return `ok ${mine.length - skipped}/${mine.length}`;
  };
  const header = ['service', ...AREAS.map((a) => TITLES[a])];
  const rows = services.map((s) => [s, ...AREAS.map((a) => cell(s, a))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const notable = findings.filter((f) => f.outcome !== 'ok');
  if (notable.length) {
    out.push('');
    for (const f of notable) out.push(`${f.outcome === 'breach' ? 'BREACH' : 'skipped'} ${f.service} / ${TITLES[f.area]}: ${f.check}${f.detail ? `\n    ${f.detail}` : ''}`);
  }
  const checks = findings.filter((f) => f.outcome !== 'skipped').length;
  const breaches = findings.filter((f) => f.outcome === 'breach').length;
  out.push('', breaches ? `${breaches} breach(es) in ${checks} checks` : `${checks} checks, no breach`);
  return out.join('\n');
}
