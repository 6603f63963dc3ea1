// Whether a review is of a verified purchase: read from catalog's copy of purchases, kept from orders'
// order.placed, order.confirmed, order.cancelled and order.rejected, delivered as catalog's consumer
// delivers them. Reviews are marked, never refused, and the mark is computed when reviews are read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@bazaar/platform';
import { addCategory, addProduct, bearer, receive, startCatalog, type Harness } from './harness.js';

interface Order { orderId: string; userId: string; productIds: string[] }

const ref = (order: Order) => ({ orderId: order.orderId, orderNumber: 'BZ-260314-7KQ2M', userId: order.userId });
const AT = '2026-03-14T10:00:00.000Z';
const events = {
  placed: (o: Order) => createEnvelope('orders', 'order.placed', 1, {
    ...ref(o), totalMinor: 4900 * o.productIds.length, currency: 'EUR', placedAt: AT,
    items: o.productIds.map((productId, i) => ({ productId, sku: `LAMP-00${i + 1}`, quantity: 1, unitPriceMinor: 4900 })),
  }),
  confirmed: (o: Order) => createEnvelope('orders', 'order.confirmed', 1, { ...ref(o), totalMinor: 4900, currency: 'EUR', confirmedAt: AT }),
  cancelled: (o: Order) => createEnvelope('orders', 'order.cancelled', 1, { ...ref(o), reason: 'customer request', cancelledAt: AT }),
  rejected: (o: Order) => createEnvelope('orders', 'order.rejected', 1, { ...ref(o), reason: 'card declined', rejectedAt: AT }),
};
type Step = keyof typeof events;

describe('reviews marked as verified purchases', async () => {
  let h: Harness;
  let categoryId: string;
  before(async () => {
    h = await startCatalog('review_purchases');
    categoryId = (await addCategory(h, 'kitchen')).id;
  });
  after(() => h.close());

  const deliver = async (order: Order, ...steps: Step[]) => {
    for (const step of steps) await receive(h, events[step](order));
  };
  const review = async (productId: string, userId: string) => {
    const response = await h.app.inject({
      method: 'POST', url: `/products/${productId}/reviews`, headers: bearer(await h.identity.token({ userId })), payload: { rating: 5 },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as { verifiedPurchase: boolean };
  };
  /** The mark on each of the product's reviews, newest first. */
  const marks = async (productId: string) => {
    const response = await h.app.inject({ method: 'GET', url: `/products/${productId}/reviews` });
    assert.equal(response.statusCode, 200, response.body);
    return (response.json().items as { verifiedPurchase: boolean }[]).map((r) => r.verifiedPurchase);
  };
  /** A product, a buyer and their order of it; `others` are further products in the same order. */
  const setUp = async (others = 0) => {
    const productIds = [];
    for (let i = 0; i <= others; i++) productIds.push((await addProduct(h, { categoryId })).id);
    return { productId: productIds[0]!, order: { orderId: randomUUID(), userId: randomUUID(), productIds } };
  };

  test('a review of a product never bought is not a verified purchase; it is still accepted', async () => {
    const { productId } = await setUp();
    assert.equal((await review(productId, randomUUID())).verifiedPurchase, false);
    assert.deepEqual(await marks(productId), [false]);
  });

  test('placed and then confirmed makes the buyer\'s review verified, for every product of the order', async () => {
    const { productId, order } = await setUp(1);
    await deliver(order, 'placed', 'confirmed');
    assert.equal((await review(productId, order.userId)).verifiedPurchase, true);
    await review(order.productIds[1]!, order.userId);
    assert.deepEqual(await marks(order.productIds[1]!), [true]);
  });

  test('an order placed but not yet confirmed is not a verified purchase', async () => {
    const { productId, order } = await setUp();
    await deliver(order, 'placed');
    assert.equal((await review(productId, order.userId)).verifiedPurchase, false);
  });

  test('a review written before the order is confirmed becomes verified when it is', async () => {
    const { productId, order } = await setUp();
    await deliver(order, 'placed');
    await review(productId, order.userId);
    assert.deepEqual(await marks(productId), [false]);
    await deliver(order, 'confirmed');
    assert.deepEqual(await marks(productId), [true]);
  });

  test('a cancelled order is no purchase, even after it was confirmed', async () => {
    const { productId, order } = await setUp();
    await deliver(order, 'placed', 'confirmed');
    await review(productId, order.userId);
    assert.deepEqual(await marks(productId), [true]);
    await deliver(order, 'cancelled');
    assert.deepEqual(await marks(productId), [false]);
  });

  test('a rejected order is no purchase', async () => {
    const { productId, order } = await setUp();
    await deliver(order, 'placed', 'rejected');
    assert.equal((await review(productId, order.userId)).verifiedPurchase, false);
  });

  test('a confirmation that arrives before its order.placed is kept and completed when placed arrives', async () => {
    const { productId, order } = await setUp();
    await deliver(order, 'confirmed');
    await review(productId, order.userId);
    assert.deepEqual(await marks(productId), [false], 'until placed, catalog does not know what was bought');
    await deliver(order, 'placed');
    assert.deepEqual(await marks(productId), [true]);
  });

  test('late events never bring a cancelled order back', async () => {
    const { productId, order } = await setUp();
    await deliver(order, 'cancelled', 'confirmed', 'placed');
    assert.equal((await review(productId, order.userId)).verifiedPurchase, false);
    const other = await setUp();
    await deliver(other.order, 'placed', 'cancelled', 'confirmed');
    assert.equal((await review(other.productId, other.order.userId)).verifiedPurchase, false);
  });

  test('only the buyer\'s review of a product in the order is verified', async () => {
    const { productId, order } = await setUp();
    const notInOrder = (await addProduct(h, { categoryId })).id;
    await deliver(order, 'placed', 'confirmed');
    await review(productId, randomUUID());
    await review(notInOrder, order.userId);
    assert.deepEqual(await marks(productId), [false], 'someone else reviewing the product');
    assert.deepEqual(await marks(notInOrder), [false], 'the buyer reviewing a product they did not order');
  });

  test('another verified order of the product keeps the review verified when one is cancelled', async () => {
    const { productId, order } = await setUp();
    const second = { ...order, orderId: randomUUID() };
    await deliver(order, 'placed', 'confirmed');
    await deliver(second, 'placed', 'confirmed');
    await review(productId, order.userId);
    await deliver(second, 'cancelled');
    assert.deepEqual(await marks(productId), [true]);
  });

  test('the same event delivered twice is applied once (the inbox takes the repeat)', async () => {
    const { productId, order } = await setUp();
    const placed = events.placed(order);
    await receive(h, placed);
    await deliver(order, 'confirmed');
    await assert.rejects(receive(h, placed), /taken for a redelivery/);
    assert.equal((await review(productId, order.userId)).verifiedPurchase, true);
  });
});
