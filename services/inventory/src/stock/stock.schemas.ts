import { Type } from 'typebox';
import { MAX_QUANTITY, SKU_LENGTH, SKU_PATTERN } from './stock.js';

/** How many of an item's latest movements its detail shows. */
export const RECENT_MOVEMENTS = 20;

const Sku = Type.String({ pattern: SKU_PATTERN, ...SKU_LENGTH, description: 'capitals, digits and hyphens, e.g. BZR-0001' });
const Quantity = Type.Integer({ format: 'int32', minimum: 1, maximum: MAX_QUANTITY });
const Reason = Type.String({ minLength: 1, maxLength: 200 });
// The columns are PostgreSQL integers (int32) and bigints read as exact JavaScript numbers.
const Int32 = (minimum: number, description?: string) => Type.Integer({ format: 'int32', minimum, maximum: 2_147_483_647, ...(description ? { description } : {}) });
const Int64 = (minimum: number) => Type.Integer({ format: 'int64', minimum, maximum: Number.MAX_SAFE_INTEGER });
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const Timestamp = Type.String({ format: 'date-time', maxLength: 40 });

// HTTP. The messages inventory consumes are checked against their contracts (@bazaar/contracts) on receipt.
export const SkuParams = Type.Object({ sku: Sku });

export const ListQuery = Type.Object({
  lowStock: Type.Boolean({ default: false, description: 'only items at or below their low-stock threshold' }),
  after: Type.Optional(Type.String({ pattern: SKU_PATTERN, ...SKU_LENGTH, description: 'the `next` of the previous page' })),
  limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 50 }),
}, { additionalProperties: false });

export const ReceiveBody = Type.Object({ quantity: Quantity, reason: Reason }, { additionalProperties: false });

export const AdjustBody = Type.Object({
  delta: Type.Integer({ format: 'int32', minimum: -MAX_QUANTITY, maximum: MAX_QUANTITY, description: 'a non-zero change to on-hand' }),
  reason: Reason,
}, { additionalProperties: false });

export const StockItemSchema = Type.Object({
  sku: Sku,
  productId: Type.Union([Uuid, Type.Null()]),
  onHand: Int32(0),
  reserved: Int32(0),
  available: Int32(0),
  version: Int64(1),
  lowStockThreshold: Int32(0),
  updatedAt: Timestamp,
  productName: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()], {
    description: "catalog's current name for the product, a copy that follows product.updated; null until catalog's first event about it",
  }),
  archivedAt: Type.Union([Timestamp, Type.Null()], { description: 'when the orphan cleanup archived the item because catalog no longer has its product' }),
  archivedReason: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
});

export const MovementSchema = Type.Object({
  id: Int64(1),
  kind: Type.Union([Type.Literal('received'), Type.Literal('reserved'), Type.Literal('released'), Type.Literal('committed'), Type.Literal('adjusted')]),
  quantity: Type.Integer({ format: 'int32', minimum: -2_147_483_648, maximum: 2_147_483_647, description: 'signed: its effect on the balances its kind touches' }),
  reservationId: Type.Union([Uuid, Type.Null()]),
  reason: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  createdAt: Timestamp,
});

export const StockDetailSchema = Type.Object({ item: StockItemSchema, movements: Type.Array(MovementSchema, { maxItems: RECENT_MOVEMENTS }) });
export const StockPageSchema = Type.Object({ items: Type.Array(StockItemSchema, { maxItems: 100 }), next: Type.Optional(Sku) });
export const StockChangeResponse = Type.Object({ item: StockItemSchema });
