// The kit's pools: each statement text that runs with parameters is prepared once per connection,
// except what a schema change could break or what the simple protocol is needed for; a
// transaction's settings hold from its first statement.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPool, withTransaction, type Pool, type PoolClient } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

let db: TestDatabase;
let pool: Pool;

before(async () => {
  db = await createTestDatabase('prepared');
  pool = createPool(db.url, { max: 1 });
  await pool.query('CREATE TABLE things (id int PRIMARY KEY, label text NOT NULL, size int NOT NULL DEFAULT 0)');
  await pool.query("INSERT INTO things (id, label) VALUES (1, 'one'), (2, 'two')");
});

after(async () => {
  await pool.end();
  await db.drop();
});

/** The statements prepared on the connection `client` holds, by text. */
async function preparedOn(client: PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
  return rows.map((r) => r.statement);
}

test('a statement with parameters is prepared once on the connection and gives the same rows each time', async () => {
  const text = 'SELECT label FROM things WHERE id = $1';
  const client = await pool.connect();
  try {
    assert.deepEqual((await client.query(text, [1])).rows, [{ label: 'one' }]);
    assert.deepEqual((await client.query(text, [2])).rows, [{ label: 'two' }]);
    assert.deepEqual((await preparedOn(client)).filter((s) => s === text), [text], 'prepared exactly once');
  } finally {
    client.release();
  }
  // pg-pool's own query (which hands the client a callback) goes the same way.
  const viaPool = 'SELECT id FROM things WHERE label = $1';
  assert.deepEqual((await pool.query(viaPool, ['two'])).rows, [{ id: 2 }]);
  const again = await pool.connect();
  try {
    assert.ok((await preparedOn(again)).includes(viaPool));
  } finally {
    again.release();
  }
});

test('a text without parameters runs over the simple protocol, several statements in one call; one built for many rows is not kept', async () => {
  const client = await pool.connect();
  try {
    const results = (await client.query('BEGIN; SELECT count(*)::int AS n FROM things; COMMIT')) as unknown as { rows: unknown[] }[];
    assert.deepEqual(results[1]!.rows, [{ n: 2 }]);
    const rows = (count: number) => `SELECT v FROM (VALUES ${Array.from({ length: count }, (_, i) => `($${i + 1}::int)`).join(', ')}) AS t(v)`;
    assert.equal((await client.query(rows(32), Array.from({ length: 32 }, (_, i) => i))).rowCount, 32);
    assert.equal((await client.query(rows(33), Array.from({ length: 33 }, (_, i) => i))).rowCount, 33);
    const prepared = await preparedOn(client);
    assert.ok(!prepared.some((s) => s.includes('count(*)::int AS n')));
    assert.ok(prepared.includes(rows(32)) && !prepared.includes(rows(33)), 'prepared up to 32 parameters, not beyond');
  } finally {
    client.release();
  }
});

test('a `*` list is not prepared, so an expand migration adding a column does not break it', async () => {
  const star = 'SELECT * FROM things WHERE id = $1';
  const named = 'SELECT t.* FROM things t WHERE t.id = $1';
  const listed = 'SELECT id, label FROM things WHERE id = $1';
  const insert = 'INSERT INTO things (id, label) SELECT v.* FROM (VALUES ($1::int, $2::text)) AS v';
  const insertReturning = 'INSERT INTO things (id, label) SELECT * FROM unnest($1::int[], $2::text[]) RETURNING id';
  const updateStar = 'UPDATE things SET size = size WHERE id = $1 RETURNING *';
  const client = await pool.connect();
  try {
    for (const text of [star, named, listed, updateStar]) await client.query(text, [1]);
    await client.query(insert, [3, 'three']);
    await client.query(insertReturning, [[6], ['six']]);
    const prepared = await preparedOn(client);
    assert.deepEqual([star, named, updateStar].filter((text) => prepared.includes(text)), [], 'no * list prepared');
    assert.ok(prepared.includes(listed), 'a named list is prepared');
    assert.ok(prepared.includes(insert), 'a write returning nothing is prepared whatever its text selects');
    assert.ok(prepared.includes(insertReturning), 'so is a write that names what it returns');
    await client.query('ALTER TABLE things ADD COLUMN colour text');
    assert.deepEqual(Object.keys((await client.query(star, [1])).rows[0] as object), ['id', 'label', 'size', 'colour']);
    assert.deepEqual(Object.keys((await client.query(updateStar, [1])).rows[0] as object), ['id', 'label', 'size', 'colour']);
    assert.deepEqual((await client.query(insertReturning, [[7], ['seven']])).rows, [{ id: 7 }]);
    assert.deepEqual((await client.query(listed, [1])).rows, [{ id: 1, label: 'one' }]);
    await client.query(insert, [4, 'four']);
  } finally {
    client.release();
  }
});

test('a prepared text whose column type changes fails once, then is prepared afresh', async () => {
  const text = 'SELECT size FROM things WHERE id = $1';
  const client = await pool.connect();
  try {
    assert.deepEqual((await client.query(text, [1])).rows, [{ size: 0 }]);
    await client.query('ALTER TABLE things ALTER COLUMN size TYPE bigint');
    // PostgreSQL refuses the statement prepared before the change (the same would befall any client
    // that prepares); the kit names the text anew, so the retry a caller makes succeeds.
    const refused = await client.query(text, [1]).catch((error: unknown) => error as Error & { code?: string });
    assert.equal(refused instanceof Error && refused.code, '0A000', String(refused));
    assert.equal((refused as { routine?: string }).routine, 'RevalidateCachedQuery', 'the server routine the kit recognises it by');
    assert.deepEqual((await client.query(text, [1])).rows, [{ size: 0 }]);
    assert.equal((await preparedOn(client)).filter((s) => s === text).length, 2, 'prepared again, under a new name');
  } finally {
    client.release();
  }
  // In a transaction too: the transaction that met it rolls back whole, the next one commits.
  await pool.query('ALTER TABLE things ALTER COLUMN size TYPE int');
  const update = 'UPDATE things SET size = size + 1 WHERE id = $1 RETURNING size';
  assert.deepEqual((await pool.query(update, [2])).rows, [{ size: 1 }]);
  await pool.query('ALTER TABLE things ALTER COLUMN size TYPE bigint');
  await assert.rejects(withTransaction(pool, async (client) => {
    await client.query('INSERT INTO things (id, label) VALUES ($1, $2)', [5, 'five']);
    await client.query(update, [2]);
  }), { code: '0A000' });
  assert.equal((await pool.query('SELECT count(*)::int AS n FROM things WHERE id = $1', [5])).rows[0]!.n, 0, 'nothing of the failed transaction stays');
  await withTransaction(pool, async (client) => {
    await client.query('INSERT INTO things (id, label) VALUES ($1, $2)', [5, 'five']);
    assert.deepEqual((await client.query(update, [2])).rows, [{ size: 2 }]);
  });
});

test("a transaction's isolation and lock timeout hold from its first statement, and end with it", async () => {
  const seen = await withTransaction(pool, async (client) => {
    const first = await client.query<{ isolation: string; lock: string; tx: string | null }>(
      "SELECT current_setting('transaction_isolation') AS isolation, current_setting('lock_timeout') AS lock, txid_current_if_assigned()::text AS tx WHERE $1::int = 1", [1]);
    await client.query('INSERT INTO things (id, label) VALUES ($1, $2)', [20, 'twenty']);
    const second = await client.query<{ tx: string }>('SELECT txid_current()::text AS tx');
    const third = await client.query<{ tx: string }>('SELECT txid_current()::text AS tx');
    return { ...first.rows[0]!, sameTx: second.rows[0]!.tx === third.rows[0]!.tx };
  }, { isolation: 'serializable', lockTimeoutMs: 250 });
  assert.deepEqual(seen, { isolation: 'serializable', lock: '250ms', tx: null, sameTx: true });
  // A first statement that fails takes the transaction with it; the pool's next client is clean.
  await assert.rejects(withTransaction(pool, async (client) => {
    await client.query('INSERT INTO things (id, label) VALUES ($1, $2)', [21, null]);
  }), { code: '23502' });
  await assert.rejects(withTransaction(pool, async (client) => {
    await client.query('INSERT INTO things (id, label) VALUES ($1, $2)', [22, 'twenty-two']);
    await client.query('INSERT INTO things (id, label) VALUES ($1, $2)', [20, 'again']);
  }), { code: '23505' });
  const { rows } = await pool.query<{ id: number }>('SELECT id FROM things WHERE id = ANY($1::int[]) ORDER BY id', [[20, 21, 22]]);
  assert.deepEqual(rows, [{ id: 20 }], 'only the committed transaction stayed');
  assert.equal((await pool.query<{ status: string }>("SELECT current_setting('lock_timeout') AS status WHERE $1::int = 1", [1])).rows[0]!.status, '0', 'SET LOCAL ended with its transaction');
});
