import assert from 'node:assert/strict';
import { createPool, migrate, withTransaction, type Pool, type PoolClient } from '@bazaar/platform';
import { events, commands } from '@bazaar/contracts';
import { createOutbox, payloadHandlers, type MessageKind } from '@bazaar/platform';
import { createTestDatabase, deliverMessage, publishedMessages, type TestDatabase } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR } from '../src/app.js';
import { createMessageHandlers, publish, publisher } from '../src/events.js';
import type { StockDeps } from '../src/stock/stock.ledger.js';
import { ensureStockItem, receiveStock } from '../src/stock/stock.service.js';
import { findStockItem } from '../src/stock/stock.store.js';
import type { StockItem, StockSettings } from '../src/stock/stock.js';

export const settings: StockSettings = { lowStockThreshold: 5, reservationTtlSeconds: 900 };

export interface Published {
  type: string;
  payload: Record<string, unknown>;
}

export interface Harness {
  db: TestDatabase;
  pool: Pool;
  deps: StockDeps;
  handlers: ReturnType<typeof createMessageHandlers>;
  /** What committed transactions wrote to inventory's outbox, in the order it was written. */
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
 * seam bound to a real outbox in that database, so every payload is checked against its contract and
 * only what committed transactions published is there to read.
 */
export async function startInventory(label: string, options: { poolSize?: number } = {}): Promise<Harness> {
  const db = await createTestDatabase(`inventory_${label}`);
  await migrate(db.url, MIGRATIONS_DIR);
  const pool = createPool(db.url, { max: options.poolSize ?? 20 });
  publisher.bind(createOutbox('inventory', { events, commands }));
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
      return (await publishedMessages(pool, type ? { type } : {})).map(({ type: t, payload }) => ({ type: t, payload }));
    },
    async givenStock(sku, quantity) {
      await tx(async (client) => {
        await ensureStockItem(client, deps, sku, null);
        if (quantity > 0) await receiveStock(client, deps, sku, quantity, 'test stock');
      });
      return item(sku);
    },
    async close() {
      publisher.bind(undefined);
      await pool.end();
      await db.drop();
    },
  };
}

let counter = 0;
/** A fresh SKU in catalog's format, unique within the file. */
export const newSku = (tag = 'T'): string => `${tag}-${String(++counter).padStart(5, '0')}`;

/**
 * A message body taken off inventory's queue of `kind` as its consumer takes it (`deliverMessage`:
 * the contract check, then the handler main.ts registers for the type and the inbox row, in one
 * transaction). Each delivery here is a first one: a redelivery fails.
 */
export async function receive(h: Harness, kind: MessageKind, body: unknown): Promise<void> {
  const handlers = payloadHandlers(kind === 'events' ? h.handlers.eventHandlers : h.handlers.commandHandlers);
  const { envelope, duplicate } = await deliverMessage({ pool: h.pool, contracts: { events, commands }, kind, handlers }, body);
  assert.equal(duplicate, false, `message ${envelope.id} was taken for a redelivery`);
}
