import { Type, type Static } from 'typebox';
import { MAX_QUANTITY, SKU_LENGTH, SKU_PATTERN } from './stock.js';

const Sku = Type.String({ pattern: SKU_PATTERN, ...SKU_LENGTH, description: 'capitals, digits and hyphens, e.g. BZR-0001' });
const Uuid = Type.String({ format: 'uuid' });
const Quantity = Type.Integer({ minimum: 1, maximum: MAX_QUANTITY });
const Reason = Type.String({ minLength: 1, maxLength: 200 });

// Payloads of the messages inventory consumes. Only the fields inventory reads are required; the
// contracts package holds the full schemas and checks them on receipt.
export const ProductCreatedPayload = Type.Object({ productId: Uuid, sku: Sku });
export type ProductCreatedPayload = Static<typeof ProductCreatedPayload>;

export const ReservePayload = Type.Object({
  reservationId: Uuid,
  orderId: Uuid,
  items: Type.Array(Type.Object({ sku: Sku, quantity: Quantity }), { minItems: 1, maxItems: 200 }),
  ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 86_400 })),
});
export type ReservePayload = Static<typeof ReservePayload>;

export const ReleasePayload = Type.Object({ reservationId: Uuid, reason: Reason });
export type ReleasePayload = Static<typeof ReleasePayload>;

export const CommitPayload = Type.Object({ reservationId: Uuid });
export type CommitPayload = Static<typeof CommitPayload>;

// HTTP.
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
