import { after, before, test } from 'node:test';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { assertHostileSafe, startTestDeadLetterQueue } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { addCategory, addProduct, bearer, startCatalog, type Harness } from './harness.js';

// catalog as deployed (its dead-letter routes on a real broker queue), with a category, three products
// and two reviews in its database, so generated requests reach real rows and the cursors' SQL.
let h: Harness;
let app: ServiceApp;
let dlq: Awaited<ReturnType<typeof startTestDeadLetterQueue>>;
const known: Record<string, string[]> = {};

before(async () => {
  h = await startCatalog('hostile');
  dlq = await startTestDeadLetterQueue('catalog');
  const verifier = createJwtVerifier({ jwksUrl: h.identity.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  app = await buildApp({ pool: h.pool, logger: createLogger('catalog', 'silent'), verifier, publish: h.publish, deadLetters: dlq.deadLetters });
  const category = await addCategory(h, 'lamps');
  // Pages of one item have a next page, and so a real cursor of each sort to craft others from.
  const product = await addProduct(h, { categoryId: category.id, name: 'Walnut desk lamp' });
  await addProduct(h, { categoryId: category.id, name: 'Brass floor lamp', priceMinor: 12_900 });
  await addProduct(h, { categoryId: category.id, name: 'Paper lamp shade', priceMinor: 1_900 });
  for (const [rating, comment] of [[4, 'Warm light'], [2, 'Wobbly base']] as const) {
    const review = await h.app.inject({ method: 'POST', url: `/products/${product.id}/reviews`, headers: bearer(await h.identity.token()), payload: { rating, comment } });
    if (review.statusCode !== 201) throw new Error(`review: ${review.statusCode} ${review.body}`);
  }
  Object.assign(known, { id: [product.id], productId: [product.id], slug: [category.slug], categoryId: [category.id], category: [category.slug], q: ['lamp'], currency: ['EUR'] });
});
after(async () => {
  await app.close();
  await dlq.close();
  await h.close();
});

test('catalog: every route answers hostile requests with a 2xx or a problem+json 4xx, never a 5xx', async () => {
  await assertHostileSafe(app, { auth: { user: h.customer, admin: h.admin }, known });
});
