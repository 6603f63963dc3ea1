// Verifies the event pacts inventory provides (here: catalog's, on stock.changed) against what
// inventory really writes: each message is produced by inventory's own code on a fresh, migrated
// database with the outbox bound, and read back from the outbox, envelope and all. inventory's
// replies to the saga are verified with orders' pacts, elsewhere (pact-replies*).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { contracts, type Messages } from '@bazaar/contracts';
import { verifyPacts } from '@bazaar/contract-testing';
import { withTransaction } from '@bazaar/platform';
import { createServiceTestDatabase, publishedMessages, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR } from '../src/app.js';
import type { StockDeps } from '../src/stock/stock.ledger.js';
import { ensureStockItem, receiveStock } from '../src/stock/stock.service.js';
import { settings } from './harness.js';

describe('inventory provides the event pacts of its consumers', () => {
  let db: ServiceTestDatabase<Messages>;
  let deps: StockDeps;
  before(async () => {
    db = await createServiceTestDatabase({ service: 'inventory', label: 'inventory_pact_events', migrationsDir: MIGRATIONS_DIR, contracts });
    deps = { settings, now: () => new Date(), publish: db.publish };
  });
  after(() => db.close());

  /** The envelope inventory wrote to its outbox: the last of this type about this SKU. */
  const written = async (type: string, sku: string) => {
    const found = (await publishedMessages(db.pool, { type })).filter((m) => m.payload.sku === sku).at(-1);
    assert.ok(found, `inventory wrote no ${type} for ${sku}`);
    return found.envelope;
  };

  let sku: string | undefined;
  let skus = 0;

  test('catalog\'s pact is verified', async () => {
    const results = await verifyPacts({
      provider: 'inventory',
      consumers: ['catalog'],
      stateHandlers: {
        // As product.created leaves it: a stock item for the product's SKU, nothing on hand yet.
        "a product's SKU is stocked": async () => {
          sku = `LAMP-${String(++skus).padStart(3, '0')}`;
          await withTransaction(db.pool, (client) => ensureStockItem(client, deps, sku!, randomUUID()));
        },
      },
      messageProviders: {
        // Goods arrive (POST /inventory/:sku/receive runs the same use case).
        'a stock.changed event': async () => {
          assert.ok(sku, 'the provider state made a stock item');
          await withTransaction(db.pool, (client) => receiveStock(client, deps, sku!, 9, 'delivery'));
          return written('stock.changed', sku);
        },
      },
    });
    assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['catalog', true]], results.map((r) => r.error).join('\n'));
  });
});
