// What inventory relies on in shipping's delivery events, recorded as a message pact (inventory ←
// shipping): shipment.dispatched commits the order's reservation (inventory reads orderId and
// shipmentId), shipment.returned takes the parcel's items back into stock (it reads the items and the
// tracking number, for the ledger's reason). The other fields the contracts require are in the
// examples, matched by type, because inventory's kit checks every message against its contract. Each
// example is delivered as inventory's consumer delivers it, and its effect on stock is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { consumerPact, messageEnvelope, MatchersV3, text, timestamp, uuid } from '@bazaar/contract-testing';
import { reserve } from '../src/stock/reservation.service.js';
import { findStockItem } from '../src/stock/stock.store.js';
import { receive, startInventory, type Harness } from './harness.js';

const { eachLike, integer, regex } = MatchersV3;

const SHIPMENT_ID = '0195f0a4-1c2b-7d3e-8f40-00000000c501';
const TRACKING = regex('^BZ[2-9A-HJKMNP-TV-Z]{10}$', 'BZ7K3M9QX2PA');
const envelope = (type: string, id: string, payload: Record<string, unknown>) =>
  messageEnvelope({ type, id, source: 'shipping', correlationId: id, causationId: id, payload });
const parcel = (orderId: string) => ({ shipmentId: uuid(SHIPMENT_ID), orderId, trackingNumber: TRACKING, version: integer(2) });

describe('inventory ← shipping (message pact)', () => {
  let h: Harness;
  const pact = consumerPact({ consumer: 'inventory', provider: 'shipping' });
  before(async () => { h = await startInventory('pact_delivery'); });
  after(() => h.close());

  /** An order whose stock inventory holds, as the saga left it. */
  async function heldFor(orderId: string, reservationId: string, sku: string, quantity: number, stock: number): Promise<void> {
    await h.givenStock(sku, stock);
    await h.tx((client) => reserve(client, h.deps, { reservationId, orderId, items: [{ sku, quantity }] }));
  }

  test('shipment.dispatched commits the order\'s reservation: the stock leaves the warehouse', async () => {
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a501';
    const reservationId = '0195f0a4-1c2b-7d3e-8f40-00000000b501';
    await heldFor(orderId, reservationId, 'CHAIR-501', 2, 6);
    await pact
      .addAsynchronousInteraction()
      .given("a courier is on shift near the order's confirmed shipment", { orderId })
      .expectsToReceive('shipment.dispatched: a courier was given the parcel', (message) => message.withJSONContent(envelope('shipment.dispatched', '0195f0a4-1c2b-7d3e-8f40-00000000e501', {
        ...parcel(orderId),
        courier: { courierId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000d501'), name: text('Ana', 100) },
        dispatchedAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await receive(h, 'events', message.contents.content);
        const item = await findStockItem(h.pool, 'CHAIR-501');
        assert.deepEqual([item?.onHand, item?.reserved], [4, 0]);
        const { rows } = await h.pool.query('SELECT status FROM reservations WHERE id = $1', [reservationId]);
        assert.equal(rows[0].status, 'committed');
      });
  });

  test('shipment.returned takes the parcel\'s items back into stock', async () => {
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a502';
    await h.givenStock('BZR-0001', 0);
    await pact
      .addAsynchronousInteraction()
      .given("the courier has failed every delivery attempt of the order's parcel but the last", { orderId })
      .expectsToReceive('shipment.returned: the parcel came back undelivered', (message) => message.withJSONContent(envelope('shipment.returned', '0195f0a4-1c2b-7d3e-8f40-00000000e502', {
        ...parcel(orderId),
        reason: text('3 failed delivery attempts', 200),
        items: eachLike({ sku: regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', 'BZR-0001'), quantity: integer(2) }),
        returnedAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await receive(h, 'events', message.contents.content);
        const item = await findStockItem(h.pool, 'BZR-0001');
        assert.equal(item?.onHand, 2, 'the returned units are on hand again');
        const { rows } = await h.pool.query("SELECT reason FROM stock_movements WHERE sku = 'BZR-0001' AND kind = 'received' ORDER BY id DESC LIMIT 1");
        assert.equal(rows[0].reason, 'returned: BZ7K3M9QX2PA');
      });
  });
});
