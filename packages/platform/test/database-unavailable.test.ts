// A service whose own database is down answers 503 (a client may retry), not 500 (a bug), and a
// client that loses its server while checked out does not take the process down.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import pg from 'pg';
import { createLogger, createPool, createServiceApp, isDatabaseUnavailable } from '../src/index.js';
import { adminDatabaseUrl } from '../src/testing/index.js';

/** A port where nothing listens. */
const deadPort = await new Promise<number>((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as net.AddressInfo;
    server.close(() => resolve(port));
  });
});
const down = createPool(`postgres://nobody@127.0.0.1:${deadPort}/nothing`, { connectionTimeoutMs: 1_000 });
after(() => down.end());

test('connection failures count as the database being unavailable; a failing statement does not', async () => {
  const refused = await down.query('SELECT 1').catch((error: unknown) => error);
  assert.equal(isDatabaseUnavailable(refused), true, String(refused));
  const up = new pg.Client({ connectionString: adminDatabaseUrl() });
  await up.connect();
  try {
    const broken = await up.query('SELECT * FROM no_such_table').catch((error: unknown) => error);
    assert.equal(isDatabaseUnavailable(broken), false);
  } finally {
    await up.end();
  }
  assert.equal(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })), true);
  assert.equal(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')), true);
  assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
});

test('a request that cannot reach the database gets a 503 problem with Retry-After', async () => {
  const app = await createServiceApp({ name: 'sample', version: '1.0.0', logger: createLogger('sample', 'silent') });
  app.get('/things', async () => (await down.query('SELECT 1')).rows);
  await app.ready();
  try {
    const response = await app.inject({ method: 'GET', url: '/things' });
    assert.equal(response.statusCode, 503);
    assert.equal(response.headers['retry-after'], '5');
    assert.equal(response.json().reason, 'database-unavailable');
    assert.doesNotMatch(response.body, new RegExp(String(deadPort)), 'the address is not sent to the client');
  } finally {
    await app.close();
  }
});

test('a checked-out client whose server ends its session does not crash the process', async () => {
  const pool = createPool(adminDatabaseUrl(), { max: 1 });
  try {
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
    await admin.connect();
    // The server ends the session while the client sits checked out between queries, as in a
    // transaction waiting for the broker when the database stops.
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await admin.end();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const failed = await client.query('SELECT 1').catch((error: unknown) => error);
    assert.equal(isDatabaseUnavailable(failed), true, String(failed));
    client.release();
    assert.deepEqual((await pool.query('SELECT 1 AS one')).rows, [{ one: 1 }], 'the pool opens a fresh connection');
  } finally {
    await pool.end();
  }
});
