import type { PoolClient } from '@bazaar/platform';
import type { InventoryPublish } from '../events.js';
import { crossedIntoLowStock, effectOf, stockChanged, stockLow, type NewMovement, type StockItem, type StockSettings } from './stock.js';
import { insertMovement, shiftSnapshot } from './stock.store.js';

/** What every stock change needs: where events go, the clock, and the defaults. */
export interface StockDeps {
  publish: InventoryPublish;
  now: () => Date;
  settings: StockSettings;
}

/**
 * The only way quantities change: appends the movement to the ledger, moves the snapshot by its
 * effect (bumping the version) and announces the change, all on the caller's transaction. `before`
 * must be the item as locked by this transaction.
 */
export async function recordMovement(client: PoolClient, deps: StockDeps, before: StockItem, movement: NewMovement): Promise<StockItem> {
  await insertMovement(client, movement);
  const after = await shiftSnapshot(client, movement.sku, effectOf(movement));
  await announceChange(client, deps, before, after);
  return after;
}

/** `stock.changed` for every change; `stock.low` only when this change crossed the threshold. */
export async function announceChange(client: PoolClient, deps: StockDeps, before: StockItem | undefined, after: StockItem): Promise<void> {
  await deps.publish(client, 'stock.changed', stockChanged(after, deps.now()));
  if (before && crossedIntoLowStock(before, after)) await deps.publish(client, 'stock.low', stockLow(after));
}
