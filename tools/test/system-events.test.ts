// Events crossing services for real: each service its own process with its own database, talking
// only through RabbitMQ. catalog announces a product → inventory opens its stock item; inventory
// receives stock → catalog's copy of availability follows; identity's sign-up leaves its outbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { eventually } from '@bazaar/platform/testing';
import { databaseUrlOf, startTestSystem, type TestSystem } from '../src/testing/system.js';

let system: TestSystem;
let admin: string;

async function call(service: string, method: string, path: string, body?: unknown, token = admin) {
  const response = await fetch(`${system.url(service)}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { item?: Record<string, unknown> } };
}

before(async () => {
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory'],
    env: { identity: { IDENTITY_ADMIN_EMAILS: 'ops@bazaar.test', IDENTITY_ARGON2_MEMORY_KIB: '1024' } },
  });
  const registered = await fetch(`${system.url('identity')}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ops@bazaar.test', password: 'Operations-2026', name: 'Ops Person' }),
  });
  assert.equal(registered.status, 201);
  admin = ((await registered.json()) as { token: string }).token;
}, { timeout: 120_000 });

after(async () => {
  await system?.stop();
});

test("identity's user.registered leaves its outbox through the relay", async () => {
  const db = new pg.Client({ connectionString: databaseUrlOf(system, 'identity') });
  await db.connect();
  try {
    const row = await eventually(async () => {
      const { rows } = await db.query("SELECT type, sent_at, envelope FROM outbox WHERE type = 'user.registered'");
      return rows[0]?.sent_at ? rows[0] : undefined;
    }, { message: 'user.registered was not confirmed by the broker' });
    assert.equal(row.envelope.source, 'identity');
    assert.equal(row.envelope.payload.email, 'ops@bazaar.test');
  } finally {
    await db.end();
  }
});

test('a product created in catalog opens a stock item in inventory, and stock received there shows in catalog', { timeout: 60_000 }, async () => {
  const category = await call('catalog', 'POST', '/categories', { slug: 'lamps', name: 'Lamps' });
  assert.equal(category.status, 201);
  const product = await call('catalog', 'POST', '/products', {
    sku: 'LAMP-001', name: 'Walnut desk lamp', priceMinor: 4900, currency: 'EUR', categoryId: category.body.id,
  });
  assert.equal(product.status, 201, JSON.stringify(product.body));

  const item = await eventually(async () => {
    const response = await call('inventory', 'GET', '/inventory/LAMP-001');
    return response.status === 200 ? response.body.item : undefined;
  }, { timeoutMs: 20_000, message: 'inventory never opened a stock item for LAMP-001' });
  assert.equal(item.onHand, 0);

  const received = await call('inventory', 'POST', '/inventory/LAMP-001/receive', { quantity: 25, reason: 'first delivery' });
  assert.equal(received.status, 200);

  const shown = await eventually(async () => {
    const response = await call('catalog', 'GET', `/products/${product.body.id}`);
    return response.body.available === 25 ? response.body : undefined;
  }, { timeoutMs: 20_000, message: "catalog's availability never reached 25" });
  assert.equal(shown.inStock, true);
});
