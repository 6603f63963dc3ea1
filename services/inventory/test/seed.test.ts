import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_SKU_COUNT, demoQuantity, demoSku, seed } from '../seed/demo.js';
import { ledgerMismatches } from '../src/stock/stock.store.js';
import { startInventory, type Harness } from './harness.js';

describe('demo stock', async () => {
  let h: Harness;
  before(async () => { h = await startInventory('seed'); });
  after(() => h.close());

  test('quantities are fixed, from 0 to 120, with some at zero and some low', () => {
    const quantities = Array.from({ length: DEMO_SKU_COUNT }, (_, i) => demoQuantity(i + 1));
    assert.ok(quantities.every((q) => Number.isInteger(q) && q >= 0 && q <= 120));
    const zero = quantities.filter((q) => q === 0).length;
    const low = quantities.filter((q) => q > 0 && q <= 5).length;
    assert.ok(zero >= 3 && zero <= 15, `${zero} at zero`);
    assert.ok(low >= 3 && low <= 20, `${low} low`);
    assert.equal(demoSku(7), 'BZR-0007');
  });

  test('fills an empty inventory once, through the ledger', async () => {
    const env = { INVENTORY_DATABASE_URL: h.db.url };
    const lines: string[] = [];
    await Promise.all([seed(env, (l) => lines.push(l)), seed(env, (l) => lines.push(l))]);
    assert.equal(lines.filter((l) => l.startsWith('demo stock:')).length, 1, lines.join('\n'));
    assert.equal(lines.filter((l) => l.includes('already exist')).length, 1);

    const { rows } = await h.pool.query<{ items: number; units: number; zero: number; low: number }>(
      `SELECT count(*)::int AS items, sum(on_hand)::int AS units, count(*) FILTER (WHERE on_hand = 0)::int AS zero,
              count(*) FILTER (WHERE available <= low_stock_threshold)::int AS low
       FROM stock_items WHERE sku LIKE 'BZR-%'`);
    const expectedUnits = Array.from({ length: DEMO_SKU_COUNT }, (_, i) => demoQuantity(i + 1)).reduce((a, b) => a + b, 0);
    assert.equal(rows[0]!.items, 300);
    assert.equal(rows[0]!.units, expectedUnits);
    assert.ok(rows[0]!.zero > 0 && rows[0]!.low > rows[0]!.zero);
    assert.equal((await h.item('BZR-0001')).onHand, demoQuantity(1));
    assert.deepEqual(await ledgerMismatches(h.pool), []);
    assert.equal((await h.published('stock.changed')).length, 300 + DEMO_SKU_COUNT - rows[0]!.zero, 'each creation and receipt was announced');

    await seed(env, (l) => lines.push(l));
    assert.match(lines.at(-1)!, /already exist/);
  });
});
