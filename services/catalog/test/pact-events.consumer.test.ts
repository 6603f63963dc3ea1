// What catalog relies on in inventory's events, recorded as a message pact (catalog ← inventory).
// The message is what arrives on catalog's queue: the envelope its kit checks on receipt, and the
// payload the stock.changed contract requires (catalog's handler reads sku, available, version and
// occurredAt of it; productId is optional in the contract and unread, so it is not asked for).
// Values that may be anything of their kind are matched by format, not by the example. The example
// is then delivered as catalog's consumer delivers it (contract check, then handler and inbox row in
// one transaction of its own database), and what a shopper sees of the product is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { commands, events } from '@bazaar/contracts';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import {
  ContractValidator, payloadHandlers, runWithContext, withTransaction, type MessageHandler, type MessageKind, type Pool,
} from '@bazaar/platform';
import { eventHandlers } from '../src/events.js';
import { addCategory, addProduct, startCatalog, type Harness } from './harness.js';

const { integer, regex } = MatchersV3;
const uuid = (example: string) => regex('^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', example);
const timestamp = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$', example);
const text = (example: string, max?: number) => regex(max ? `^.{1,${max}}$` : '^.+$', example);
const sku = (example: string) => regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', example);

/** The envelope as catalog's kit checks it: every field is required; type and version pick the contract. */
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
 * What catalog's message consumer does with a delivery (MessageConsumer in the kit): parse it and
 * check it against the contracts, then run the handler and record the inbox row in one transaction,
 * in the message's context.
 */
async function receive(pool: Pool, kind: MessageKind, handlers: Record<string, MessageHandler>, content: unknown): Promise<void> {
  const delivered = validator.parse(Buffer.from(JSON.stringify(content)));
  assert.equal(validator.kindOf(delivered.type), kind, `${delivered.type} is one of the ${kind}`);
  const handler = handlers[delivered.type];
  assert.ok(handler, `catalog handles ${delivered.type}`);
  await withTransaction(pool, async (client) => {
    await client.query('INSERT INTO inbox (message_id, handler) VALUES ($1, $2)', [delivered.id, delivered.type]);
    const context = { correlationId: delivered.correlationId, causationId: delivered.id, traceparent: delivered.traceparent };
    await runWithContext(context, () => handler(delivered, client, { kind, attempt: 1, redelivered: false }));
  });
}

describe('catalog ← inventory (message pact)', () => {
  let h: Harness;
  const handlers = payloadHandlers(eventHandlers); // as main.ts registers them
  const pact = consumerPact({ consumer: 'catalog', provider: 'inventory' });
  before(async () => { h = await startCatalog('pact_events'); });
  after(() => h.close());

  test('stock.changed becomes the product\'s availability as shoppers see it', async () => {
    const { id } = await addProduct(h, { categoryId: (await addCategory(h, 'lamps')).id, sku: 'LAMP-001' });
    await pact
      .addAsynchronousInteraction()
      .given("a product's SKU is stocked")
      .expectsToReceive('a stock.changed event', (message) => message.withJSONContent(envelope('stock.changed', '0195f0a4-1c2b-7d3e-8f40-00000000e101', 'inventory', {
        sku: sku('LAMP-001'),
        onHand: integer(9),
        reserved: integer(2),
        available: integer(7),
        version: integer(3),
        occurredAt: timestamp('2026-03-14T10:00:00.000Z'),
      })))
      .executeTest(async (message) => {
        await receive(h.pool, 'events', handlers, message.contents.content);
        const product = (await h.app.inject({ method: 'GET', url: `/products/${id}` })).json();
        assert.deepEqual([product.available, product.inStock], [7, true]);
      });
  });
});
