// A confirmed order's stock follows its parcel: held without expiry until a courier takes it,
// committed once on dispatch (again after a hand-back changes nothing), and a returned parcel's
// items come back into stock once.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createEnvelope, createLogger } from '@bazaar/platform';
import { createExpiryJob } from '../src/stock/expiry.job.js';
import { reserve } from '../src/stock/reservation.service.js';
import { ledgerMismatches } from '../src/stock/stock.store.js';
import { newSku, receive, startInventory, type Harness } from './harness.js';

const logger = createLogger('inventory', 'silent');

describe('stock through delivery', async () => {
  let h: Harness;
  before(async () => { h = await startInventory('delivery'); });
  after(() => h.close());

  const TRACKING = 'BZ7K3M9QX2PA';
  const courier = { courierId: randomUUID(), name: 'Ana' };
  const confirmed = (orderId: string) => createEnvelope('orders', 'order.confirmed', 1, { orderId, orderNumber: 'BZ-261205-TEST1', userId: randomUUID(), totalMinor: 1000, currency: 'EUR', confirmedAt: new Date().toISOString() });
  const dispatched = (orderId: string, shipmentId: string, version = 2) => createEnvelope('shipping', 'shipment.dispatched', 1, { shipmentId, orderId, trackingNumber: TRACKING, version, courier, dispatchedAt: new Date().toISOString() });
  const returned = (orderId: string, shipmentId: string, items: { sku: string; quantity: number }[]) =>
    createEnvelope('shipping', 'shipment.returned', 1, { shipmentId, orderId, trackingNumber: TRACKING, version: 9, reason: '3 failed delivery attempts', items, returnedAt: new Date().toISOString() });

  async function reservedOrder(sku: string, quantity: number, ttlSeconds = 600) {
    const orderId = randomUUID();
    const reservationId = randomUUID();
    await h.tx((client) => reserve(client, h.deps, { reservationId, orderId, items: [{ sku, quantity }], ttlSeconds }));
    return { orderId, reservationId, shipmentId: randomUUID() };
  }
  const statusOf = async (reservationId: string) => (await h.pool.query('SELECT status FROM reservations WHERE id = $1', [reservationId])).rows[0].status as string;

  test("a confirmed order's reservation outlives its deadline: it waits for the courier", async () => {
    const sku = newSku('DLV');
    await h.givenStock(sku, 10);
    const waiting = await reservedOrder(sku, 2);
    const unconfirmed = await reservedOrder(sku, 1);
    await receive(h, 'events', confirmed(waiting.orderId));
    // The clock moves past both deadlines (a week for a real order).
    await h.pool.query("UPDATE reservations SET expires_at = now() - interval '1 second' WHERE id = ANY($1)", [[waiting.reservationId, unconfirmed.reservationId]]);
    assert.equal(await createExpiryJob({ pool: h.pool, deps: h.deps, logger, intervalMs: 50, batchSize: 100 }).runOnce(), 1);
    assert.equal(await statusOf(waiting.reservationId), 'active', 'held for delivery');
    assert.equal(await statusOf(unconfirmed.reservationId), 'expired');
    assert.deepEqual(await h.item(sku).then((i) => [i.onHand, i.reserved]), [10, 2]);
  });

  test('dispatch commits the reservation once: the stock leaves the ledger as a shipment', async () => {
    const sku = newSku('DLV');
    await h.givenStock(sku, 10);
    const order = await reservedOrder(sku, 3);
    await receive(h, 'events', confirmed(order.orderId));
    await receive(h, 'events', dispatched(order.orderId, order.shipmentId));
    assert.equal(await statusOf(order.reservationId), 'committed');
    assert.deepEqual(await h.item(sku).then((i) => [i.onHand, i.reserved]), [7, 0]);
    // Handed back by a courier and dispatched to another: a new message, the same parcel.
    await receive(h, 'events', dispatched(order.orderId, order.shipmentId, 4));
    assert.deepEqual(await h.item(sku).then((i) => [i.onHand, i.reserved]), [7, 0], 'not committed twice');
    const committed = await h.pool.query("SELECT count(*)::int AS n FROM stock_movements WHERE reservation_id = $1 AND kind = 'committed'", [order.reservationId]);
    assert.equal(committed.rows[0].n, 1);
    assert.equal((await h.published('stock.committed')).filter((e) => e.payload.reservationId === order.reservationId).length, 1);
    assert.deepEqual(await ledgerMismatches(h.pool), []);
  });

  test("a returned parcel's items are received back once", async () => {
    const sku = newSku('DLV');
    await h.givenStock(sku, 10);
    const order = await reservedOrder(sku, 4);
    await receive(h, 'events', confirmed(order.orderId));
    await receive(h, 'events', dispatched(order.orderId, order.shipmentId));
    await receive(h, 'events', returned(order.orderId, order.shipmentId, [{ sku, quantity: 4 }]));
    await receive(h, 'events', returned(order.orderId, order.shipmentId, [{ sku, quantity: 4 }]));
    assert.deepEqual(await h.item(sku).then((i) => [i.onHand, i.reserved]), [10, 0]);
    const back = await h.pool.query("SELECT kind, quantity, reason FROM stock_movements WHERE sku = $1 AND kind = 'received' ORDER BY id", [sku]);
    assert.deepEqual(back.rows.at(-1), { kind: 'received', quantity: 4, reason: `returned: ${TRACKING}` });
    assert.equal(back.rows.length, 2, 'the first stock, and the return once');
    assert.deepEqual(await ledgerMismatches(h.pool), []);
  });

  test('a dispatch for an order whose reservation was released commits nothing', async () => {
    const sku = newSku('DLV');
    await h.givenStock(sku, 5);
    await receive(h, 'events', dispatched(randomUUID(), randomUUID()));
    assert.deepEqual(await h.item(sku).then((i) => [i.onHand, i.reserved]), [5, 0]);
  });
});
