// Verifies the message pacts catalog provides (inventory's on product.created and product.updated v1,
// analytics' on product.updated v2) against what catalog really writes: each message is produced by
// catalog's own code on a fresh, migrated database with the outbox bound, and read back from the
// outbox, envelope and all, at the version the interaction asks for. And the versions of
// product.updated catalog writes are exactly those the pacts of record ask for.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts, type Messages } from '@bazaar/contracts';
import { pactDir, readPactDir, verifyPacts, versionsAsked } from '@bazaar/contract-testing';
import { createServiceTestDatabase, publishedMessages, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR } from '../src/app.js';
import { insertCategories } from '../src/categories/category.store.js';
import type { CatalogPublish } from '../src/events.js';
import { PRODUCT_UPDATED_VERSIONS } from '../src/products/product.js';
import { changeProduct, createProduct } from '../src/products/product.service.js';

describe('catalog provides the message pacts of its consumers', () => {
  let db: ServiceTestDatabase<Messages>;
  before(async () => {
    db = await createServiceTestDatabase({ service: 'catalog', label: 'catalog_pact_events', migrationsDir: MIGRATIONS_DIR, contracts });
  });
  after(() => db.close());

  /** The envelope catalog wrote to its outbox: the last of this type (and version) about this product. */
  const written = async (type: string, productId: string, version = 1) => {
    const found = (await publishedMessages(db.pool, { type })).filter((m) => m.payload.productId === productId && m.envelope.version === version).at(-1);
    assert.ok(found, `catalog wrote no ${type} v${version} for product ${productId}`);
    return found.envelope;
  };

  let categoryId: string | undefined;
  let skus = 0;

  /** A product to change, in a category of its own, made by catalog's code. */
  let existing: string | undefined;
  const addProduct = async () => {
    const [category] = await insertCategories(db.pool, [{ slug: `rooms-${++skus}`, name: 'Rooms' }]);
    const product = await createProduct(db, { sku: `ATLAS-${String(skus).padStart(3, '0')}`, name: 'World atlas', priceMinor: 2900, currency: 'EUR', categoryId: category!.id });
    existing = product.id;
  };
  /**
   * An admin renames and reprices it (PATCH /products/:id runs the same service function) and moves
   * it. `publish` is the outbox's, or a catalog's that leaves some versions out.
   */
  const changeIt = async (version: number, publish: CatalogPublish = db.publish) => {
    assert.ok(existing, 'the provider state made a product');
    const [garden] = await insertCategories(db.pool, [{ slug: `garden-${++skus}`, name: 'Garden' }]);
    await changeProduct({ pool: db.pool, publish }, existing, { name: 'Garden atlas', priceMinor: 3900, categoryId: garden!.id });
    return written('product.updated', existing, version);
  };

  test('catalog writes product.updated in exactly the versions the pacts of record ask for', () => {
    assert.deepEqual([...PRODUCT_UPDATED_VERSIONS], versionsAsked('catalog', readPactDir(pactDir()))['product.updated'] ?? [],
      'PRODUCT_UPDATED_VERSIONS (src/products/product.ts) must list what the consumers\' pacts ask for: npm run pact -- versions catalog');
  });

  test('analytics\' pact is verified', async () => {
    const results = await verifyPacts({
      provider: 'catalog',
      consumers: ['analytics'],
      stateHandlers: { 'a product exists': addProduct },
      messageProviders: { 'a product.updated event (v2)': () => changeIt(2) },
    });
    assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['analytics', true]], results.map((r) => r.error).join('\n'));
  });

  // inventory's interactions, as catalog's code produces them: the same in both tests below, but for
  // what `publish` lets through, so the one that fails fails for the version left out.
  const inventoryStates = {
    // What adding a product needs: a category to put it in.
    'a product is added to the catalog': async () => {
      const [category] = await insertCategories(db.pool, [{ slug: `lamps-${skus + 1}`, name: 'Lamps' }]);
      categoryId = category?.id;
    },
    'a product exists': addProduct,
  };
  const inventoryMessages = (publish: CatalogPublish = db.publish) => ({
    // An admin adds a product (POST /products runs the same service function).
    'a product.created event': async () => {
      assert.ok(categoryId, 'the provider state made a category');
      const product = await createProduct(db, {
        sku: `LAMP-${String(++skus).padStart(3, '0')}`, name: 'Walnut desk lamp', priceMinor: 4900, currency: 'EUR', categoryId,
      });
      return written('product.created', product.id);
    },
    'a product.updated event': () => changeIt(1, publish),
  });

  test('inventory\'s pact is verified', async () => {
    const results = await verifyPacts({ provider: 'catalog', consumers: ['inventory'], stateHandlers: inventoryStates, messageProviders: inventoryMessages() });
    assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['inventory', true]], results.map((r) => r.error).join('\n'));
  });

  test('a catalog that stopped writing v1 while inventory asks for it fails inventory\'s pact (the outcome is not recorded)', async () => {
    const v2Only: CatalogPublish = (client, type, payload, options) => (options?.version === 1 ? Promise.resolve() : db.publish(client, type, payload, options));
    const results = await verifyPacts({
      provider: 'catalog', consumers: ['inventory'], resultsDir: false, stateHandlers: inventoryStates, messageProviders: inventoryMessages(v2Only),
    });
    assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['inventory', false]]);
  });
});
