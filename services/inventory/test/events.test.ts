import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { commit, release, reserve } from '../src/stock/reservation.service.js';
import { adjustStock, receiveStock } from '../src/stock/stock.service.js';
import { newSku, startInventory, type Harness } from './harness.js';

describe('what inventory announces', async () => {
  let h: Harness;
  before(async () => { h = await startInventory('events'); });
  after(() => h.close());

  test('stock.changed carries strictly increasing versions per SKU, also under concurrent changes', async () => {
    const [a, b] = [newSku('VER'), newSku('VER')];
    await h.givenStock(a, 50);
    await h.givenStock(b, 50);
    const work = Array.from({ length: 40 }, (_, i) => h.tx(async (client) => {
      if (i % 4 === 3) return receiveStock(client, h.deps, i % 2 ? a : b, 1, 'restock');
      const r = await reserve(client, h.deps, { reservationId: randomUUID(), orderId: randomUUID(), items: [{ sku: a, quantity: 1 }, { sku: b, quantity: 1 }] });
      if (i % 3 === 0) await release(client, h.deps, { reservationId: r.reservationId, reason: 'cancelled' });
      return r;
    }));
    await Promise.all(work);
    for (const sku of [a, b]) {
      const versions = (await h.published('stock.changed')).filter((e) => e.payload.sku === sku).map((e) => e.payload.version as number);
      assert.ok(versions.length > 20);
      for (let i = 1; i < versions.length; i += 1) assert.equal(versions[i], versions[i - 1]! + 1, `${sku}: version ${versions[i]} follows ${versions[i - 1]}`);
      assert.equal(versions.at(-1), (await h.item(sku)).version, 'the last announced version is the snapshot version');
    }
  });

  test('stock.changed describes the item after the change', async () => {
    const sku = newSku('SHAPE');
    const productId = randomUUID();
    await h.tx((client) => h.handlers.eventHandlers['product.created'](client, {
      productId, sku, name: 'Lamp', priceMinor: 1999, currency: 'EUR', categoryId: randomUUID(), createdAt: new Date().toISOString(),
    }));
    await h.tx((client) => receiveStock(client, h.deps, sku, 9, 'delivery'));
    const last = (await h.published('stock.changed')).filter((e) => e.payload.sku === sku).at(-1)!;
    assert.deepEqual({ ...last.payload, occurredAt: typeof last.payload.occurredAt }, {
      sku, productId, onHand: 9, reserved: 0, available: 9, version: 2, occurredAt: 'string',
    });
  });

  test('stock.low is announced only when availability crosses to or below the threshold', async () => {
    const sku = newSku('LOW');
    await h.givenStock(sku, 8); // threshold 5: 8 is fine
    const lows = async () => (await h.published('stock.low')).filter((e) => e.payload.sku === sku).map((e) => e.payload);
    const order = () => ({ reservationId: randomUUID(), orderId: randomUUID() });
    await h.tx((client) => reserve(client, h.deps, { ...order(), items: [{ sku, quantity: 2 }] })); // 6 left
    assert.deepEqual(await lows(), []);
    const crossing = order();
    await h.tx((client) => reserve(client, h.deps, { ...crossing, items: [{ sku, quantity: 1 }] })); // 5: crossed
    assert.deepEqual(await lows(), [{ sku, available: 5, threshold: 5 }]);
    await h.tx((client) => reserve(client, h.deps, { ...order(), items: [{ sku, quantity: 2 }] })); // 3: still low
    await h.tx((client) => commit(client, h.deps, crossing)); // shipping does not change availability
    assert.equal((await lows()).length, 1, 'no repeat while it stays low');
    await h.tx((client) => receiveStock(client, h.deps, sku, 10, 'delivery')); // 13: back above
    await h.tx((client) => adjustStock(client, h.deps, sku, -9, 'damaged')); // 4: crossed again
    assert.deepEqual(await lows(), [{ sku, available: 5, threshold: 5 }, { sku, available: 4, threshold: 5 }]);
  });

  test('product.created makes a stock item once, with nothing on hand, and links a SKU stocked before its product', async () => {
    const handler = h.handlers.eventHandlers['product.created'];
    const created = (sku: string, productId: string) => ({
      productId, sku, name: 'Chair', priceMinor: 4500, currency: 'EUR', categoryId: randomUUID(), createdAt: new Date().toISOString(),
    });
    const sku = newSku('PC');
    const productId = randomUUID();
    await h.tx((client) => handler(client, created(sku, productId)));
    await h.tx((client) => handler(client, created(sku, productId)));
    const item = await h.item(sku);
    assert.deepEqual({ productId: item.productId, onHand: item.onHand, version: item.version }, { productId, onHand: 0, version: 1 });
    assert.equal((await h.published('stock.changed')).filter((e) => e.payload.sku === sku).length, 1, 'the repeat changed nothing');

    const early = newSku('PC');
    await h.givenStock(early, 3);
    await h.tx((client) => handler(client, created(early, productId)));
    const linked = await h.item(early);
    assert.deepEqual({ productId: linked.productId, onHand: linked.onHand }, { productId, onHand: 3 });
    await h.tx((client) => handler(client, created(early, randomUUID())));
    assert.equal((await h.item(early)).productId, productId, 'a SKU is not handed to a second product');
  });
});
