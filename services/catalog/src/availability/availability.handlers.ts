import type { Queryable } from '@bazaar/platform';
import { upsertAvailability } from './availability.store.js';

/** inventory's `stock.changed` payload: the SKU's stock after a movement, with inventory's version. */
export interface StockChanged {
  sku: string;
  available: number;
  onHand: number;
  reserved: number;
  version: number;
  occurredAt: string;
}

/**
 * Keeps catalog's copy of a SKU's availability. Safe under redelivery and reordering: the copy moves
 * only to a higher version, so applying v3, v1, v3, v2 leaves v3's figures. Returns whether the copy
 * changed. A payload that is not a stock.changed throws, so the consumer parks it rather than guess.
 */
export async function applyStockChanged(client: Queryable, payload: StockChanged): Promise<{ applied: boolean }> {
  const { sku, available, version, occurredAt } = payload;
  const updatedAt = new Date(occurredAt);
  if (typeof sku !== 'string' || sku === '' || !Number.isSafeInteger(available) || !Number.isSafeInteger(version) || Number.isNaN(updatedAt.getTime())) {
    throw new TypeError(`stock.changed payload is malformed: ${JSON.stringify(payload)}`);
  }
  const applied = await upsertAvailability(client, { sku, available, version, updatedAt });
  return { applied };
}
