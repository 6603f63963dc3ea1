// Orders' HTTP API in-process, against its real database, a stand-in catalog and stand-in identity keys.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkoutBody, startOrders, type Harness } from './support.js';

let h: Harness;
let alice: string;
let aliceId: string;
let bob: string;
let lamp: string;
let chair: string;

before(async () => {
  h = await startOrders('http');
  aliceId = randomUUID();
  alice = await h.token(aliceId);
  bob = await h.token();
  lamp = h.catalog.add({ name: 'Walnut desk lamp', priceMinor: 4900 }).id;
  chair = h.catalog.add({ name: 'Oak chair', priceMinor: 12_500 }).id;
});

after(async () => {
  await h?.close();
});

async function post(token: string, body: unknown, key: string | null = randomUUID()) {
  const response = await h.app.inject({
    method: 'POST', url: '/orders', payload: body as Record<string, unknown>,
    headers: { authorization: `Bearer ${token}`, ...(key !== null ? { 'idempotency-key': key } : {}) },
  });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}

const get = async (token: string, url: string) => {
  const response = await h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: response.statusCode, body: response.json() };
};

const count = async (sql: string) => Number((await h.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]!.n);

describe('POST /orders', () => {
  test('202 with the order and its Location; the order, its saga, payments.authorize and inventory.reserve are written together', async () => {
    const body = checkoutBody([lamp, chair], { items: [{ productId: lamp, quantity: 2 }, { productId: chair, quantity: 1 }] });
    const response = await post(alice, body);
    assert.equal(response.status, 202, JSON.stringify(response.body));
    const order = response.body;
    assert.equal(response.headers.location, `/orders/${order.id}`);
    assert.match(order.number, /^BZ-\d{6}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}$/);
    assert.equal(order.status, 'pending');
    assert.equal(order.subtotalMinor, 2 * 4900 + 12_500);
    assert.equal(order.totalMinor, 2 * 4900 + 12_500);
    assert.equal(order.currency, 'EUR');
    assert.equal(order.itemCount, 3);
    assert.deepEqual(order.items.map((i: { name: string; quantity: number; lineTotalMinor: number }) => [i.name, i.quantity, i.lineTotalMinor]), [['Walnut desk lamp', 2, 9800], ['Oak chair', 1, 12_500]]);
    assert.equal(order.checkout.state, 'authorizing');
    assert.equal(order.checkout.step, 'authorize-payment');
    assert.equal(order.payment.status, 'pending');
    assert.equal(order.shippingAddress.country, 'GB');
    assert.deepEqual(order.timeline.map((e: { step: string; status: string }) => `${e.step}:${e.status}`), ['authorize-payment:started', 'reserve-stock:started']);

    const sent = await h.sent(order.id);
    assert.deepEqual(sent.map((m) => m.type), ['order.placed', 'payments.authorize', 'inventory.reserve']);
    assert.deepEqual((sent[2]!.payload.items as { quantity: number }[]).map((line) => line.quantity).sort(), [1, 2]);
    const authorize = sent[1]!.payload;
    assert.equal(authorize.amountMinor, 22_300);
    assert.equal(authorize.currency, 'EUR');
    assert.equal(authorize.userId, aliceId);
    assert.equal(authorize.paymentMethodId, body.paymentMethodId);
    assert.equal('card' in authorize, false, 'no card ever passes through orders');
    assert.equal((sent[0]!.payload.items as unknown[]).length, 2);
  });

  test('the same Idempotency-Key again returns the same order (202) and orders nothing more', async () => {
    const key = randomUUID();
    const body = checkoutBody([lamp]);
    const first = await post(alice, body, key);
    const ordersBefore = await count('orders');
    const again = await post(alice, { ...body, shippingAddress: { ...body.shippingAddress } }, key);
    assert.equal(again.status, 202);
    assert.equal(again.body.id, first.body.id);
    assert.equal(again.body.number, first.body.number);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(await count('orders'), ordersBefore);
    assert.equal((await h.sent(first.body.id)).filter((m) => m.type === 'payments.authorize').length, 1);
  });

  test('the same key for another user is another order', async () => {
    const key = randomUUID();
    const a = await post(alice, checkoutBody([lamp]), key);
    const b = await post(bob, checkoutBody([lamp]), key);
    assert.equal(b.status, 202);
    assert.notEqual(a.body.id, b.body.id);
  });

  test('the same key with a different request is refused (422) naming the header', async () => {
    const key = randomUUID();
    await post(alice, checkoutBody([lamp]), key);
    const other = await post(alice, checkoutBody([chair]), key);
    assert.equal(other.status, 422);
    assert.equal(other.body.errors[0].field, 'headers.idempotency-key');
  });

  test('requests racing with one key place one order', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(alice, checkoutBody([lamp]), key)));
    assert.deepEqual(answers.map((a) => a.status), [202, 202, 202, 202, 202]);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal((await h.pool.query('SELECT 1 FROM orders WHERE idempotency_key = $1', [key])).rowCount, 1);
  });

  test('without an Idempotency-Key: 428 problem naming the header, nothing written', async () => {
    const before = await count('orders');
    const response = await post(alice, checkoutBody([lamp]), null);
    assert.equal(response.status, 428);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(response.body.errors[0].field, 'headers.idempotency-key');
    assert.equal(await count('orders'), before);
  });

  test('a malformed Idempotency-Key: 400 naming the header, as its published pattern says', async () => {
    for (const key of ['two words', 'ключ', 'k'.repeat(201)]) {
      const response = await post(alice, checkoutBody([lamp]), key);
      assert.equal(response.status, 400, key);
      assert.equal(response.body.errors[0].field, 'headers.idempotency-key');
    }
  });

  test('without a token: 401', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/orders', payload: checkoutBody([lamp]), headers: { 'idempotency-key': 'k' } });
    assert.equal(response.statusCode, 401);
  });

  test('bad input: 400 naming each field', async () => {
    const cases: [unknown, string][] = [
      [checkoutBody([]), 'body.items'],
      [checkoutBody([lamp], { items: [{ productId: lamp, quantity: 0 }] }), 'body.items.0.quantity'],
      [checkoutBody([lamp], { items: [{ productId: lamp, quantity: 101 }] }), 'body.items.0.quantity'],
      [checkoutBody([lamp], { items: [{ productId: 'not-a-uuid', quantity: 1 }] }), 'body.items.0.productId'],
      [checkoutBody(Array.from({ length: 51 }, () => randomUUID())), 'body.items'],
      [checkoutBody([lamp], { paymentMethodId: undefined }), 'body.paymentMethodId'],
      [checkoutBody([lamp], { shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'GBR' } }), 'body.shippingAddress.country'],
      [checkoutBody([lamp], { shippingAddress: { name: 'A', line1: 'B', city: 'C', country: 'GB' } }), 'body.shippingAddress.postalCode'],
      [checkoutBody([lamp], { shippingAddress: { name: '  ', line1: 'B', city: 'C', postalCode: 'D', country: 'GB' } }), 'body.shippingAddress.name'],
    ];
    for (const [body, field] of cases) {
      const response = await post(alice, body);
      assert.equal(response.status, 400, `${field}: ${JSON.stringify(response.body)}`);
      assert.ok(response.body.errors.some((e: { field: string }) => e.field === field), `${field} not named in ${JSON.stringify(response.body.errors)}`);
    }
    const twice = await post(alice, checkoutBody([lamp, lamp]));
    assert.equal(twice.status, 400);
    assert.equal(twice.body.errors[0].field, 'body.items.1.productId');
  });

  test('a product catalog does not know, or has discontinued: 422 naming the line; nothing written', async () => {
    const gone = h.catalog.add({ status: 'discontinued', sku: 'OLD-001' }).id;
    const before = await count('orders');
    const unknown = await post(alice, checkoutBody([lamp, randomUUID()]));
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.errors[0].field, 'body.items.1.productId');
    assert.match(unknown.body.errors[0].message, /does not exist/);
    const discontinued = await post(alice, checkoutBody([gone]));
    assert.equal(discontinued.status, 422);
    assert.match(discontinued.body.errors[0].message, /OLD-001 is discontinued/);
    assert.equal(await count('orders'), before);
  });

  test('products in different currencies: 422', async () => {
    const dollars = h.catalog.add({ currency: 'USD' }).id;
    const response = await post(alice, checkoutBody([lamp, dollars]));
    assert.equal(response.status, 422);
    assert.match(response.body.detail, /one currency/);
    assert.equal(response.body.errors[0].field, 'body.items.1.productId');
  });
});

describe('reading orders', () => {
  test('GET /orders/:id: the owner sees it; another user gets 404, as for an order that does not exist', async () => {
    const placed = (await post(alice, checkoutBody([lamp]))).body;
    const mine = await get(alice, `/orders/${placed.id}`);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.number, placed.number);
    assert.equal((await get(bob, `/orders/${placed.id}`)).status, 404);
    assert.equal((await get(bob, `/orders/${randomUUID()}`)).status, 404);
    const cancel = await h.app.inject({ method: 'POST', url: `/orders/${placed.id}/cancel`, headers: { authorization: `Bearer ${bob}` } });
    assert.equal(cancel.statusCode, 404);
    assert.equal((await get(alice, `/orders/${placed.id}`)).body.status, 'pending', "bob's attempt changed nothing");
    const admin = await h.token(randomUUID(), ['customer', 'admin']);
    assert.equal((await get(admin, `/orders/${placed.id}`)).status, 200, 'an admin may look any order up');
  });

  test('GET /orders: only my orders, newest first, page by page with a cursor', async () => {
    const carol = await h.token();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await post(carol, checkoutBody([lamp]))).body.id);
    await post(bob, checkoutBody([lamp]));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
        await get(carol, `/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200);
      assert.ok(page.body.items.length <= 2);
      seen.push(...page.body.items.map((o) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());
    const bad = await get(carol, '/orders?cursor=garbage');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].field, 'querystring.cursor');
  });
});

describe('catalog unavailable', () => {
  test('503 problem naming catalog, no order written; /health shows catalog degraded once its circuit opens', async () => {
    await h.catalog.stop();
    try {
      const before = await count('orders');
      const outboxBefore = await count('outbox');
      const response = await post(alice, checkoutBody([lamp]));
      assert.equal(response.status, 503);
      assert.equal(response.body.upstream, 'catalog');
      assert.equal(await count('orders'), before);
      assert.equal(await count('outbox'), outboxBefore);
      for (let i = 0; i < 3; i++) await post(alice, checkoutBody([lamp]));
      const health = await h.app.inject({ method: 'GET', url: '/health' });
      assert.equal(health.statusCode, 200, 'catalog is not critical: orders still serves');
      assert.equal(health.json().checks.catalog.status, 'degraded');
      assert.equal(health.json().checks.database.status, 'healthy');
    } finally {
      await h.catalog.start();
    }
  });
});
