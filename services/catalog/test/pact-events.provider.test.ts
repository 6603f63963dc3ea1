// Verifies the message pacts catalog provides (here: inventory's, on product.created) against what
// catalog really writes: each message is produced by catalog's own code on a fresh, migrated database
// with the outbox bound, and read back from the outbox, envelope and all.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts, type Messages } from '@bazaar/contracts';
import { verifyPacts } from '@bazaar/contract-testing';
import { createServiceTestDatabase, publishedMessages, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR } from '../src/app.js';
import { insertCategories } from '../src/categories/category.store.js';
import { createProduct } from '../src/products/product.service.js';

describe('catalog provides the message pacts of its consumers', () => {
  let db: ServiceTestDatabase<Messages>;
  before(async () => {
    db = await createServiceTestDatabase({ service: 'catalog', label: 'catalog_pact_events', migrationsDir: MIGRATIONS_DIR, contracts });
  });
  after(() => db.close());

  /** The envelope catalog wrote to its outbox: the last of this type about this product. */
  const written = async (type: string, productId: string) => {
    const found = (await publishedMessages(db.pool, { type })).filter((m) => m.payload.productId === productId).at(-1);
    assert.ok(found, `catalog wrote no ${type} for product ${productId}`);
    return found.envelope;
  };

  let categoryId: string | undefined;
  let skus = 0;

  test('inventory\'s pact is verified', async () => {
    const results = await verifyPacts({
      provider: 'catalog',
      consumers: ['inventory'],
      stateHandlers: {
        // What adding a product needs: a category to put it in.
        'a product is added to the catalog': async () => {
          const [category] = await insertCategories(db.pool, [{ slug: `lamps-${skus + 1}`, name: 'Lamps' }]);
          categoryId = category?.id;
        },
      },
      messageProviders: {
        // An admin adds a product (POST /products runs the same service function).
        'a product.created event': async () => {
          assert.ok(categoryId, 'the provider state made a category');
          const product = await createProduct(db, {
            sku: `LAMP-${String(++skus).padStart(3, '0')}`, name: 'Walnut desk lamp', priceMinor: 4900, currency: 'EUR', categoryId,
          });
          return written('product.created', product.id);
        },
      },
    });
    assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['inventory', true]], results.map((r) => r.error).join('\n'));
  });
});
