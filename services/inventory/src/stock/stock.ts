// Stock's pure domain: what a movement does to the balances, whether an adjustment is allowed, when
// stock counts as low, and the payloads that announce a change. No I/O here.
import type { StockChangedPayload, StockLowPayload } from '@bazaar/contracts';

/** SKUs as catalog issues them (e.g. `BZR-0001`); the database checks the same rule. */
export const SKU_PATTERN = '^[A-Z0-9]+(-[A-Z0-9]+)*$';
export const SKU_LENGTH = { minLength: 3, maxLength: 40 } as const;

/** The largest quantity one movement may carry; far above any real delivery, far below int overflow. */
export const MAX_QUANTITY = 1_000_000;

export interface StockSettings {
  /** The threshold a new stock item gets: at or below it, the item is low on stock. */
  lowStockThreshold: number;
  /** How long a reservation holds stock when the reserve command does not say. */
  reservationTtlSeconds: number;
}

export const defaultStockSettings: StockSettings = { lowStockThreshold: 5, reservationTtlSeconds: 900 };

export interface StockItem {
  sku: string;
  productId: string | null;
  onHand: number;
  reserved: number;
  available: number;
  version: number;
  lowStockThreshold: number;
  updatedAt: Date;
  /** Catalog's name for the product, a copy that follows product.updated (null until catalog's first event). */
  productName: string | null;
  /** Set when the orphan cleanup found that catalog no longer has the product. */
  archivedAt: Date | null;
  archivedReason: string | null;
}

export type MovementKind = 'received' | 'reserved' | 'released' | 'committed' | 'adjusted';

/**
 * One ledger entry. `quantity` is signed as its effect on the balances its kind touches: received
 * and reserved are positive, released and committed negative, adjusted either (see {@link effectOf}).
 */
export interface NewMovement {
  sku: string;
  kind: MovementKind;
  quantity: number;
  reservationId: string | null;
  reason: string | null;
}

export interface Movement extends NewMovement {
  id: number;
  createdAt: Date;
}

/** How a movement changes the snapshot: the same rule the ledger's generated columns follow. */
export function effectOf(movement: Pick<NewMovement, 'kind' | 'quantity'>): { onHand: number; reserved: number } {
  const q = movement.quantity;
  switch (movement.kind) {
    case 'received':
    case 'adjusted':
      return { onHand: q, reserved: 0 };
    case 'reserved':
    case 'released':
      return { onHand: 0, reserved: q };
    case 'committed':
      return { onHand: q, reserved: q };
  }
}

export const receipt = (sku: string, quantity: number, reason: string | null): NewMovement =>
  ({ sku, kind: 'received', quantity, reservationId: null, reason });

export type AdjustDecision =
  | { kind: 'adjust'; movement: NewMovement }
  | { kind: 'below_reserved'; onHand: number; reserved: number; delta: number };

/** A stock count correction; it may not take on-hand below what is already promised to orders. */
export function decideAdjustment(item: Pick<StockItem, 'sku' | 'onHand' | 'reserved'>, delta: number, reason: string): AdjustDecision {
  if (item.onHand + delta < item.reserved) {
    return { kind: 'below_reserved', onHand: item.onHand, reserved: item.reserved, delta };
  }
  return { kind: 'adjust', movement: { sku: item.sku, kind: 'adjusted', quantity: delta, reservationId: null, reason } };
}

const isLow = (item: Pick<StockItem, 'available' | 'lowStockThreshold'>) => item.available <= item.lowStockThreshold;

/** True only when a change takes the item from above its threshold to at or below it. */
export function crossedIntoLowStock(before: Pick<StockItem, 'available' | 'lowStockThreshold'>, after: Pick<StockItem, 'available' | 'lowStockThreshold'>): boolean {
  return !isLow(before) && isLow(after);
}

export function stockChanged(item: StockItem, occurredAt: Date): StockChangedPayload {
  return {
    sku: item.sku,
    ...(item.productId ? { productId: item.productId } : {}),
    onHand: item.onHand,
    reserved: item.reserved,
    available: item.available,
    version: item.version,
    occurredAt: occurredAt.toISOString(),
  };
}

export const stockLow = (item: StockItem): StockLowPayload =>
  ({ sku: item.sku, available: item.available, threshold: item.lowStockThreshold });
