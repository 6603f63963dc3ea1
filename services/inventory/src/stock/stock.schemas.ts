import { Type } from 'typebox';
import { MAX_QUANTITY, SKU_LENGTH, SKU_PATTERN } from './stock.js';

const Sku = Type.String({ pattern: SKU_PATTERN, ...SKU_LENGTH, description: 'capitals, digits and hyphens, e.g. BZR-0001' });
const Quantity = Type.Integer({ minimum: 1, maximum: MAX_QUANTITY });
const Reason = Type.String({ minLength: 1, maxLength: 200 });

// HTTP. The messages inventory consumes are checked against their contracts (@bazaar/contracts) on receipt.
export const SkuParams = Type.Object({ sku: Sku });

export const ListQuery = Type.Object({
  lowStock: Type.Boolean({ default: false, description: 'only items at or below their low-stock threshold' }),
  after: Type.Optional(Type.String({ pattern: SKU_PATTERN, ...SKU_LENGTH, description: 'the `next` of the previous page' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
}, { additionalProperties: false });

export const ReceiveBody = Type.Object({ quantity: Quantity, reason: Reason }, { additionalProperties: false });

export const AdjustBody = Type.Object({
  delta: Type.Integer({ minimum: -MAX_QUANTITY, maximum: MAX_QUANTITY, description: 'a non-zero change to on-hand' }),
  reason: Reason,
}, { additionalProperties: false });

export const StockItemSchema = Type.Object({
  sku: Type.String(),
  productId: Type.Union([Type.String(), Type.Null()]),
  onHand: Type.Integer(),
  reserved: Type.Integer(),
  available: Type.Integer(),
  version: Type.Integer(),
  lowStockThreshold: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const MovementSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('received'), Type.Literal('reserved'), Type.Literal('released'), Type.Literal('committed'), Type.Literal('adjusted')]),
  quantity: Type.Integer({ description: 'signed: its effect on the balances its kind touches' }),
  reservationId: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

export const StockDetailSchema = Type.Object({ item: StockItemSchema, movements: Type.Array(MovementSchema) });
export const StockPageSchema = Type.Object({ items: Type.Array(StockItemSchema), next: Type.Optional(Type.String()) });
export const StockChangeResponse = Type.Object({ item: StockItemSchema });
