// What catalog relies on in inventory's events, recorded as a message pact (catalog ← inventory).
// The message is what arrives on catalog's queue: the envelope its kit checks on receipt, and the
// payload the stock.changed contract requires (catalog's handler reads sku, available, version and
// occurredAt of it; productId is optional in the contract and unread, so it is not asked for).
// Values that may be anything of their kind are matched by format, not by the example. The example
// is then delivered as catalog's consumer delivers it (contract check, then handler and inbox row in
// one transaction of its own database), and what a shopper sees of the product is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { consumerPact, messageEnvelope, MatchersV3, timestamp } from '@bazaar/contract-testing';
import { addCategory, addProduct, receive, startCatalog, type Harness } from './harness.js';

const { integer, regex } = MatchersV3;
const sku = (example: string) => regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', example);

const MESSAGE_ID = '0195f0a4-1c2b-7d3e-8f40-00000000e101';

describe('catalog ← inventory (message pact)', () => {
  let h: Harness;
  const pact = consumerPact({ consumer: 'catalog', provider: 'inventory' });
  before(async () => { h = await startCatalog('pact_events'); });
  after(() => h.close());

  test('stock.changed becomes the product\'s availability as shoppers see it', async () => {
    const { id } = await addProduct(h, { categoryId: (await addCategory(h, 'lamps')).id, sku: 'LAMP-001' });
    await pact
      .addAsynchronousInteraction()
      .given("a product's SKU is stocked")
      .expectsToReceive('a stock.changed event', (message) => message.withJSONContent(messageEnvelope({
        type: 'stock.changed',
        id: MESSAGE_ID,
        source: 'inventory',
        correlationId: MESSAGE_ID,
        causationId: MESSAGE_ID,
        payload: {
          sku: sku('LAMP-001'),
          onHand: integer(9),
          reserved: integer(2),
          available: integer(7),
          version: integer(3),
          occurredAt: timestamp('2026-03-14T10:00:00.000Z'),
        },
      })))
      .executeTest(async (message) => {
        await receive(h, message.contents.content);
        const product = (await h.app.inject({ method: 'GET', url: `/products/${id}` })).json();
        assert.deepEqual([product.available, product.inStock], [7, true]);
      });
  });
});
