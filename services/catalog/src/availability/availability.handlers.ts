import type { StockChangedPayload } from '@bazaar/contracts';
import type { Queryable } from '@bazaar/platform';
import { upsertAvailability } from './availability.store.js';

/**
 * Keeps catalog's copy of a SKU's availability from inventory's `stock.changed`. Safe under
 * redelivery and reordering: the copy moves only to a higher version, so applying v3, v1, v3, v2
 * leaves v3's figures. Returns whether the copy changed. The consumer has checked the payload
 * against its contract; one that breaks it is parked before it gets here.
 */
export async function applyStockChanged(client: Queryable, payload: StockChangedPayload): Promise<{ applied: boolean }> {
  const { sku, available, version, occurredAt } = payload;
  const applied = await upsertAvailability(client, { sku, available, version, updatedAt: new Date(occurredAt) });
  return { applied };
}
