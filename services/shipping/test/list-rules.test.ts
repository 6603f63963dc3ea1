// GET /shipments refuses nothing its published schema allows, except for the reason the document
// states on the parameter: an `after` that names no shipment of this listing. Requests are drawn
// from the published query parameters themselves.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { startKeyServer } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { createCommand, shippingWith } from './fixtures.js';
import { PROPERTY_RUNS, publishedQuery, queryOf, type QueryParameter } from '@bazaar/platform/testing';
import { setUpDatabase, type TestDb } from './support.js';

describe('GET /shipments: every rule is in the published schema', () => {
  let db: TestDb;
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  let app: ServiceApp;
  let token: string;
  let parameters: QueryParameter[];
  const alice = randomUUID();
  /** Alice's shipments: their ids and their orders' ids. */
  const mine: { id: string; orderId: string }[] = [];
  /** Someone else's, which are in none of Alice's listings. */
  const others: { id: string; orderId: string }[] = [];

  before(async () => {
    db = await setUpDatabase('shipping_list_rules');
    keys = await startKeyServer();
    const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
    app = await buildApp({ pool: db.pool, auth, logger: createLogger('shipping', 'silent') });
    const shipping = shippingWith(db);
    for (const userId of [alice, alice, alice, randomUUID()]) await shipping.create(createCommand({ userId }));
    token = await keys.token(alice);
    const listed = await app.inject({ method: 'GET', url: '/shipments', headers: { authorization: `Bearer ${token}` } });
    mine.push(...(listed.json().items as { id: string; orderId: string }[]).map(({ id, orderId }) => ({ id, orderId })));
    const { rows } = await db.pool.query<{ id: string; order_id_ref: string }>('SELECT id, order_id_ref FROM shipments WHERE user_id_ref <> $1', [alice]);
    others.push(...rows.map((r) => ({ id: r.id, orderId: r.order_id_ref })));
    parameters = publishedQuery(app, 'GET', '/shipments');
  });
  after(async () => {
    await app.close();
    await keys.close();
    await db.close();
  });

  test('a request the schema allows is answered 200, or 400 for a reason the document states', async () => {
    const known = { orderId: [...mine, ...others].map((s) => s.orderId), after: [...mine, ...others].map((s) => s.id) };
    await fc.assert(fc.asyncProperty(queryOf(parameters, known), async (query) => {
      const response = await app.inject({ method: 'GET', url: `/shipments?${new URLSearchParams(query)}`, headers: { authorization: `Bearer ${token}` } });
      const inListing = mine.filter((s) => query.orderId === undefined || s.orderId === query.orderId.toLowerCase()).map((s) => s.id);
      if (query.after === undefined || inListing.includes(query.after.toLowerCase())) {
        assert.equal(response.statusCode, 200, response.body);
        return;
      }
      assert.equal(response.statusCode, 400, response.body);
      assert.deepEqual((response.json().errors as { field: string }[]).map((e) => e.field), ['querystring.after']);
      assert.match(parameters.find((p) => p.name === 'after')!.description, /400/, 'the document says when after is refused');
    }), PROPERTY_RUNS);
  });
});
