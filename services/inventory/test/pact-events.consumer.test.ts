// What inventory relies on in catalog's events, recorded as a message pact (inventory ← catalog).
// Each message is what arrives on inventory's queue: the envelope its kit checks on receipt, and the
// payload the product.created contract requires (inventory's handler reads productId and sku of it),
// and product.updated at version 1, the version inventory's queue receives (it reads productId, sku,
// name and version, which version 2 carries too: inventory may move whenever it likes).
// Values that may be anything of their kind are matched by format, not by the example. The example
// is then delivered as inventory's consumer delivers it (contract check, then handler and inbox row
// in one transaction of its own database), and its effect is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { consumerPact, messageEnvelope, MatchersV3, text, timestamp, uuid } from '@bazaar/contract-testing';
import { findStockItem } from '../src/stock/stock.store.js';
import { receive, startInventory, type Harness } from './harness.js';

const { integer, regex } = MatchersV3;
const sku = (example: string) => regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', example);

const MESSAGE_ID = '0195f0a4-1c2b-7d3e-8f40-00000000e001';
const PRODUCT_ID = '0195f0a4-1c2b-7d3e-8f40-00000000c001';
const UPDATE_ID = '0195f0a4-1c2b-7d3e-8f40-00000000e002';
const RENAMED_ID = '0195f0a4-1c2b-7d3e-8f40-00000000c002';

describe('inventory ← catalog (message pact)', () => {
  let h: Harness;
  const pact = consumerPact({ consumer: 'inventory', provider: 'catalog' });
  before(async () => { h = await startInventory('pact_events'); });
  after(() => h.close());

  test('product.created opens a stock item for the new product\'s SKU, with nothing on hand', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a product is added to the catalog')
      .expectsToReceive('a product.created event', (message) => message.withJSONContent(messageEnvelope({
        type: 'product.created',
        id: MESSAGE_ID,
        source: 'catalog',
        correlationId: MESSAGE_ID,
        causationId: MESSAGE_ID,
        payload: {
          productId: uuid(PRODUCT_ID),
          sku: sku('LAMP-001'),
          name: text('Walnut desk lamp'),
          priceMinor: integer(4900),
          currency: regex('^[A-Z]{3}$', 'EUR'),
          categoryId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000ca01'),
          createdAt: timestamp('2026-03-14T09:59:59.000Z'),
        },
      })))
      .executeTest(async (message) => {
        await receive(h, 'events', message.contents.content);
        const item = await findStockItem(h.pool, 'LAMP-001');
        assert.ok(item, 'a stock item exists for the SKU');
        assert.deepEqual([item.productId, item.onHand, item.reserved, item.available], [PRODUCT_ID, 0, 0, 0]);
        assert.deepEqual((await h.published('stock.changed')).map((e) => e.payload.sku), ['LAMP-001'], 'and inventory announces it');
      });
  });

  test('product.updated (v1): the stock item carries the product\'s new name', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a product exists')
      .expectsToReceive('a product.updated event', (message) => message.withJSONContent(messageEnvelope({
        type: 'product.updated',
        version: 1,
        id: UPDATE_ID,
        source: 'catalog',
        correlationId: UPDATE_ID,
        causationId: UPDATE_ID,
        payload: {
          productId: uuid(RENAMED_ID),
          sku: sku('ATLAS-001'),
          name: text('Garden atlas'),
          priceMinor: integer(3900),
          currency: regex('^[A-Z]{3}$', 'EUR'),
          updatedAt: timestamp('2026-03-14T10:00:00.000Z'),
          version: integer(2),
        },
      })))
      .executeTest(async (message) => {
        await receive(h, 'events', message.contents.content);
        const item = await findStockItem(h.pool, 'ATLAS-001');
        assert.ok(item, 'a stock item exists for the SKU');
        assert.deepEqual([item.productId, item.productName], [RENAMED_ID, 'Garden atlas']);
      });
  });
});
