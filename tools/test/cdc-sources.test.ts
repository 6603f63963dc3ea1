// How the system hands data products to their readers (prepareServices, as npm start runs it): on a
// server with wal_level=logical, a reader (`cdc: true`) is given every source's CDC role in
// <SERVICE>_CDC_SOURCES, even when it is prepared before its sources; on a server without it (an
// embedded one started like a distribution's default) it is given none, and the log says why.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { CredentialStore } from '../src/credentials.js';
import { startEmbeddedPostgres } from '../src/embedded-pg.js';
import { dropProvisioned } from '../src/provision.js';
import { discoverServices, repoRoot, type ServiceDef } from '../src/services.js';
import { infrastructureFromEnv, planPostgres, prepareServices } from '../src/system.js';

const infra = infrastructureFromEnv();
const sources = discoverServices().filter((s) => s.dataProduct);
// Prepared first on purpose: its sources' roles exist only once their migrations ran.
const reader: ServiceDef = { name: 'analytics', dir: path.join(repoRoot, 'services/analytics'), port: 8108, metricsPort: 8158, database: false, order: 1, calls: [], cdc: true, dataDir: false };
const defs = [reader, ...sources];
const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'bazaar-cdc-'));
chmodSync(dataRoot, 0o755); // an embedded PostgreSQL runs as the postgres user
after(() => rmSync(dataRoot, { recursive: true, force: true }));

const walLevel = async () => {
  const admin = new pg.Client({ connectionString: infra.pgAdminUrl });
  await admin.connect();
  try {
    return (await admin.query<{ wal_level: string }>('SHOW wal_level')).rows[0]!.wal_level;
  } finally {
    await admin.end();
  }
};

test('the sources declared are catalog and inventory, each with its publication', () => {
  assert.deepEqual(sources.map((s) => [s.name, s.dataProduct]), [['catalog', { publication: 'data_product' }], ['inventory', { publication: 'data_product' }]]);
});

test('on a server with wal_level=logical the reader is given each source, its CDC role, publication and slot', { skip: (await walLevel()) !== 'logical' && 'the server runs without wal_level=logical (.ci/run configures it)' }, async (t) => {
  const prefix = `test_cdcsrc_${randomBytes(3).toString('hex')}`;
  t.after(async () => { for (const s of sources) await dropProvisioned(infra.pgAdminUrl, s.name, { prefix }); });
  const lines: string[] = [];
  const plan = await planPostgres(defs, infra, { dataRoot });
  const { prepared, failed } = await prepareServices(defs, plan, infra, { dataRoot, prefix, brokerUsers: false, log: (line) => lines.push(line) });
  assert.deepEqual(failed.map((f) => f.error.message), []);
  const credentials = new CredentialStore(dataRoot);
  const host = new URL(infra.pgAdminUrl).host;
  const given = JSON.parse(prepared.find((p) => p.def.name === 'analytics')!.env.ANALYTICS_CDC_SOURCES!) as unknown;
  assert.deepEqual(given, sources.map((s) => ({
    source: s.name,
    url: `postgres://${prefix}_${s.name}_cdc:${credentials.find(`${prefix}-${s.name}-cdc`)}@${host}/${prefix}_${s.name}`,
    publication: 'data_product',
    slot: `${prefix}_analytics_${s.name}`,
  })));
  for (const source of prepared.filter((p) => p.def.name !== 'analytics')) assert.equal(source.env.ANALYTICS_CDC_SOURCES, undefined, source.def.name);
  assert.ok(lines.some((l) => l.startsWith('CDC: analytics reads by logical replication catalog (data_product: categories, products)')), lines.join('\n'));
  // The URL given works, for the published tables only.
  const catalog = new pg.Client({ connectionString: (given as { url: string }[])[0]!.url });
  await catalog.connect();
  try {
    await catalog.query('SELECT id, name FROM categories LIMIT 1');
    await assert.rejects(catalog.query('SELECT * FROM outbox LIMIT 1'), /permission denied/);
  } finally {
    await catalog.end();
  }
});

test('on a server without wal_level=logical the reader is given no source, and the log says why and how to turn it on', async (t) => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  const instance = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'pg', 'replica'), port, password: 'superuser-pw', logicalReplication: false });
  t.after(() => instance.stop());
  const plan = { adminUrlFor: new Map(sources.map((s) => [s.name, instance.adminUrl])), embedded: [], notes: [] };
  const lines: string[] = [];
  const { prepared, failed } = await prepareServices(defs, plan, infra, { dataRoot, prefix: 'bazaar', brokerUsers: false, log: (line) => lines.push(line) });
  // The migrations that create the publications run there all the same.
  assert.deepEqual(failed.map((f) => f.error.message), []);
  assert.equal(prepared.find((p) => p.def.name === 'analytics')!.env.ANALYTICS_CDC_SOURCES, '[]');
  assert.ok(
    lines.includes(`CDC off for catalog, inventory: PostgreSQL at 127.0.0.1:${port} runs wal_level=replica; run ALTER SYSTEM SET wal_level = logical and restart it to turn it on (analytics then reads events only)`),
    lines.join('\n'),
  );
  assert.ok(!lines.some((l) => l.startsWith('CDC:')), lines.join('\n'));
  const admin = new pg.Client({ connectionString: instance.adminUrl });
  await admin.connect();
  try {
    assert.deepEqual((await admin.query("SELECT rolname FROM pg_roles WHERE rolname LIKE '%\\_cdc'")).rows, []);
  } finally {
    await admin.end();
  }
});
