// The product's name on its stock items is a copy of catalog's, and it follows the source: taken from
// product.created (the product's version 1) and from each product.updated by its version, so a late
// or repeated delivery never brings an older name back. The operators' stock list shows it.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createEnvelope } from '@bazaar/platform';
import { listStockItems } from '../src/stock/stock.store.js';
import { newSku, receive, startInventory, type Harness } from './harness.js';

describe("the product's name follows catalog", async () => {
  let h: Harness;
  before(async () => { h = await startInventory('product_names'); });
  after(() => h.close());

  const created = (productId: string, sku: string, name: string) => createEnvelope('catalog', 'product.created', 1, {
    productId, sku, name, priceMinor: 4500, currency: 'EUR', categoryId: randomUUID(), createdAt: new Date().toISOString(),
  });
  const updated = (productId: string, sku: string, name: string, version: number) => createEnvelope('catalog', 'product.updated', 1, {
    productId, sku, name, priceMinor: 4900, currency: 'EUR', updatedAt: new Date().toISOString(), version,
  });
  const nameOf = async (sku: string) => (await h.item(sku)).productName;

  test('created, then renamed twice: the list shows the newest name; the stale rename delivered late is ignored', async () => {
    const sku = newSku('NAME');
    const productId = randomUUID();
    await receive(h, 'events', created(productId, sku, 'Oak chair'));
    assert.equal(await nameOf(sku), 'Oak chair');
    await receive(h, 'events', updated(productId, sku, 'Oak dining chair', 3));
    await receive(h, 'events', updated(productId, sku, 'Oak chair (old rename)', 2));
    assert.equal(await nameOf(sku), 'Oak dining chair', 'version 2 arrived after version 3: ignored');
    const listed = (await listStockItems(h.pool, { lowStock: false, limit: 100 })).items.find((i) => i.sku === sku);
    assert.equal(listed?.productName, 'Oak dining chair');
    // A rename does not touch the stock: no stock version, no stock.changed.
    assert.equal((await h.item(sku)).version, 1);
    assert.equal((await h.published('stock.changed')).filter((e) => e.payload.sku === sku).length, 1);
  });

  test('a rename delivered before the creation opens the item with its name; the creation then keeps it', async () => {
    const sku = newSku('NAME');
    const productId = randomUUID();
    await receive(h, 'events', updated(productId, sku, 'Walnut lamp', 2));
    assert.deepEqual(await h.item(sku).then((i) => [i.productId, i.productName, i.onHand]), [productId, 'Walnut lamp', 0]);
    await receive(h, 'events', created(productId, sku, 'Lamp'));
    assert.equal(await nameOf(sku), 'Walnut lamp');
  });

  test("another product's events leave an item alone", async () => {
    const sku = newSku('NAME');
    const productId = randomUUID();
    await receive(h, 'events', created(productId, sku, 'Desk'));
    await receive(h, 'events', updated(randomUUID(), sku, 'Not this desk', 5));
    assert.deepEqual(await h.item(sku).then((i) => [i.productId, i.productName]), [productId, 'Desk']);
  });
});
