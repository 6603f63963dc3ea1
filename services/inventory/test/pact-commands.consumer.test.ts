// What inventory relies on in orders' messages, recorded as a message pact (inventory ← orders): the
// saga's inventory.reserve and inventory.release (inventory.commit is in the contracts, but orders
// never sends it: the stock leaves on dispatch), and the order.confirmed event, which holds the
// reservation until a courier takes the parcel. Each message is what arrives on inventory's commands queue: the
// envelope its kit checks on receipt and the payload the contract requires, plus ttlSeconds, which is
// optional in the contract but sent by orders and read by inventory's reserve. Values that may be
// anything of their kind are matched by format, not by the example. The example is then delivered as
// inventory's consumer delivers it (contract check, then handler and inbox row in one transaction of
// its own database), and its effect on stock is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { consumerPact, messageEnvelope, MatchersV3, text, timestamp, uuid } from '@bazaar/contract-testing';
import { reserve } from '../src/stock/reservation.service.js';
import { findReservation } from '../src/stock/reservation.store.js';
import { findStockItem } from '../src/stock/stock.store.js';
import { receive, startInventory, type Harness } from './harness.js';

const { eachLike, integer, regex } = MatchersV3;
const sku = (example: string) => regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', example);

/** A command as orders sends it (example ids: the message's own id serves as correlation and causation). */
const command = (type: string, id: string, payload: Record<string, unknown>) =>
  messageEnvelope({ type, id, source: 'orders', correlationId: id, causationId: id, payload });

const TTL_SECONDS = 604_800;

describe('inventory ← orders (message pact)', () => {
  let h: Harness;
  const pact = consumerPact({ consumer: 'inventory', provider: 'orders' });
  before(async () => { h = await startInventory('pact_commands'); });
  after(() => h.close());

  test('inventory.reserve holds every line for the order, for as long as orders asks', async () => {
    const reservationId = '0195f0a4-1c2b-7d3e-8f40-00000000b001';
    await h.givenStock('LAMP-001', 5);
    await pact
      .addAsynchronousInteraction()
      .given("the checkout's payment is authorized")
      .expectsToReceive('an inventory.reserve command', (message) => message.withJSONContent(command('inventory.reserve', '0195f0a4-1c2b-7d3e-8f40-00000000e201', {
        reservationId: uuid(reservationId),
        orderId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000a001'),
        items: eachLike({ sku: sku('LAMP-001'), quantity: integer(2) }),
        ttlSeconds: integer(TTL_SECONDS),
      })))
      .executeTest(async (message) => {
        await receive(h, 'commands', message.contents.content);
        const item = await findStockItem(h.pool, 'LAMP-001');
        assert.deepEqual([item?.onHand, item?.reserved, item?.available], [5, 2, 3]);
        const held = await findReservation(h.pool, reservationId, { lock: false });
        assert.equal(held?.status, 'active');
        const { rows: [lifetime] } = await h.pool.query<{ seconds: number }>(
          'SELECT extract(epoch FROM expires_at - created_at)::float8 AS seconds FROM reservations WHERE id = $1', [reservationId]);
        assert.equal(lifetime?.seconds, TTL_SECONDS, `held for the ${TTL_SECONDS} s asked`);
        assert.deepEqual((await h.published('stock.reserved')).map((e) => e.payload.reservationId), [reservationId]);
      });
  });

  test('inventory.release gives a reservation\'s stock back', async () => {
    const reservationId = '0195f0a4-1c2b-7d3e-8f40-00000000b002';
    await h.givenStock('DESK-002', 3);
    await h.tx((client) => reserve(client, h.deps, { reservationId, orderId: '0195f0a4-1c2b-7d3e-8f40-00000000a002', items: [{ sku: 'DESK-002', quantity: 1 }] }));
    assert.equal((await findStockItem(h.pool, 'DESK-002'))?.available, 2);
    await pact
      .addAsynchronousInteraction()
      .given("the checkout's shipment failed")
      .expectsToReceive('an inventory.release command', (message) => message.withJSONContent(command('inventory.release', '0195f0a4-1c2b-7d3e-8f40-00000000e202', {
        reservationId: uuid(reservationId),
        reason: text('shipment failed: unsupported_country', 200),
      })))
      .executeTest(async (message) => {
        await receive(h, 'commands', message.contents.content);
        const item = await findStockItem(h.pool, 'DESK-002');
        assert.deepEqual([item?.onHand, item?.reserved, item?.available], [3, 0, 3]);
        assert.equal((await findReservation(h.pool, reservationId, { lock: false }))?.status, 'released');
        assert.deepEqual((await h.published('stock.released')).map((e) => e.payload.reservationId), [reservationId]);
      });
  });

  test("order.confirmed holds the order's reservation until a courier takes the parcel: its deadline no longer applies", async () => {
    const reservationId = '0195f0a4-1c2b-7d3e-8f40-00000000b003';
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a003';
    await h.givenStock('SHELF-003', 4);
    await h.tx((client) => reserve(client, h.deps, { reservationId, orderId, items: [{ sku: 'SHELF-003', quantity: 2 }] }));
    await pact
      .addAsynchronousInteraction()
      .given('an order is confirmed')
      .expectsToReceive('an order.confirmed event', (message) => message.withJSONContent(messageEnvelope({
        type: 'order.confirmed', id: '0195f0a4-1c2b-7d3e-8f40-00000000e203', source: 'orders',
        correlationId: '0195f0a4-1c2b-7d3e-8f40-00000000e203', causationId: '0195f0a4-1c2b-7d3e-8f40-00000000e203',
        payload: {
          orderId: uuid(orderId), orderNumber: text('BZ-260314-7KQ2M', 40), userId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000a0aa'),
          totalMinor: integer(4900), currency: regex('^[A-Z]{3}$', 'EUR'), confirmedAt: timestamp(),
        },
      })))
      .executeTest(async (message) => {
        await receive(h, 'events', message.contents.content);
        const { rows } = await h.pool.query('SELECT status, held_for_delivery_at FROM reservations WHERE id = $1', [reservationId]);
        assert.equal(rows[0].status, 'active');
        assert.ok(rows[0].held_for_delivery_at, 'held for delivery: the expiry job leaves it alone');
      });
  });
});
