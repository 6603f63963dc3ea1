import { Type } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { AmountMinor, Currency, Quantity, Reason, Sku, Timestamp, Uuid } from '../common.js';

/** Who an order is and what it is worth: every order event carries it, so a consumer needs no lookup. */
const OrderRef = {
  orderId: Uuid,
  /** The human-readable number shown to the customer, e.g. `BZ-260314-7KQ2M`. */
  orderNumber: Type.String({ minLength: 1, maxLength: 40 }),
  userId: Uuid,
};

/**
 * An order was accepted and its checkout started. Prices are the snapshot taken from catalog at
 * checkout; nothing is held yet (the saga authorizes, reserves and ships next).
 */
export const OrderPlacedV1 = Type.Object({
  ...OrderRef,
  totalMinor: AmountMinor,
  currency: Currency,
  items: Type.Array(Type.Object({ productId: Uuid, sku: Sku, quantity: Quantity, unitPriceMinor: AmountMinor }), { minItems: 1 }),
  placedAt: Timestamp,
});

/** The checkout succeeded: payment captured, stock reserved, shipment created. */
export const OrderConfirmedV1 = Type.Object({ ...OrderRef, totalMinor: AmountMinor, currency: Currency, confirmedAt: Timestamp });

/** The order ended without being fulfilled and whatever the checkout had done was undone. */
export const OrderCancelledV1 = Type.Object({
  ...OrderRef, reason: Reason, cancelledAt: Timestamp,
  /** Added after the first version: what the customer was refunded, when money had been taken (0 or absent: none). */
  refundedMinor: Type.Optional(AmountMinor),
});

/**
 * The order was refused at checkout: its payment declined, or its fraud screening rejected it before
 * any payment was asked for (the reason then ends `(fraud-suspected)`). Nothing was held, the order is
 * closed. `reason` is for people (the customer's mail and order page); its wording may change.
 */
export const OrderRejectedV1 = Type.Object({ ...OrderRef, reason: Reason, rejectedAt: Timestamp });

export const orderEvents = {
  'order.placed': { 1: OrderPlacedV1 },
  'order.confirmed': { 1: OrderConfirmedV1 },
  'order.cancelled': { 1: OrderCancelledV1 },
  'order.rejected': { 1: OrderRejectedV1 },
} as const satisfies MessageRegistry;
