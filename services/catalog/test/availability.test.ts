import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEnvelope, MessageValidationError } from '@bazaar/platform';
import { eventHandlers } from '../src/events.js';
import { findAvailability } from '../src/availability/availability.store.js';
import { addCategory, addProduct, receive, startCatalog, type Harness } from './harness.js';

const stock = (sku: string, version: number, available: number) => ({
  sku, available, onHand: available + 2, reserved: 2, version, occurredAt: new Date(Date.UTC(2025, 0, 1, 0, version)).toISOString(),
});

describe('the availability copy fed by stock.changed', async () => {
  let h: Harness;
  let categoryId: string;
  before(async () => {
    h = await startCatalog('availability');
    categoryId = (await addCategory(h, 'tools')).id;
  });
  after(() => h.close());

  const apply = eventHandlers['stock.changed'];

  test('duplicate and reordered events leave the newest version (v3, v1, v3, v2 → v3)', async () => {
    const { id, sku } = await addProduct(h, { categoryId });
    const results = [];
    for (const [version, available] of [[3, 30], [1, 10], [3, 30], [2, 20]] as const) {
      results.push((await apply(h.pool, stock(sku, version, available))).applied);
    }
    assert.deepEqual(results, [true, false, false, false]);
    const copy = await findAvailability(h.pool, sku);
    assert.equal(copy?.version, 3);
    assert.equal(copy?.available, 30);
    assert.equal(copy?.updatedAt.toISOString(), stock(sku, 3, 30).occurredAt);
    const product = (await h.app.inject({ method: 'GET', url: `/products/${id}` })).json();
    assert.equal(product.available, 30);
    assert.equal(product.inStock, true);
  });

  test('a newer version replaces the copy; out of stock shows as such', async () => {
    const { id, sku } = await addProduct(h, { categoryId });
    await apply(h.pool, stock(sku, 1, 4));
    await apply(h.pool, stock(sku, 2, 0));
    const product = (await h.app.inject({ method: 'GET', url: `/products/${id}` })).json();
    assert.equal(product.available, 0);
    assert.equal(product.inStock, false);
  });

  test('an event for a SKU not yet in the catalog is kept for when the product arrives', async () => {
    await apply(h.pool, stock('EARLY-1', 7, 12));
    const { id } = await addProduct(h, { categoryId, sku: 'EARLY-1' });
    const product = (await h.app.inject({ method: 'GET', url: `/products/${id}` })).json();
    assert.equal(product.available, 12);
  });

  test('concurrent deliveries of many versions settle on the highest', async () => {
    const { sku } = await addProduct(h, { categoryId });
    const versions = Array.from({ length: 20 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    await Promise.all(versions.map((v) => apply(h.pool, stock(sku, v, v * 10))));
    const copy = await findAvailability(h.pool, sku);
    assert.equal(copy?.version, 20);
    assert.equal(copy?.available, 200);
  });

  test('a malformed payload is refused rather than guessed at', async () => {
    const refused = (field: string) => (error: unknown) => {
      assert.ok(error instanceof MessageValidationError, String(error));
      assert.deepEqual(error.errors.map((e) => e.split(' ')[0]), [`payload/${field}`]);
      return true;
    };
    const delivered = (payload: object) => receive(h, createEnvelope('inventory', 'stock.changed', 1, payload));
    await assert.rejects(delivered({ ...stock('BAD-1', 1, 1), version: 'one' }), refused('version'));
    await assert.rejects(delivered({ ...stock('BAD-1', 1, 1), occurredAt: 'yesterday' }), refused('occurredAt'));
    assert.equal(await findAvailability(h.pool, 'BAD-1'), undefined);
  });
});
