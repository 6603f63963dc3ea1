import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { startKeyServer } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { TEST_CARDS } from '../src/processor/simulated-processor.js';
import { paymentsWith, TIMEOUT_MS } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

describe('payments HTTP API', () => {
  let db: TestDb;
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  let app: ServiceApp;
  const alice = randomUUID();
  const bob = randomUUID();
  const aliceOrders: string[] = [];
  let bobOrder: string;

  before(async () => {
    db = await setUpDatabase('payments_http');
    keys = await startKeyServer();
    const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
    const payments = paymentsWith(db);
    app = await buildApp({ pool: db.pool, auth, processor: payments.processor, processorTimeoutMs: TIMEOUT_MS, logger: createLogger('payments', 'silent') });
    for (let i = 0; i < 3; i++) {
      const command = await payments.command({ userId: alice, amountMinor: 1000 + i });
      await payments.authorize(command);
      aliceOrders.push(command.orderId);
    }
    const bobs = await payments.command({ userId: bob }, { number: TEST_CARDS.decline });
    await payments.authorize(bobs);
    bobOrder = bobs.orderId;
  });
  after(async () => {
    await app.close();
    await keys.close();
    await db.close();
  });

  const get = async (url: string, userId?: string, roles?: string[]) =>
    app.inject({ method: 'GET', url, headers: userId ? { authorization: `Bearer ${await keys.token(userId, roles)}` } : {} });

  test('lists the caller\'s own payments, newest first, a page at a time', async () => {
    const first = await get('/payments?limit=2', alice);
    assert.equal(first.statusCode, 200);
    const page = first.json();
    assert.deepEqual(page.items.map((p: { orderId: string }) => p.orderId), [aliceOrders[2], aliceOrders[1]]);
    assert.ok(page.next);
    const second = (await get(`/payments?limit=2&after=${page.next}`, alice)).json();
    assert.deepEqual(second.items.map((p: { orderId: string }) => p.orderId), [aliceOrders[0]]);
    assert.equal(second.next, undefined);
    assert.deepEqual(page.items[0].card, { brand: 'visa', last4: '4242' });
    assert.match(page.items[0].paymentMethodId, /^[0-9a-f-]{36}$/);
    assert.doesNotMatch(first.body, /4242424242424242/);
  });

  test('another user\'s payment is not found; one\'s own is shown with its operations', async () => {
    const bobsPayment = (await get('/payments', bob)).json().items[0];
    assert.equal(bobsPayment.status, 'declined');
    assert.equal(bobsPayment.declineReason, 'card_declined');
    const asAlice = await get(`/payments/${bobsPayment.id}`, alice);
    assert.equal(asAlice.statusCode, 404);
    assert.equal(asAlice.json().code, 'not_found');
    const asBob = await get(`/payments/${bobsPayment.id}`, bob);
    assert.equal(asBob.statusCode, 200);
    assert.deepEqual(asBob.json().operations.map((o: { kind: string; outcome: string; reason: string }) => [o.kind, o.outcome, o.reason]), [['authorize', 'declined', 'card_declined']]);
    assert.equal((await get(`/payments/${randomUUID()}`, bob)).statusCode, 404);
  });

  test('an admin may look up any order\'s payment; a customer only their own', async () => {
    const asAdmin = (await get(`/payments?orderId=${bobOrder}`, randomUUID(), ['customer', 'admin'])).json();
    assert.deepEqual(asAdmin.items.map((p: { orderId: string }) => p.orderId), [bobOrder]);
    const asAlice = (await get(`/payments?orderId=${bobOrder}`, alice)).json();
    assert.deepEqual(asAlice.items, []);
    const own = (await get(`/payments?orderId=${aliceOrders[0]}`, alice)).json();
    assert.equal(own.items.length, 1);
    const adminPayment = (await get(`/payments/${own.items[0].id}`, randomUUID(), ['customer', 'admin']));
    assert.equal(adminPayment.statusCode, 200);
  });

  test('401 without a token or with a bad one', async () => {
    for (const url of ['/payments', `/payments/${randomUUID()}`]) {
      const response = await get(url);
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().code, 'unauthorized');
    }
    const forged = await app.inject({ method: 'GET', url: '/payments', headers: { authorization: 'Bearer not.a.token' } });
    assert.equal(forged.statusCode, 401);
  });

  test('400 naming each bad query field', async () => {
    const response = await get('/payments?limit=0&after=yesterday&orderId=42&colour=red', alice);
    assert.equal(response.statusCode, 400);
    const fields = response.json().errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['querystring.after', 'querystring.colour', 'querystring.limit', 'querystring.orderId']);
    assert.equal((await get('/payments/not-a-uuid', alice)).statusCode, 400);
  });

  test('a cursor naming someone else\'s payment answers exactly as one naming no payment', async () => {
    const bobs = (await get('/payments', bob)).json().items[0].id as string;
    const foreign = await get(`/payments?after=${bobs}`, alice);
    const unknown = await get(`/payments?after=${randomUUID()}`, alice);
    const comparable = (body: Record<string, unknown>) => ({ ...body, instance: undefined, correlationId: undefined });
    assert.equal(foreign.statusCode, unknown.statusCode);
    assert.deepEqual(comparable(foreign.json()), comparable(unknown.json()));
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().errors.map((e: { field: string }) => e.field), ['querystring.after']);
    // Another order's payment is no position in a listing by order, for an admin too.
    const byOrder = await get(`/payments?orderId=${aliceOrders[0]}&after=${bobs}`, randomUUID(), ['customer', 'admin']);
    assert.equal(byOrder.statusCode, 400);
  });

  test('health reports the database', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().checks.database.status, 'healthy');
  });
});
