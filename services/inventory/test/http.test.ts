import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestIssuer, type TestIssuer } from '@bazaar/platform/testing';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { buildApp } from '../src/app.js';
import { reserve } from '../src/stock/reservation.service.js';
import { newSku, settings, startInventory, type Harness } from './harness.js';

describe('inventory admin API', async () => {
  let h: Harness;
  let app: ServiceApp;
  let identity: TestIssuer;
  let admin: string;
  let customer: string;

  before(async () => {
    h = await startInventory('http');
    identity = await startTestIssuer();
    const verifier = createJwtVerifier({ jwksUrl: identity.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
    app = await buildApp({ pool: h.pool, logger: createLogger('inventory', 'silent'), verifier, settings, publish: h.deps.publish });
    admin = `Bearer ${await identity.token({ roles: ['customer', 'admin'] })}`;
    customer = `Bearer ${await identity.token({ roles: ['customer'] })}`;
  });
  after(async () => {
    await app.close();
    await identity.close();
    await h.close();
  });

  const call = (method: 'GET' | 'POST', url: string, authorization?: string, payload?: object) =>
    app.inject({ method, url, ...(authorization ? { headers: { authorization } } : {}), ...(payload ? { payload } : {}) });
  const fields = (response: { json(): { errors?: { field: string }[] } }) => (response.json().errors ?? []).map((e) => e.field).sort();

  test('without a valid token: 401, before anything else is looked at', async () => {
    const sku = newSku('AUTH');
    // Signed by a key identity never published.
    const stranger = await startTestIssuer();
    const foreign = await stranger.token({ roles: ['admin'] });
    await stranger.close();
    for (const response of [
      await call('GET', `/inventory/${sku}`),
      await call('POST', '/inventory/bad sku/receive', undefined, { quantity: -1 }),
      await call('GET', '/inventory?lowStock=true', 'Bearer not.a.token'),
      await call('GET', '/inventory', `Bearer ${foreign}`),
      await call('GET', '/inventory', `Bearer ${await identity.token({ roles: ['admin'], expiresIn: Math.floor(Date.now() / 1000) - 60 })}`),
      await call('GET', '/inventory', `Bearer ${await identity.token({ roles: ['admin'], issuer: 'someone-else' })}`),
    ]) {
      assert.equal(response.statusCode, 401, response.body);
      assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
      assert.match(response.headers['www-authenticate'] as string, /^Bearer/);
    }
  });

  test('a signed-in customer without the admin role: 403', async () => {
    const response = await call('POST', `/inventory/${newSku('AUTH')}/receive`, customer, { quantity: 1, reason: 'x' });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().code, 'forbidden');
  });

  test('bad input is a 400 naming each field', async () => {
    const sku = newSku('VAL');
    await h.givenStock(sku, 1);
    const cases: [ReturnType<typeof call>, string[]][] = [
      [call('GET', '/inventory/bad%20sku', admin), ['params.sku']],
      [call('POST', `/inventory/${sku}/receive`, admin, { quantity: 0, reason: '' }), ['body.quantity', 'body.reason']],
      [call('POST', `/inventory/${sku}/receive`, admin, { quantity: 1.5 }), ['body.quantity', 'body.reason']],
      [call('POST', `/inventory/${sku}/receive`, admin, { quantity: 2, reason: 'ok', extra: true }), ['body.extra']],
      [call('POST', `/inventory/${sku}/adjust`, admin, { delta: 0, reason: 'count' }), ['body.delta']],
      [call('POST', `/inventory/${sku}/adjust`, admin, { delta: 'x', reason: 'count' }), ['body.delta']],
      [call('GET', '/inventory?limit=0&after=lower-case', admin), ['querystring.after', 'querystring.limit']],
    ];
    for (const [pending, expected] of cases) {
      const response = await pending;
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.json().code, 'invalid_data');
      assert.deepEqual(fields(response), expected, response.body);
    }
    assert.equal((await h.item(sku)).onHand, 1, 'nothing was written');
  });

  test('receive adds stock and shows in the item with its movements; unknown SKUs are 404', async () => {
    const sku = newSku('RCV');
    await h.givenStock(sku, 0);
    const received = await call('POST', `/inventory/${sku}/receive`, admin, { quantity: 12, reason: 'delivery 42' });
    assert.equal(received.statusCode, 200, received.body);
    assert.deepEqual({ ...received.json().item, updatedAt: 'x' }, {
      sku, productId: null, onHand: 12, reserved: 0, available: 12, version: 2, lowStockThreshold: 5, updatedAt: 'x', productName: null, archivedAt: null, archivedReason: null,
    });
    const detail = await call('GET', `/inventory/${sku}`, admin);
    assert.equal(detail.statusCode, 200);
    assert.deepEqual(detail.json().movements.map((m: { kind: string; quantity: number; reason: string }) => [m.kind, m.quantity, m.reason]), [['received', 12, 'delivery 42']]);
    assert.equal((await call('GET', '/inventory/NOPE-404', admin)).statusCode, 404);
    assert.equal((await call('POST', '/inventory/NOPE-404/receive', admin, { quantity: 1, reason: 'x' })).statusCode, 404);
  });

  test('adjust may not take on-hand below what is reserved: 409 problem, nothing written', async () => {
    const sku = newSku('ADJ');
    await h.givenStock(sku, 10);
    await h.tx((client) => reserve(client, h.deps, { reservationId: randomUUID(), orderId: randomUUID(), items: [{ sku, quantity: 6 }] }));
    const refused = await call('POST', `/inventory/${sku}/adjust`, admin, { delta: -5, reason: 'stocktake' });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.match(refused.headers['content-type'] as string, /^application\/problem\+json/);
    assert.deepEqual({ code: refused.json().code, onHand: refused.json().onHand, reserved: refused.json().reserved }, { code: 'conflict', onHand: 10, reserved: 6 });
    assert.equal((await h.item(sku)).onHand, 10);
    const allowed = await call('POST', `/inventory/${sku}/adjust`, admin, { delta: -4, reason: 'stocktake' });
    assert.equal(allowed.statusCode, 200, allowed.body);
    assert.equal(allowed.json().item.available, 0);
  });

  test('the low-stock list is keyset-paginated in SKU order', async () => {
    const low = ['LS-A1', 'LS-A2', 'LS-A3', 'LS-A4', 'LS-A5'];
    for (const [i, sku] of low.entries()) await h.givenStock(sku, i);
    await h.givenStock('LS-B1', 50);
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const response = await call('GET', `/inventory?lowStock=true&limit=2${next ? `&after=${next}` : ''}`, admin);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      seen.push(...body.items.map((i: { sku: string }) => i.sku));
      assert.ok(body.items.every((i: { available: number; lowStockThreshold: number }) => i.available <= i.lowStockThreshold));
      next = body.next;
      pages += 1;
    } while (next && pages < 50);
    const lsSeen = seen.filter((s) => s.startsWith('LS-'));
    assert.deepEqual(lsSeen, low);
    assert.deepEqual(seen, [...seen].sort(), 'in SKU order, no repeats');
    assert.equal(new Set(seen).size, seen.length);
    const all = (await call('GET', '/inventory?limit=100', admin)).json();
    assert.ok(all.items.some((i: { sku: string }) => i.sku === 'LS-B1'), 'without lowStock, every item is listed');
  });

  test('health is public', async () => {
    const response = await call('GET', '/health');
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().checks.database.status, 'healthy');
  });
});
