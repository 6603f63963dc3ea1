import { createPool, migrate, withTransaction, type Pool, type PoolClient } from '@bazaar/platform';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR } from '../src/app.js';
import { createMessageHandlers, publish, setPublishSink } from '../src/events.js';
import type { StockDeps } from '../src/stock/stock.ledger.js';
import { ensureStockItem, receiveStock } from '../src/stock/stock.service.js';
import { findStockItem } from '../src/stock/stock.store.js';
import type { StockItem, StockSettings } from '../src/stock/stock.js';

export const settings: StockSettings = { lowStockThreshold: 5, reservationTtlSeconds: 900 };

export interface Published {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
}

export interface Harness {
  db: TestDatabase;
  pool: Pool;
  deps: StockDeps;
  handlers: ReturnType<typeof createMessageHandlers>;
  /** What went through the publish seam in committed transactions, in commit order per row lock. */
  published(type?: string): Promise<Published[]>;
  /** Runs `fn` in a transaction, as the consumer runs a handler. */
  tx<T>(fn: (client: PoolClient) => Promise<T>): Promise<T>;
  /** Creates the item if needed and receives `quantity` into it. */
  givenStock(sku: string, quantity: number): Promise<StockItem>;
  item(sku: string): Promise<StockItem>;
  close(): Promise<void>;
}

/**
 * Inventory as one test file sees it: a fresh database with the migrations applied, and the publish
 * seam recording into a table of that database through the caller's client, so that, like the
 * outbox it stands for, it keeps exactly what committed transactions published.
 */
export async function startInventory(label: string, options: { poolSize?: number } = {}): Promise<Harness> {
  const db = await createTestDatabase(`inventory_${label}`);
  await migrate(db.url, MIGRATIONS_DIR);
  const pool = createPool(db.url, { max: options.poolSize ?? 20 });
  await pool.query('CREATE TABLE test_published (seq bigserial PRIMARY KEY, type text NOT NULL, payload jsonb NOT NULL)');
  setPublishSink(async (client, type, payload) => {
    await client.query('INSERT INTO test_published (type, payload) VALUES ($1, $2)', [type, JSON.stringify(payload)]);
  });
  const deps: StockDeps = { settings, now: () => new Date(), publish };
  const tx = <T>(fn: (client: PoolClient) => Promise<T>) => withTransaction(pool, fn);
  const item = async (sku: string) => (await findStockItem(pool, sku))!;
  return {
    db,
    pool,
    deps,
    handlers: createMessageHandlers({ settings }),
    tx,
    item,
    async published(type) {
      const { rows } = await pool.query<Published>(
        'SELECT seq::int AS seq, type, payload FROM test_published WHERE $1::text IS NULL OR type = $1 ORDER BY seq',
        [type ?? null],
      );
      return rows;
    },
    async givenStock(sku, quantity) {
      await tx(async (client) => {
        await ensureStockItem(client, deps, sku, null);
        if (quantity > 0) await receiveStock(client, deps, sku, quantity, 'test stock');
      });
      return item(sku);
    },
    async close() {
      setPublishSink(undefined);
      await pool.end();
      await db.drop();
    },
  };
}

let counter = 0;
/** A fresh SKU in catalog's format, unique within the file. */
export const newSku = (tag = 'T'): string => `${tag}-${String(++counter).padStart(5, '0')}`;
