import { Type, type Static } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { Line, Nullable, Reason, Sku, Timestamp, Uuid, Version } from '../common.js';

/** A stock item's levels after a change. Copies (catalog's availability) keep the highest version. */
export const StockChangedV1 = Type.Object({
  sku: Sku,
  productId: Type.Optional(Uuid),
  onHand: Type.Integer({ minimum: 0 }),
  reserved: Type.Integer({ minimum: 0 }),
  available: Type.Integer({ minimum: 0 }),
  version: Version,
  occurredAt: Timestamp,
});

/** Available stock crossed down to (or below) the item's threshold. */
export const StockLowV1 = Type.Object({ sku: Sku, available: Type.Integer({ minimum: 0 }), threshold: Type.Integer({ minimum: 0 }) });

/** Reply to `inventory.reserve`: every line is held until committed, released or expired. */
export const StockReservedV1 = Type.Object({ reservationId: Uuid, orderId: Uuid, items: Type.Array(Line) });

/** Reply to `inventory.reserve` when it cannot be met: nothing was held. */
export const StockReservationRejectedV1 = Type.Object({
  reservationId: Uuid,
  orderId: Uuid,
  reason: Type.Union([Type.Literal('insufficient_stock'), Type.Literal('unknown_sku')]),
  shortages: Type.Array(Type.Object({ sku: Sku, requested: Type.Integer(), available: Type.Integer() })),
});

/** A reservation was released (compensation, cancellation or expiry). */
export const StockReleasedV1 = Type.Object({ reservationId: Uuid, orderId: Nullable(Uuid), reason: Reason });

/** A reservation became a shipment of stock: on hand and reserved both went down. */
export const StockCommittedV1 = Type.Object({ reservationId: Uuid, orderId: Uuid });

export type StockChangedPayload = Static<typeof StockChangedV1>;
export type StockLowPayload = Static<typeof StockLowV1>;
export type StockReservedPayload = Static<typeof StockReservedV1>;
export type StockReservationRejectedPayload = Static<typeof StockReservationRejectedV1>;
export type StockReleasedPayload = Static<typeof StockReleasedV1>;
export type StockCommittedPayload = Static<typeof StockCommittedV1>;

export const inventoryEvents = {
  'stock.changed': { 1: StockChangedV1 },
  'stock.low': { 1: StockLowV1 },
  'stock.reserved': { 1: StockReservedV1 },
  'stock.reservation-rejected': { 1: StockReservationRejectedV1 },
  'stock.released': { 1: StockReleasedV1 },
  'stock.committed': { 1: StockCommittedV1 },
} as const satisfies MessageRegistry;
