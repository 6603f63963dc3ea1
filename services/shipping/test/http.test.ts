import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { buildApp } from '../src/app.js';
import { createCommand, shippingWith } from './fixtures.js';
import { published, startKeyServer } from '@bazaar/platform/testing';
import { setUpDatabase, type TestDb } from './support.js';

describe('shipping HTTP API', () => {
  let db: TestDb;
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  let app: ServiceApp;
  const alice = randomUUID();
  const bob = randomUUID();
  const admin = randomUUID();
  const aliceShipments: { orderId: string; tracking: string }[] = [];

  before(async () => {
    db = await setUpDatabase('shipping_http');
    keys = await startKeyServer();
    const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
    app = await buildApp({ pool: db.pool, auth, logger: createLogger('shipping', 'silent') });
    const shipping = shippingWith(db);
    for (let i = 0; i < 3; i++) {
      const command = createCommand({ userId: alice });
      await shipping.create(command);
      const [reply] = await published(db.pool, command.orderId);
      aliceShipments.push({ orderId: command.orderId, tracking: reply!.payload.trackingNumber as string });
    }
  });
  after(async () => {
    await app.close();
    await keys.close();
    await db.close();
  });

  const get = async (url: string, userId?: string, roles?: string[]) =>
    app.inject({ method: 'GET', url, headers: userId ? { authorization: `Bearer ${await keys.token(userId, roles)}` } : {} });

  test('the owner tracks a shipment by its tracking number, typed in any case', async () => {
    const { tracking, orderId } = aliceShipments[0]!;
    const response = await get(`/shipments/${tracking.toLowerCase()}`, alice);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.shipment.trackingNumber, tracking);
    assert.equal(body.shipment.orderId, orderId);
    assert.equal(body.shipment.recipient.country, 'NL');
    assert.deepEqual(body.shipment.items, [{ sku: 'BZR-0001', quantity: 2 }, { sku: 'BZR-0002', quantity: 1 }]);
    assert.deepEqual(body.deliveryAttempts, []);
  });

  test('someone else\'s shipment is not found; an admin may see it', async () => {
    const { tracking } = aliceShipments[0]!;
    const asBob = await get(`/shipments/${tracking}`, bob);
    assert.equal(asBob.statusCode, 404);
    assert.equal(asBob.json().code, 'not_found');
    assert.equal((await get(`/shipments/${tracking}`, admin, ['customer', 'admin'])).statusCode, 200);
    assert.equal((await get('/shipments/BZ2222222222', alice)).statusCode, 404);
    assert.equal((await get('/shipments/whatever', alice)).statusCode, 404);
  });

  test('by order: the owner and admins see it, others get an empty list', async () => {
    const { orderId, tracking } = aliceShipments[1]!;
    const own = (await get(`/shipments?orderId=${orderId}`, alice)).json();
    assert.deepEqual(own.items.map((s: { trackingNumber: string }) => s.trackingNumber), [tracking]);
    assert.deepEqual((await get(`/shipments?orderId=${orderId}`, bob)).json().items, []);
    assert.equal((await get(`/shipments?orderId=${orderId}`, admin, ['customer', 'admin'])).json().items.length, 1);
  });

  test('lists the caller\'s shipments newest first, a page at a time', async () => {
    const first = (await get('/shipments?limit=2', alice)).json();
    assert.deepEqual(first.items.map((s: { orderId: string }) => s.orderId), [aliceShipments[2]!.orderId, aliceShipments[1]!.orderId]);
    const second = (await get(`/shipments?limit=2&after=${first.next}`, alice)).json();
    assert.deepEqual(second.items.map((s: { orderId: string }) => s.orderId), [aliceShipments[0]!.orderId]);
    assert.equal(second.next, undefined);
    assert.deepEqual((await get('/shipments', bob)).json().items, []);
  });

  test('401 without a token', async () => {
    for (const url of ['/shipments', `/shipments/${aliceShipments[0]!.tracking}`]) {
      const response = await get(url);
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().code, 'unauthorized');
    }
  });

  test('400 naming each bad query field', async () => {
    const response = await get('/shipments?orderId=7&limit=500', alice);
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json().errors.map((e: { field: string }) => e.field).sort(), ['querystring.limit', 'querystring.orderId']);
  });

  test('a cursor naming someone else\'s shipment answers exactly as one naming no shipment', async () => {
    const command = createCommand({ userId: bob });
    await shippingWith(db).create(command);
    const bobs = (await get('/shipments', bob)).json().items[0].id as string;
    const foreign = await get(`/shipments?after=${bobs}`, alice);
    const unknown = await get(`/shipments?after=${randomUUID()}`, alice);
    const comparable = (body: Record<string, unknown>) => ({ ...body, instance: undefined, correlationId: undefined });
    assert.equal(foreign.statusCode, unknown.statusCode);
    assert.deepEqual(comparable(foreign.json()), comparable(unknown.json()));
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().errors.map((e: { field: string }) => e.field), ['querystring.after']);
    // Another order's shipment is no position in a listing by order, for an admin too.
    const byOrder = await get(`/shipments?orderId=${aliceShipments[0]!.orderId}&after=${bobs}`, admin, ['customer', 'admin']);
    assert.equal(byOrder.statusCode, 400);
  });

  test('health reports the database', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(response.json().checks.database.status, 'healthy');
  });
});
