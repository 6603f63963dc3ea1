import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { assertHostileSafe, startTestDeadLetterQueue } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { checkoutBody, settings, startOrders, type Harness } from './support.js';

// orders as deployed (its dead-letter and outbox routes, the dead letters on a real broker queue, the
// operators' saga routes), with products in the stand-in catalog and two orders of the customer's,
// so generated requests reach real rows and the checkout.
let h: Harness;
let app: ServiceApp;
let dlq: Awaited<ReturnType<typeof startTestDeadLetterQueue>>;
const customerId = randomUUID();
const known: Record<string, string[]> = {};

before(async () => {
  h = await startOrders('hostile');
  dlq = await startTestDeadLetterQueue('orders');
  const verifier = createJwtVerifier({ jwksUrl: h.issuer.jwksUrl });
  app = await buildApp({
    pool: h.pool, logger: createLogger('orders', 'silent'), verifier, catalog: h.catalogClient, settings, now: () => h.clock.now,
    publish: h.db.publish, deadLetters: dlq.deadLetters,
  });
  const products = [h.catalog.add().id, h.catalog.add({ priceMinor: 12_500 }).id];
  // Two orders: a page of one has a next page, and so a real cursor to craft others from.
  const ids: string[] = [];
  for (const items of [products, products.slice(1)]) {
    const placed = await app.inject({
      method: 'POST', url: '/orders', payload: checkoutBody(items),
      headers: { authorization: `Bearer ${await h.token(customerId)}`, 'idempotency-key': randomUUID() },
    });
    if (placed.statusCode !== 202) throw new Error(`order: ${placed.statusCode} ${placed.body}`);
    ids.push(placed.json().id);
  }
  // orderId: the operators' saga routes (GET /admin/sagas/:orderId), reaching real sagas and their step logs.
  Object.assign(known, { id: ids, orderId: ids, productId: products, paymentMethodId: [checkoutBody([]).paymentMethodId], country: ['GB'], currency: ['EUR'] });
});
after(async () => {
  await app.close();
  await dlq.close();
  await h.close();
});

test('orders: every route answers hostile requests with a 2xx or a problem+json 4xx, never a 5xx', async () => {
  const auth = {
    user: { authorization: `Bearer ${await h.token(customerId)}` },
    admin: { authorization: `Bearer ${await h.token(randomUUID(), ['customer', 'admin'])}` },
  };
  await assertHostileSafe(app, { auth, known });
});
