// Inventory's orphan check against its real database: which items it asks catalog about (those that
// name a product and are not archived, in SKU order), and its rule: an item whose product catalog
// does not have is archived with the reason, unless a reservation holds it; nothing else changes.
// Catalog's side (its lookup, the job run by the service, an outage) is tools/test/orphans.test.ts.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLogger, createOrphanJob } from '@bazaar/platform';
import { stockItemProductCheck } from '../src/orphans/stock-orphans.js';
import { productReferences } from '../src/orphans/stock-orphans.store.js';
import { reserve } from '../src/stock/reservation.service.js';
import { ensureStockItem } from '../src/stock/stock.service.js';
import { newSku, startInventory, type Harness } from './harness.js';

describe("inventory's orphan check", async () => {
  let h: Harness;
  before(async () => { h = await startInventory('orphans'); });
  after(() => h.close());

  test('stock items for products catalog does not have are archived, except one a reservation holds', async () => {
    const [kept, gone, held, unlinked] = [newSku('ORF'), newSku('ORF'), newSku('ORF'), newSku('ORF')];
    const [keptProduct, goneProduct, heldProduct] = [randomUUID(), randomUUID(), randomUUID()];
    await h.tx(async (client) => {
      await ensureStockItem(client, h.deps, kept, keptProduct);
      await ensureStockItem(client, h.deps, gone, goneProduct);
      await ensureStockItem(client, h.deps, held, heldProduct);
    });
    await h.givenStock(unlinked, 4);
    await h.givenStock(gone, 7);
    await h.givenStock(held, 5);
    await h.tx((client) => reserve(client, h.deps, { reservationId: randomUUID(), orderId: randomUUID(), items: [{ sku: held, quantity: 2 }] }));

    // Catalog's answer as its lookup gives it: only the first product exists. Its HTTP side is
    // covered where catalog runs; here the rule and the database.
    const asked: string[][] = [];
    const catalog = {
      name: 'catalog',
      request: async <T>({ path }: { path: string }) => {
        const ids = new URL(path, 'http://catalog').searchParams.get('ids')!.split(',');
        asked.push(ids);
        return { status: 200, headers: {}, body: { found: ids.filter((id) => id === keptProduct) } as T };
      },
    };
    const job = createOrphanJob({ service: 'inventory', checks: [stockItemProductCheck(h.pool, catalog)], logger: createLogger('inventory', 'silent'), intervalMs: 60_000 });
    const [result] = await job.runOnce();
    assert.deepEqual(asked.flat().sort(), [keptProduct, goneProduct, heldProduct].sort(), 'items without a product are not asked about');
    assert.equal(result?.outcome, 'complete');
    assert.deepEqual(result?.orphans, [{ key: gone, ref: goneProduct, repaired: true }, { key: held, ref: heldProduct, repaired: false }]);

    const archived = await h.item(gone);
    assert.ok(archived.archivedAt);
    assert.equal(archived.archivedReason, `catalog has no product ${goneProduct}`);
    assert.deepEqual([archived.onHand, archived.version], [7, 2], 'archiving erases nothing and is not a stock change');
    assert.equal((await h.item(held)).archivedAt, null);
    assert.equal((await h.item(kept)).archivedAt, null);

    // The archived item leaves the scan; the held one is found again until its reservation ends.
    const scanned = (await productReferences(h.pool, undefined, 100)).map((r) => r.key);
    assert.ok(!scanned.includes(gone) && scanned.includes(held) && scanned.includes(kept) && !scanned.includes(unlinked));
    const [again] = await job.runOnce();
    assert.deepEqual(again?.orphans.map((o) => o.key), [held]);
  });
});
