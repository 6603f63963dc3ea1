// The fold's promises, on the real DuckDB: events in any order and delivered any number of times give
// the same fact tables, and a rebuild from raw_events gives them too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { ContractValidator, type DeliveryInfo, type Envelope } from '@bazaar/platform';
import { createEventHandlers } from '../src/ingest/handlers.js';
import { FACT_TABLES } from '../src/ingest/fold.js';
import { WarehouseInbox } from '../src/ingest/inbox.js';
import { rebuild } from '../src/ingest/rebuild.js';
import { Warehouse } from '../src/warehouse/warehouse.js';
import { envelope, shoppingDay, shuffledWithDuplicates } from './day.js';

const handlers = createEventHandlers();
const delivery: DeliveryInfo = { kind: 'events', attempt: 1, redelivered: false };

/** Delivers `events` as the consumer would: up to `inFlight` at once, each answered by the inbox. */
async function deliver(warehouse: Warehouse, events: Envelope[], options: { maxBatch: number; inFlight: number }): Promise<{ duplicates: number }> {
  const inbox = new WarehouseInbox(warehouse, { maxBatch: options.maxBatch, lingerMs: 1 });
  let duplicates = 0;
  for (let i = 0; i < events.length; i += options.inFlight) {
    const answers = await Promise.all(events.slice(i, i + options.inFlight).map((e) => inbox.apply(e, handlers[e.type]!, delivery)));
    duplicates += answers.filter(Boolean).length;
  }
  return { duplicates };
}

/** Every fact table, every row, in a fixed order: two warehouses with equal snapshots hold the same facts. */
async function snapshot(warehouse: Warehouse): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of FACT_TABLES) out[table] = await warehouse.all(`SELECT * FROM ${table} ORDER BY ALL`);
  return out;
}

test('every event of the synthetic day keeps to its contract', () => {
  const validator = new ContractValidator(contracts);
  for (const e of shoppingDay({ orders: 60 }).events) validator.parse(Buffer.from(JSON.stringify(e)));
});

test('events in another order, some delivered twice, fold to the same facts; a rebuild gives them too', async (t) => {
  const day = shoppingDay({ seed: 7, orders: 150 });
  const inOrder = await Warehouse.open(':memory:');
  const shuffled = await Warehouse.open(':memory:');
  t.after(() => Promise.all([inOrder.close(), shuffled.close()]));

  assert.equal((await deliver(inOrder, day.events, { maxBatch: 50, inFlight: 50 })).duplicates, 0);
  const replay = shuffledWithDuplicates(day.events, 11, 0.25);
  const { duplicates } = await deliver(shuffled, replay, { maxBatch: 37, inFlight: 64 });
  assert.equal(duplicates, replay.length - day.events.length, 'each repeat is answered as a duplicate');

  const expected = await snapshot(inOrder);
  assert.ok((expected.fact_orders?.length ?? 0) === 150 && (expected.fact_order_lines?.length ?? 0) > 150);
  assert.deepEqual(await snapshot(shuffled), expected);

  const result = await rebuild(shuffled);
  assert.equal(result.events, day.events.length);
  assert.deepEqual(await snapshot(shuffled), expected);
});

test('an order whose events arrive confirmed-first ends with the same row as in order', async (t) => {
  const day = shoppingDay({ seed: 3, orders: 1 });
  const forward = await Warehouse.open(':memory:');
  const backward = await Warehouse.open(':memory:');
  t.after(() => Promise.all([forward.close(), backward.close()]));
  await deliver(forward, day.events, { maxBatch: 1, inFlight: 1 });
  await deliver(backward, [...day.events].reverse(), { maxBatch: 1, inFlight: 1 });
  assert.deepEqual(await snapshot(backward), await snapshot(forward));
});

test('a batch holding an event the fold cannot take fails that event alone; the others are folded', async (t) => {
  const warehouse = await Warehouse.open(':memory:');
  t.after(() => warehouse.close());
  const day = shoppingDay({ seed: 5, orders: 3 });
  // Valid JSON, but an id the UUID column refuses: it stands for any event DuckDB will not store.
  const bad = { ...envelope('user.registered', 'identity', new Date(), {}), id: 'not-a-uuid' };
  const inbox = new WarehouseInbox(warehouse, { maxBatch: 1000, lingerMs: 5 });
  const answers = await Promise.allSettled([...day.events, bad].map((e) => inbox.apply(e, handlers[e.type]!, delivery)));
  assert.equal(answers.filter((a) => a.status === 'rejected').length, 1);
  assert.equal(answers.at(-1)?.status, 'rejected');
  const [{ n }] = (await warehouse.all<{ n: number }>('SELECT count(*) AS n FROM raw_events')) as [{ n: number }];
  assert.equal(n, day.events.length);
});
