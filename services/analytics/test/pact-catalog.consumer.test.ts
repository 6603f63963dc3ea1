// What analytics relies on in catalog's events, recorded as a message pact (analytics ← catalog):
// product.updated at the version analytics receives (RECEIVES: version 2, the price as one value and
// the category). The example is delivered as analytics' consumer delivers it (checked against the
// contracts, then folded into the warehouse through its inbox) and the product's row is asserted.
// Beside the pact: raw events of version 1, received before analytics moved, still fold.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { consumerPact, messageEnvelope, MatchersV3, text, timestamp, uuid } from '@bazaar/contract-testing';
import { checkMessage, ContractValidator, createEnvelope, type DeliveryInfo, type Envelope } from '@bazaar/platform';
import { createEventHandlers, RECEIVES } from '../src/ingest/handlers.js';
import { WarehouseInbox } from '../src/ingest/inbox.js';
import { rebuild } from '../src/ingest/rebuild.js';
import { Warehouse } from '../src/warehouse/warehouse.js';

const { integer, regex } = MatchersV3;
const sku = (example: string) => regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', example);

const MESSAGE_ID = '0195f0a4-1c2b-7d3e-8f40-00000000e201';
const PRODUCT_ID = '0195f0a4-1c2b-7d3e-8f40-00000000c201';
const GARDEN = '0195f0a4-1c2b-7d3e-8f40-00000000ca02';
const BOOKS = '0195f0a4-1c2b-7d3e-8f40-00000000ca03';

interface ProductRow { sku: string; name: string; category_id: string; price_minor: number; currency: string; version: number }

describe('analytics ← catalog (message pact)', () => {
  let warehouse: Warehouse;
  let inbox: WarehouseInbox;
  const validator = new ContractValidator(contracts);
  const handlers = createEventHandlers();
  const delivery: DeliveryInfo = { kind: 'events', attempt: 1, redelivered: false };
  const pact = consumerPact({ consumer: 'analytics', provider: 'catalog' });

  before(async () => {
    warehouse = await Warehouse.open(':memory:');
    inbox = new WarehouseInbox(warehouse, { lingerMs: 1 });
  });
  after(() => warehouse.close());

  /** As the consumer takes a message off its queue: the contract check, then the inbox folds it. */
  const receive = async (body: unknown) => {
    const envelope = checkMessage(validator, 'events', Buffer.from(JSON.stringify(body)));
    await inbox.apply(envelope, handlers[envelope.type]!, delivery);
  };
  const productRow = async (productId: string) =>
    (await warehouse.all<ProductRow>('SELECT sku, name, category_id::VARCHAR AS category_id, price_minor::INTEGER AS price_minor, currency, version::INTEGER AS version FROM dim_products WHERE product_id = $1::UUID', [productId]))[0];

  test('product.updated (the version analytics receives): the product\'s name, price, currency and category follow', async () => {
    assert.equal(RECEIVES['product.updated'], 2);
    await pact
      .addAsynchronousInteraction()
      .given('a product exists')
      .expectsToReceive('a product.updated event (v2)', (message) => message.withJSONContent(messageEnvelope({
        type: 'product.updated',
        version: RECEIVES['product.updated'],
        id: MESSAGE_ID,
        source: 'catalog',
        correlationId: MESSAGE_ID,
        causationId: MESSAGE_ID,
        payload: {
          productId: uuid(PRODUCT_ID),
          sku: sku('ATLAS-001'),
          name: text('Garden atlas'),
          price: { amountMinor: integer(3900), currency: regex('^[A-Z]{3}$', 'EUR') },
          categoryId: uuid(GARDEN),
          updatedAt: timestamp('2026-03-14T10:00:00.000Z'),
          version: integer(2),
        },
      })))
      .executeTest(async (message) => {
        await receive(createEnvelope('catalog', 'product.created', 1, {
          productId: PRODUCT_ID, sku: 'ATLAS-001', name: 'World atlas', priceMinor: 2900, currency: 'EUR', categoryId: BOOKS, createdAt: '2026-03-14T09:00:00.000Z',
        }));
        await receive(message.contents.content);
        assert.deepEqual(await productRow(PRODUCT_ID), { sku: 'ATLAS-001', name: 'Garden atlas', category_id: GARDEN, price_minor: 3900, currency: 'EUR', version: 2 });
      });
  });

  test('raw events of version 1, received before the move, fold beside version 2, in any order, and a rebuild agrees', async () => {
    const productId = randomUUID();
    const created = createEnvelope('catalog', 'product.created', 1, {
      productId, sku: 'RUG-007', name: 'Wool rug', priceMinor: 12000, currency: 'EUR', categoryId: BOOKS, createdAt: '2026-03-14T09:00:00.000Z',
    });
    const v1 = (version: number, priceMinor: number): Envelope => createEnvelope('catalog', 'product.updated', 1, {
      productId, sku: 'RUG-007', name: `Wool rug ${version}`, priceMinor, currency: 'EUR', updatedAt: '2026-03-14T09:30:00.000Z', version,
    });
    const v2 = (version: number, amountMinor: number, currency: string): Envelope => createEnvelope('catalog', 'product.updated', 2, {
      productId, sku: 'RUG-007', name: `Wool rug ${version}`, price: { amountMinor, currency }, categoryId: GARDEN, updatedAt: '2026-03-14T10:00:00.000Z', version,
    });
    // The newest (v2 at version 4) first, then older ones of both shapes: none of them wins over it.
    for (const e of [v2(4, 9900, 'GBP'), v1(2, 11000), created, v1(3, 10500)]) await receive(e);
    const expected = { sku: 'RUG-007', name: 'Wool rug 4', category_id: GARDEN, price_minor: 9900, currency: 'GBP', version: 4 };
    assert.deepEqual(await productRow(productId), expected);

    // Only version 1 so far (another product): its price and currency are read from the two fields.
    const old = randomUUID();
    await receive(createEnvelope('catalog', 'product.updated', 1, {
      productId: old, sku: 'LAMP-009', name: 'Brass lamp', priceMinor: 4500, currency: 'USD', updatedAt: '2026-03-14T09:30:00.000Z', version: 3,
    }));
    assert.deepEqual(await productRow(old), { sku: 'LAMP-009', name: 'Brass lamp', category_id: null, price_minor: 4500, currency: 'USD', version: 3 });

    await rebuild(warehouse);
    assert.deepEqual(await productRow(productId), expected);
  });
});
