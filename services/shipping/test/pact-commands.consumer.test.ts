// What shipping relies on in orders' messages, recorded as a message pact (shipping ← orders): the
// saga's shipping.create-shipment and shipping.cancel-shipment, and the order.confirmed event, which
// makes the order's shipment ready for a courier. Each message is what arrives on
// shipping's commands queue: the envelope its kit checks on receipt and the payload the contract
// requires (the recipient's line2 and state are optional and orders sends them only when the customer
// gave them, so they are not asked for). Values that may be anything of their kind are matched by
// format, not by the example: an address shipping cannot ship to is an answer (shipment.failed), not
// a broken contract, so the address is matched by type. The example is then delivered as shipping's
// consumer delivers it (contract check, then handler and inbox row in one transaction of its own
// database), and the shipment is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { consumerPact, messageEnvelope, MatchersV3, text, timestamp, uuid } from '@bazaar/contract-testing';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { createCommandHandlers, createEventHandlers } from '../src/events.js';
import { TRACKING_NUMBER } from '../src/shipments/tracking-number.js';
import { createCommand, settings, shipmentsOf, shippingWith } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

const { eachLike, integer, regex, string } = MatchersV3;
const sku = (example: string) => regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', example);

/** A command as orders sends it (example ids: the message's own id serves as correlation and causation). */
const command = (type: string, id: string, payload: Record<string, unknown>) =>
  messageEnvelope({ type, id, source: 'orders', correlationId: id, causationId: id, payload });

describe('shipping ← orders (message pact)', () => {
  let db: TestDb;
  const pact = consumerPact({ consumer: 'shipping', provider: 'orders' });
  let handlers: ReturnType<typeof createCommandHandlers>;
  before(async () => {
    db = await setUpDatabase('shipping_pact_commands');
    handlers = createCommandHandlers({ settings, publish: db.publish }); // as main.ts registers them
  });
  after(() => db.close());

  /** One delivery off shipping's commands queue, as its consumer takes it; a first delivery, not a redelivery. */
  const receive = async (body: unknown) => {
    const { envelope, duplicate } = await deliverMessage({ pool: db.pool, contracts, kind: 'commands', handlers }, body);
    assert.equal(duplicate, false, `message ${envelope.id} was taken for a redelivery`);
  };

  test('shipping.create-shipment makes the order\'s shipment to the recipient, with a tracking number', async () => {
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a201';
    await pact
      .addAsynchronousInteraction()
      .given("the checkout's stock is reserved")
      .expectsToReceive('a shipping.create-shipment command', (message) => message.withJSONContent(command('shipping.create-shipment', '0195f0a4-1c2b-7d3e-8f40-00000000e401', {
        shipmentRequestId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000f201'),
        orderId: uuid(orderId),
        userId: uuid('0195f0a4-1c2b-7d3e-8f40-0000000000aa'),
        recipient: {
          name: string('Ada Lovelace'),
          line1: string('1 Analytical St'),
          city: string('London'),
          postalCode: string('N1 9GU'),
          country: string('GB'),
        },
        items: eachLike({ sku: sku('LAMP-001'), quantity: integer(2) }),
      })))
      .executeTest(async (message) => {
        await receive(message.contents.content);
        const [shipment] = await shipmentsOf(db.pool, orderId);
        assert.deepEqual([shipment?.status, shipment?.recipient_name, shipment?.city, shipment?.country], ['created', 'Ada Lovelace', 'London', 'GB']);
        assert.match(String(shipment?.tracking_number), TRACKING_NUMBER);
        const { rows: items } = await db.pool.query('SELECT sku, quantity FROM shipment_items WHERE shipment_id = $1', [shipment?.id]);
        assert.deepEqual(items, [{ sku: 'LAMP-001', quantity: 2 }]);
        assert.equal((await published(db.pool, orderId)).at(-1)?.type, 'shipment.created');
      });
  });

  test('shipping.cancel-shipment cancels the order\'s shipment before the courier has it', async () => {
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a202';
    await shippingWith(db).create(createCommand({ orderId }, { country: 'GB' }));
    assert.equal((await shipmentsOf(db.pool, orderId))[0]?.status, 'created');
    await pact
      .addAsynchronousInteraction()
      .given("the checkout's capture failed")
      .expectsToReceive('a shipping.cancel-shipment command', (message) => message.withJSONContent(command('shipping.cancel-shipment', '0195f0a4-1c2b-7d3e-8f40-00000000e402', {
        orderId: uuid(orderId),
        reason: text('payment capture failed: capture_declined', 200),
      })))
      .executeTest(async (message) => {
        await receive(message.contents.content);
        assert.equal((await shipmentsOf(db.pool, orderId))[0]?.status, 'cancelled');
        assert.equal((await published(db.pool, orderId)).at(-1)?.type, 'shipment.cancelled');
      });
  });

  test('order.confirmed makes the order\'s shipment ready for a courier', async () => {
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a013';
    await shippingWith(db).create(createCommand({ orderId }));
    await pact
      .addAsynchronousInteraction()
      .given('an order is confirmed')
      .expectsToReceive('an order.confirmed event', (message) => message.withJSONContent(messageEnvelope({
        type: 'order.confirmed', id: '0195f0a4-1c2b-7d3e-8f40-00000000e313', source: 'orders',
        correlationId: '0195f0a4-1c2b-7d3e-8f40-00000000e313', causationId: '0195f0a4-1c2b-7d3e-8f40-00000000e313',
        payload: {
          orderId: uuid(orderId), orderNumber: text('BZ-260314-7KQ2M', 40), userId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000a0ab'),
          totalMinor: integer(4900), currency: regex('^[A-Z]{3}$', 'EUR'), confirmedAt: timestamp(),
        },
      })))
      .executeTest(async (message) => {
        await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers: createEventHandlers() }, message.contents.content);
        const [shipment] = await shipmentsOf(db.pool, orderId);
        assert.equal(shipment?.status, 'created');
        assert.ok(shipment?.ready_at, 'ready: the dispatcher may give it a courier');
      });
  });
});
