// What shipping relies on in the checkout saga's commands, recorded as a message pact (shipping ←
// orders): shipping.create-shipment and shipping.cancel-shipment. Each message is what arrives on
// shipping's commands queue: the envelope its kit checks on receipt and the payload the contract
// requires (the recipient's line2 and state are optional and orders sends them only when the customer
// gave them, so they are not asked for). Values that may be anything of their kind are matched by
// format, not by the example: an address shipping cannot ship to is an answer (shipment.failed), not
// a broken contract, so the address is matched by type. The example is then delivered as shipping's
// consumer delivers it (contract check, then handler and inbox row in one transaction of its own
// database), and the shipment is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { commands, events } from '@bazaar/contracts';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import {
  ContractValidator, payloadHandlers, runWithContext, withTransaction, type MessageHandler, type MessageKind, type Pool,
} from '@bazaar/platform';
import { createMessageHandlers } from '../src/events.js';
import { TRACKING_NUMBER } from '../src/shipments/tracking-number.js';
import { createCommand, settings, shipmentsOf, shippingWith } from './fixtures.js';
import { published, setUpDatabase, type TestDb } from './support.js';

const { eachLike, integer, regex, string } = MatchersV3;
const uuid = (example: string) => regex('^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', example);
const timestamp = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$', example);
const text = (example: string, max?: number) => regex(max ? `^.{1,${max}}$` : '^.+$', example);
const sku = (example: string) => regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', example);

/** The envelope as shipping's kit checks it: every field is required; type and version pick the contract. */
const envelope = (type: string, id: string, source: string, payload: Record<string, unknown>) => ({
  id: uuid(id),
  type,
  version: 1,
  source: text(source),
  occurredAt: timestamp('2026-03-14T10:00:00.000Z'),
  correlationId: text(id, 128),
  causationId: text(id, 128),
  traceparent: regex('^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'),
  payload,
});

const validator = new ContractValidator({ events, commands });

/**
 * What shipping's message consumer does with a delivery (MessageConsumer in the kit): parse it and
 * check it against the contracts, then run the handler and record the inbox row in one transaction,
 * in the message's context.
 */
async function receive(pool: Pool, kind: MessageKind, handlers: Record<string, MessageHandler>, content: unknown): Promise<void> {
  const delivered = validator.parse(Buffer.from(JSON.stringify(content)));
  assert.equal(validator.kindOf(delivered.type), kind, `${delivered.type} is one of the ${kind}`);
  const handler = handlers[delivered.type];
  assert.ok(handler, `shipping handles ${delivered.type}`);
  await withTransaction(pool, async (client) => {
    await client.query('INSERT INTO inbox (message_id, handler) VALUES ($1, $2)', [delivered.id, delivered.type]);
    const context = { correlationId: delivered.correlationId, causationId: delivered.id, traceparent: delivered.traceparent };
    await runWithContext(context, () => handler(delivered, client, { kind, attempt: 1, redelivered: false }));
  });
}

describe('shipping ← orders (message pact)', () => {
  let db: TestDb;
  const handlers = payloadHandlers(createMessageHandlers({ settings }).commandHandlers); // as main.ts registers them
  const pact = consumerPact({ consumer: 'shipping', provider: 'orders' });
  before(async () => { db = await setUpDatabase('shipping_pact_commands'); });
  after(() => db.close());

  test('shipping.create-shipment makes the order\'s shipment to the recipient, with a tracking number', async () => {
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a201';
    await pact
      .addAsynchronousInteraction()
      .given("the checkout's stock is reserved")
      .expectsToReceive('a shipping.create-shipment command', (message) => message.withJSONContent(envelope('shipping.create-shipment', '0195f0a4-1c2b-7d3e-8f40-00000000e401', 'orders', {
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
        await receive(db.pool, 'commands', handlers, message.contents.content);
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
    await shippingWith(db.pool).create(createCommand({ orderId }, { country: 'GB' }));
    assert.equal((await shipmentsOf(db.pool, orderId))[0]?.status, 'created');
    await pact
      .addAsynchronousInteraction()
      .given("the checkout's capture failed")
      .expectsToReceive('a shipping.cancel-shipment command', (message) => message.withJSONContent(envelope('shipping.cancel-shipment', '0195f0a4-1c2b-7d3e-8f40-00000000e402', 'orders', {
        orderId: uuid(orderId),
        reason: text('payment capture failed: capture_declined', 200),
      })))
      .executeTest(async (message) => {
        await receive(db.pool, 'commands', handlers, message.contents.content);
        assert.equal((await shipmentsOf(db.pool, orderId))[0]?.status, 'cancelled');
        assert.equal((await published(db.pool, orderId)).at(-1)?.type, 'shipment.cancelled');
      });
  });
});
