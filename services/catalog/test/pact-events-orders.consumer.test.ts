// What catalog relies on in orders' events, recorded as a message pact (catalog ← orders). Catalog
// reads orderId and userId of each, and the items' productId of order.placed, to mark reviews of a
// verified purchase; the other fields the contracts require are in the examples, matched by type,
// because catalog's kit checks every message against its contract. Each example is delivered as
// catalog's consumer delivers it (with, where the event alone shows nothing, the other events of the
// same order built here), and the mark a reader of the reviews sees is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { consumerPact, messageEnvelope, MatchersV3, text, timestamp, uuid } from '@bazaar/contract-testing';
import { createEnvelope } from '@bazaar/platform';
import { addCategory, addProduct, bearer, receive, startCatalog, type Harness } from './harness.js';

const { eachLike, integer, regex } = MatchersV3;

// The product every example order holds: catalog's id of a product made in `before`.
const PRODUCT_ID = '0195f0a4-1c2b-7d3e-8f40-0000000000f1';
const ids = (n: number) => ({
  messageId: `0195f0a4-1c2b-7d3e-8f40-00000000e3${n}0`,
  orderId: `0195f0a4-1c2b-7d3e-8f40-0000000000${n}0`,
  userId: `0195f0a4-1c2b-7d3e-8f40-0000000000${n}a`,
});
const PLACED = ids(1);
const CONFIRMED = ids(2);
const CANCELLED = ids(3);
const REJECTED = ids(4);

/** What every order event carries: who the order is (orderNumber and amounts are not read). */
const orderRef = (o: { orderId: string; userId: string }) => ({
  orderId: uuid(o.orderId), orderNumber: text('BZ-260314-7KQ2M', 40), userId: uuid(o.userId),
});
const envelope = (type: string, o: { messageId: string }, payload: Record<string, unknown>) =>
  messageEnvelope({ type, id: o.messageId, source: 'orders', correlationId: o.messageId, causationId: o.messageId, payload });
const money = { totalMinor: integer(4900), currency: regex('^[A-Z]{3}$', 'EUR') };

/** The events of an order as orders would send them, for the steps the example under test is not. */
const plain = {
  placed: (o: { orderId: string; userId: string }) => createEnvelope('orders', 'order.placed', 1, {
    orderId: o.orderId, orderNumber: 'BZ-260314-7KQ2M', userId: o.userId, totalMinor: 4900, currency: 'EUR',
    items: [{ productId: PRODUCT_ID, sku: 'LAMP-001', quantity: 1, unitPriceMinor: 4900 }], placedAt: '2026-03-14T10:00:00.000Z',
  }),
  confirmed: (o: { orderId: string; userId: string }) => createEnvelope('orders', 'order.confirmed', 1, {
    orderId: o.orderId, orderNumber: 'BZ-260314-7KQ2M', userId: o.userId, totalMinor: 4900, currency: 'EUR', confirmedAt: '2026-03-14T10:05:00.000Z',
  }),
};

describe('catalog ← orders (message pact)', () => {
  let h: Harness;
  const pact = consumerPact({ consumer: 'catalog', provider: 'orders' });
  before(async () => {
    h = await startCatalog('pact_events_orders');
    const { id } = await addProduct(h, { categoryId: (await addCategory(h, 'lamps')).id, sku: 'LAMP-001' });
    // The examples name a fixed product id (a recorded pact is the same on every run): the product gets it.
    await h.pool.query('UPDATE products SET id = $1 WHERE id = $2', [PRODUCT_ID, id]);
  });
  after(() => h.close());

  /** The buyer reviews the product; the mark on their review as anyone reading the reviews sees it. */
  const reviewMark = async (userId: string) => {
    const written = await h.app.inject({ method: 'POST', url: `/products/${PRODUCT_ID}/reviews`, headers: bearer(await h.identity.token({ userId })), payload: { rating: 5 } });
    assert.equal(written.statusCode, 201, written.body);
    return markOf(written.json().id);
  };
  const markOf = async (reviewId: string) => {
    const reviews = (await h.app.inject({ method: 'GET', url: `/products/${PRODUCT_ID}/reviews?limit=100` })).json();
    return (reviews.items as { id: string; verifiedPurchase: boolean }[]).find((r) => r.id === reviewId)?.verifiedPurchase;
  };

  test('order.placed records what the buyer ordered', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('an order is placed')
      .expectsToReceive('an order.placed event', (message) => message.withJSONContent(envelope('order.placed', PLACED, {
        ...orderRef(PLACED), ...money,
        items: eachLike({ productId: uuid(PRODUCT_ID), sku: regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', 'LAMP-001'), quantity: integer(1), unitPriceMinor: integer(4900) }),
        placedAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await receive(h, message.contents.content);
        await receive(h, plain.confirmed(PLACED));
        assert.equal(await reviewMark(PLACED.userId), true);
      });
  });

  test('order.confirmed makes the buyer\'s review of what they ordered a verified purchase', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('an order is confirmed')
      .expectsToReceive('an order.confirmed event', (message) => message.withJSONContent(envelope('order.confirmed', CONFIRMED, {
        ...orderRef(CONFIRMED), ...money, confirmedAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await receive(h, plain.placed(CONFIRMED));
        await receive(h, message.contents.content);
        assert.equal(await reviewMark(CONFIRMED.userId), true);
      });
  });

  test('order.cancelled takes the mark away', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a confirmed order is cancelled')
      .expectsToReceive('an order.cancelled event', (message) => message.withJSONContent(envelope('order.cancelled', CANCELLED, {
        ...orderRef(CANCELLED), reason: text('cancelled by the customer', 200), cancelledAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await receive(h, plain.placed(CANCELLED));
        await receive(h, plain.confirmed(CANCELLED));
        const written = await h.app.inject({ method: 'POST', url: `/products/${PRODUCT_ID}/reviews`, headers: bearer(await h.identity.token({ userId: CANCELLED.userId })), payload: { rating: 5 } });
        assert.equal(await markOf(written.json().id), true);
        await receive(h, message.contents.content);
        assert.equal(await markOf(written.json().id), false);
      });
  });

  test('order.rejected is no purchase, whatever arrives after it', async () => {
    await pact
      .addAsynchronousInteraction()
      .given("an order's payment is declined")
      .expectsToReceive('an order.rejected event', (message) => message.withJSONContent(envelope('order.rejected', REJECTED, {
        ...orderRef(REJECTED), reason: text('payment declined', 200), rejectedAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await receive(h, plain.placed(REJECTED));
        await receive(h, message.contents.content);
        // Only a message catalog took as the end of the order keeps a (stray) confirmation from marking it.
        await receive(h, plain.confirmed(REJECTED));
        assert.equal(await reviewMark(REJECTED.userId), false);
      });
  });
});
