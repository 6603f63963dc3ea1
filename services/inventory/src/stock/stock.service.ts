// Stock item use cases, each on the caller's transaction: creating items, receiving and adjusting.
import type { PoolClient } from '@bazaar/platform';
import { announceChange, recordMovement, type StockDeps } from './stock.ledger.js';
import { decideAdjustment, receipt, type StockItem } from './stock.js';
import { findStockItem, insertStockItem, linkProduct, lockStockItems } from './stock.store.js';

export type EnsureOutcome =
  | { kind: 'created'; item: StockItem }
  | { kind: 'linked'; item: StockItem }
  | { kind: 'exists'; item: StockItem }
  /** The SKU already belongs to another product; left as it is. */
  | { kind: 'sku_taken'; item: StockItem };

/**
 * Makes sure a stock item exists for the SKU, with nothing on hand if new, and records its catalog
 * product when known. Safe to repeat.
 */
export async function ensureStockItem(client: PoolClient, deps: StockDeps, sku: string, productId: string | null): Promise<EnsureOutcome> {
  const created = await insertStockItem(client, sku, productId, deps.settings.lowStockThreshold);
  if (created) {
    await announceChange(client, deps, undefined, created);
    return { kind: 'created', item: created };
  }
  const linked = productId ? await linkProduct(client, sku, productId) : undefined;
  if (linked) {
    await announceChange(client, deps, undefined, linked);
    return { kind: 'linked', item: linked };
  }
  const item = (await findStockItem(client, sku))!;
  return productId && item.productId !== productId ? { kind: 'sku_taken', item } : { kind: 'exists', item };
}

export type ReceiveOutcome = { kind: 'received'; item: StockItem } | { kind: 'unknown_sku' };

/** Goods in: adds to on-hand. */
export async function receiveStock(client: PoolClient, deps: StockDeps, sku: string, quantity: number, reason: string | null): Promise<ReceiveOutcome> {
  const before = (await lockStockItems(client, [sku])).get(sku);
  if (!before) return { kind: 'unknown_sku' };
  return { kind: 'received', item: await recordMovement(client, deps, before, receipt(sku, quantity, reason)) };
}

export type AdjustOutcome =
  | { kind: 'adjusted'; item: StockItem }
  | { kind: 'unknown_sku' }
  | { kind: 'below_reserved'; onHand: number; reserved: number; delta: number };

/** A count correction (damage, stocktake); never below what is promised to orders. */
export async function adjustStock(client: PoolClient, deps: StockDeps, sku: string, delta: number, reason: string): Promise<AdjustOutcome> {
  const before = (await lockStockItems(client, [sku])).get(sku);
  if (!before) return { kind: 'unknown_sku' };
  const decision = decideAdjustment(before, delta, reason);
  if (decision.kind === 'below_reserved') return decision;
  return { kind: 'adjusted', item: await recordMovement(client, deps, before, decision.movement) };
}
