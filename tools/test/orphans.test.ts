// Orphan cleanup on real processes (seed 003): identity, catalog, inventory, orders and the gateway,
// each with its own database, the cleanups running every half second. A stock item planted for a product id
// catalog never issued is found through catalog's /products/lookup and archived by inventory's rule,
// counted in its metrics and listed by GET /admin/services/inventory/orphans; a review planted for a
// user id identity has no account for is found through identity's lookup and only reported, while a
// real customer's review is not. Then catalog stops: inventory's runs are unknown, and an orphan
// planted meanwhile is neither reported nor archived. Before that, copies and snapshots (seed 002):
// catalog renames and reprices a product; its stock item's name follows, an order's line does not.
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { eventually } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop } from '../src/testing/shop.js';

const run = randomBytes(3).toString('hex');
const adminEmail = `orphans-ops-${run}@bazaar.test`;
const password = 'Orphans-Cleanup-2026';
const tag = run.toUpperCase();

let system: TestSystem;
let gateway: Shop;
let admin: string;
let inventoryDb: pg.Pool;
let catalogDb: pg.Pool;

before(async () => {
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'orders', 'gateway'],
    parallel: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      catalog: { CATALOG_ORPHANS_INTERVAL_MS: '500' },
      inventory: { INVENTORY_ORPHANS_INTERVAL_MS: '500' },
    },
  });
  gateway = Shop.throughGateway(system);
  admin = await gateway.register(adminEmail, password, 'Orphan Operator');
  // Planting goes straight into each service's own database, as a lost event or a restored backup
  // would leave it: no API of theirs makes a dangling reference.
  inventoryDb = new pg.Pool({ connectionString: system.env.inventory!.INVENTORY_DATABASE_URL, max: 2 });
  catalogDb = new pg.Pool({ connectionString: system.env.catalog!.CATALOG_DATABASE_URL, max: 2 });
});

after(async () => {
  await inventoryDb?.end();
  await catalogDb?.end();
  await system?.stop();
});

const orphansOf = async (service: string) => {
  const answer = await gateway.call('gateway', 'GET', `/admin/services/${service}/orphans`, { token: admin });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.checks as { kind: string; outcome: string; checkedAt: string; orphans: { key: string; ref: string; repaired: boolean }[] }[];
};

/** A sample of the service's metrics, by name and the labels given (others ignored); undefined when absent. */
async function metric(service: string, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const text = await (await fetch(system.metricsUrl(service), { signal: AbortSignal.timeout(10_000) })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const plantStockItem = async (sku: string, productId: string) => {
  await inventoryDb.query('INSERT INTO stock_items (sku, product_id_ref, low_stock_threshold) VALUES ($1, $2, 5)', [sku, productId]);
};
const stockItem = async (sku: string) => {
  const answer = await gateway.call('inventory', 'GET', `/inventory/${sku}`, { token: admin });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.item as { archivedAt: string | null; archivedReason: string | null; productName: string | null };
};

test('a stock item for a product catalog does not have is archived, a review by an account identity does not have is reported', async () => {
  const categoryId = await gateway.createCategory(admin, `orphans-${run}`, 'Orphans');
  const product = await gateway.createProduct(admin, { categoryId, sku: `REAL-${tag}`, priceMinor: 1500, stock: 3, name: 'Real lamp' });
  const review = await gateway.call('catalog', 'POST', `/products/${product.id}/reviews`, { token: admin, body: { rating: 5, comment: 'a real customer' } });
  assert.equal(review.status, 201, JSON.stringify(review.body));

  const orphanSku = `GONE-${tag}`;
  const missingProduct = randomUUID();
  await plantStockItem(orphanSku, missingProduct);
  const missingUser = randomUUID();
  await catalogDb.query('INSERT INTO product_reviews (product_id, user_id_ref, rating, comment) VALUES ($1, $2, 2, $3)', [product.id, missingUser, 'by nobody']);

  const stock = await eventually(async () => {
    const [check] = await orphansOf('inventory');
    return check?.orphans.some((o) => o.key === orphanSku) ? check : undefined;
  }, { timeoutMs: 60_000, message: 'inventory never found the planted stock item' });
  assert.equal(stock.kind, 'stock-item-product');
  assert.deepEqual(stock.orphans.find((o) => o.key === orphanSku), { key: orphanSku, ref: missingProduct, repaired: true });
  const archived = await stockItem(orphanSku);
  assert.equal(archived.archivedReason, `catalog has no product ${missingProduct}`);
  assert.equal((await stockItem(product.sku)).archivedAt, null, "the real product's item is left alone");
  assert.equal((await stockItem(product.sku)).productName, 'Real lamp', "and it shows the product's name");
  assert.equal(await metric('inventory', 'orphans_repaired_total', { kind: 'stock-item-product' }), 1);

  const reviews = await eventually(async () => {
    const [check] = await orphansOf('catalog');
    return check?.outcome === 'complete' && check.orphans.length > 0 ? check : undefined;
  }, { timeoutMs: 60_000, message: 'catalog never found the planted review' });
  assert.equal(reviews.kind, 'review-author');
  assert.deepEqual(reviews.orphans.map((o) => [o.ref, o.repaired]), [[missingUser, false]], "the admin's own review is not an orphan; the planted one is reported, not repaired");
  assert.equal(await metric('catalog', 'orphans_found', { kind: 'review-author' }), 1);
  const shown = await gateway.call('catalog', 'GET', `/products/${product.id}/reviews`);
  assert.equal(shown.body.items.length, 2, 'a reported review stays');
});

test("a renamed and repriced product: the stock list's name follows it, an order's line keeps what was ordered", async () => {
  const categoryId = await gateway.createCategory(admin, `copies-${run}`, 'Copies');
  const product = await gateway.createProduct(admin, { categoryId, sku: `COPY-${tag}`, priceMinor: 2400, stock: 5, name: 'Linen cushion' });
  const placed = await gateway.call('orders', 'POST', '/orders', {
    token: admin, headers: { 'idempotency-key': randomUUID() },
    body: { items: [{ productId: product.id, quantity: 2 }], shippingAddress: { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' }, paymentMethodId: randomUUID() },
  });
  assert.equal(placed.status, 202, JSON.stringify(placed.body));

  const changed = await gateway.call('catalog', 'PATCH', `/products/${product.id}`, { token: admin, body: { name: 'Linen cushion, large', priceMinor: 3100 } });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  await eventually(async () => (await stockItem(product.sku)).productName === 'Linen cushion, large', { timeoutMs: 30_000, message: "the stock item's name never followed the product" });

  const order = await gateway.call('orders', 'GET', `/orders/${placed.body.id as string}`, { token: admin });
  assert.equal(order.status, 200, JSON.stringify(order.body));
  assert.deepEqual(order.body.items.map((i: { name: string; unitPriceMinor: number; lineTotalMinor: number }) => [i.name, i.unitPriceMinor, i.lineTotalMinor]), [['Linen cushion', 2400, 4800]]);
});

test('with catalog stopped, inventory concludes nothing: its runs are unknown and a new orphan is neither reported nor archived', async () => {
  await system.services.catalog!.stop();
  const unknownBefore = (await metric('inventory', 'orphan_check_runs_total', { kind: 'stock-item-product', outcome: 'unknown' })) ?? 0;
  const laterSku = `LATER-${tag}`;
  await plantStockItem(laterSku, randomUUID());
  await eventually(async () => ((await metric('inventory', 'orphan_check_runs_total', { kind: 'stock-item-product', outcome: 'unknown' })) ?? 0) >= unknownBefore + 2,
    { timeoutMs: 60_000, message: "inventory's runs never turned unknown" });
  const [check] = await orphansOf('inventory');
  assert.equal(check?.outcome, 'unknown');
  assert.deepEqual(check?.orphans, []);
  assert.equal((await stockItem(laterSku)).archivedAt, null, 'nothing is archived while catalog cannot answer');
  assert.equal(await metric('inventory', 'orphans_repaired_total', { kind: 'stock-item-product' }), 1);
});
