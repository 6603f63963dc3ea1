// What inventory relies on in catalog's events, recorded as a message pact (inventory ← catalog).
// Each message is what arrives on inventory's queue: the envelope its kit checks on receipt, and the
// payload the product.created contract requires (inventory's handler reads productId and sku of it).
// Values that may be anything of their kind are matched by format, not by the example. The example
// is then delivered as inventory's consumer delivers it (contract check, then handler and inbox row
// in one transaction of its own database), and its effect is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { commands, events } from '@bazaar/contracts';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import {
  ContractValidator, payloadHandlers, runWithContext, withTransaction, type MessageHandler, type MessageKind, type Pool,
} from '@bazaar/platform';
import { findStockItem } from '../src/stock/stock.store.js';
import { startInventory, type Harness } from './harness.js';

const { integer, regex } = MatchersV3;
const uuid = (example: string) => regex('^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', example);
const timestamp = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$', example);
const text = (example: string, max?: number) => regex(max ? `^.{1,${max}}$` : '^.+$', example);
const sku = (example: string) => regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', example);

/** The envelope as inventory's kit checks it: every field is required; type and version pick the contract. */
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
 * What inventory's message consumer does with a delivery (MessageConsumer in the kit): parse it and
 * check it against the contracts, then run the handler and record the inbox row in one transaction,
 * in the message's context.
 */
async function receive(pool: Pool, kind: MessageKind, handlers: Record<string, MessageHandler>, content: unknown): Promise<void> {
  const delivered = validator.parse(Buffer.from(JSON.stringify(content)));
  assert.equal(validator.kindOf(delivered.type), kind, `${delivered.type} is one of the ${kind}`);
  const handler = handlers[delivered.type];
  assert.ok(handler, `inventory handles ${delivered.type}`);
  await withTransaction(pool, async (client) => {
    await client.query('INSERT INTO inbox (message_id, handler) VALUES ($1, $2)', [delivered.id, delivered.type]);
    const context = { correlationId: delivered.correlationId, causationId: delivered.id, traceparent: delivered.traceparent };
    await runWithContext(context, () => handler(delivered, client, { kind, attempt: 1, redelivered: false }));
  });
}

const PRODUCT_ID = '0195f0a4-1c2b-7d3e-8f40-00000000c001';

describe('inventory ← catalog (message pact)', () => {
  let h: Harness;
  let eventHandlers: Record<string, MessageHandler>;
  const pact = consumerPact({ consumer: 'inventory', provider: 'catalog' });
  before(async () => {
    h = await startInventory('pact_events');
    eventHandlers = payloadHandlers(h.handlers.eventHandlers); // as main.ts registers them
  });
  after(() => h.close());

  test('product.created opens a stock item for the new product\'s SKU, with nothing on hand', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a product is added to the catalog')
      .expectsToReceive('a product.created event', (message) => message.withJSONContent(envelope('product.created', '0195f0a4-1c2b-7d3e-8f40-00000000e001', 'catalog', {
        productId: uuid(PRODUCT_ID),
        sku: sku('LAMP-001'),
        name: text('Walnut desk lamp'),
        priceMinor: integer(4900),
        currency: regex('^[A-Z]{3}$', 'EUR'),
        categoryId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000ca01'),
        createdAt: timestamp('2026-03-14T09:59:59.000Z'),
      })))
      .executeTest(async (message) => {
        await receive(h.pool, 'events', eventHandlers, message.contents.content);
        const item = await findStockItem(h.pool, 'LAMP-001');
        assert.ok(item, 'a stock item exists for the SKU');
        assert.deepEqual([item.productId, item.onHand, item.reserved, item.available], [PRODUCT_ID, 0, 0, 0]);
        assert.deepEqual((await h.published('stock.changed')).map((e) => e.payload.sku), ['LAMP-001'], 'and inventory announces it');
      });
  });
});
