import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '@bazaar/platform';
import { eventually } from '@bazaar/platform/testing';
import { createExpiryJob } from '../src/stock/expiry.job.js';
import { commit, reserve } from '../src/stock/reservation.service.js';
import { ledgerMismatches } from '../src/stock/stock.store.js';
import { newSku, startInventory, type Harness } from './harness.js';

const logger = createLogger('inventory', 'silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reservation expiry', async () => {
  let h: Harness;
  before(async () => { h = await startInventory('expiry'); });
  after(() => h.close());

  const job = (batchSize = 100) => createExpiryJob({ pool: h.pool, deps: h.deps, logger, intervalMs: 50, batchSize });
  const hold = (sku: string, quantity: number, ttlSeconds: number) =>
    h.tx((client) => reserve(client, h.deps, { reservationId: randomUUID(), orderId: randomUUID(), items: [{ sku, quantity }], ttlSeconds }));

  test('expired reservations are released with reason expired; live ones stay', async () => {
    const sku = newSku('EXP');
    await h.givenStock(sku, 10);
    const stale = await hold(sku, 3, 1);
    const live = await hold(sku, 2, 600);
    await sleep(1100);
    assert.equal(await job().runOnce(), 1);
    const item = await h.item(sku);
    assert.deepEqual({ reserved: item.reserved, available: item.available }, { reserved: 2, available: 8 });
    const { rows } = await h.pool.query('SELECT id, status, status_reason FROM reservations WHERE id = ANY($1) ORDER BY status', [[stale.reservationId, live.reservationId]]);
    assert.deepEqual(rows, [
      { id: live.reservationId, status: 'active', status_reason: null },
      { id: stale.reservationId, status: 'expired', status_reason: 'expired' },
    ]);
    const movement = await h.pool.query('SELECT kind, quantity, reason FROM stock_movements WHERE reservation_id = $1 ORDER BY id', [stale.reservationId]);
    assert.deepEqual(movement.rows.at(-1), { kind: 'released', quantity: -3, reason: 'expired' });
    const released = (await h.published('stock.released')).filter((e) => e.payload.reservationId === stale.reservationId);
    assert.deepEqual(released.map((e) => e.payload), [{ reservationId: stale.reservationId, orderId: stale.orderId, reason: 'expired' }]);

    const late = await h.tx((client) => commit(client, h.deps, { reservationId: stale.reservationId }));
    assert.deepEqual(late, { kind: 'failed', reservationId: stale.reservationId, reason: 'reservation_expired' });
    assert.equal(await job().runOnce(), 0, 'nothing left to expire');
  });

  test('two jobs at once release each expired reservation exactly once', async () => {
    const skus = [newSku('TWO'), newSku('TWO'), newSku('TWO')];
    for (const sku of skus) await h.givenStock(sku, 40);
    const held = [];
    for (let i = 0; i < 30; i += 1) held.push(await hold(skus[i % 3]!, 1 + (i % 2), 1));
    await sleep(1100);
    const counts = await Promise.all([job(7).runOnce(), job(7).runOnce(), job(100).runOnce(), job(100).runOnce()]);
    assert.equal(counts.reduce((a, b) => a + b, 0), 30, `released ${counts.join(' + ')}`);
    const ids = held.map((r) => r.reservationId);
    const movements = await h.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM stock_movements WHERE kind = 'released' AND reservation_id = ANY($1)`, [ids]);
    assert.equal(movements.rows[0]!.count, 30, 'one released movement per reservation line');
    const answers = (await h.published('stock.released')).filter((e) => ids.includes(e.payload.reservationId as string));
    assert.equal(answers.length, 30);
    for (const sku of skus) assert.equal((await h.item(sku)).reserved, 0);
    assert.deepEqual(await ledgerMismatches(h.pool), []);
  });

  test('the job runs on its interval once started, and stop waits for it', async () => {
    const sku = newSku('TICK');
    await h.givenStock(sku, 5);
    const r = await hold(sku, 5, 1);
    const running = job();
    running.start();
    try {
      await eventually(async () => (await h.item(sku)).reserved === 0, { timeoutMs: 5000, message: 'the reservation was not expired' });
    } finally {
      await running.stop();
    }
    const { rows } = await h.pool.query('SELECT status FROM reservations WHERE id = $1', [r.reservationId]);
    assert.deepEqual(rows, [{ status: 'expired' }]);
  });
});
