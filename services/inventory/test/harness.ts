import assert from 'node:assert/strict';
import { contracts, type Messages } from '@bazaar/contracts';
import { payloadHandlers, withTransaction, type MessageKind, type Pool, type PoolClient } from '@bazaar/platform';
import { createServiceTestDatabase, deliverMessage, publishedMessages, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR } from '../src/app.js';
import { createMessageHandlers } from '../src/events.js';
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
  db: ServiceTestDatabase<Messages>;
  pool: Pool;
  /** The code under test publishes through `deps.publish`: to a real outbox in this file's database. */
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
 * Inventory as one test file sees it: a fresh database with the migrations applied, and a publish
 * that writes to a real outbox in that database, so every payload is checked against its contract
 * and only what committed transactions published is there to read.
 */
export async function startInventory(label: string, options: { poolSize?: number } = {}): Promise<Harness> {
  const db = await createServiceTestDatabase({
    service: 'inventory', label: `inventory_${label}`, migrationsDir: MIGRATIONS_DIR, contracts, poolSize: options.poolSize ?? 20,
  });
  const { pool } = db;
  const deps: StockDeps = { settings, now: () => new Date(), publish: db.publish };
  const tx = <T>(fn: (client: PoolClient) => Promise<T>) => withTransaction(pool, fn);
  const item = async (sku: string) => (await findStockItem(pool, sku))!;
  return {
    db,
    pool,
    deps,
    handlers: createMessageHandlers({ settings, publish: db.publish }),
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
    close: () => db.close(),
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
  const handlers = kind === 'events' ? payloadHandlers(contracts.events, h.handlers.eventHandlers) : payloadHandlers(contracts.commands, h.handlers.commandHandlers);
  const { envelope, duplicate } = await deliverMessage({ pool: h.pool, contracts, kind, handlers }, body);
  assert.equal(duplicate, false, `message ${envelope.id} was taken for a redelivery`);
}
