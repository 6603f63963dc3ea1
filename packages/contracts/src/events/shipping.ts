import { Type } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { Line, MAX_LINES, Nullable, Reason, Timestamp, Uuid, Version } from '../common.js';

/** Reply to `shipping.create-shipment`. */
export const ShipmentCreatedV1 = Type.Object({
  shipmentRequestId: Uuid, orderId: Uuid, shipmentId: Uuid, trackingNumber: Type.String(), carrier: Type.String(),
  status: Type.String(), version: Version,
});
/** Reply to `shipping.create-shipment` when the address cannot be shipped to; nothing was created. */
export const ShipmentFailedV1 = Type.Object({ shipmentRequestId: Uuid, orderId: Uuid, reason: Type.String(), message: Type.String() });
/** Reply to `shipping.cancel-shipment`; `nothing_to_cancel` when there was none or it was already cancelled. */
export const ShipmentCancelledV1 = Type.Object({
  orderId: Uuid, shipmentId: Nullable(Uuid), effect: Type.Union([Type.Literal('cancelled'), Type.Literal('nothing_to_cancel')]), version: Nullable(Version),
});
/** Reply to `shipping.cancel-shipment` once the courier has it. */
export const ShipmentCancelRefusedV1 = Type.Object({
  orderId: Uuid, shipmentId: Uuid, reason: Type.Union([Type.Literal('already_dispatched'), Type.Literal('already_delivered')]), status: Type.String(), version: Version,
});

/**
 * The delivery lifecycle, published by shipping as it happens (not replies to a command). Each
 * carries the shipment's version after the change, so a copy (orders' order_shipping) keeps the
 * newest and ignores one that arrives late.
 */
const Delivery = {
  shipmentId: Uuid,
  orderId: Uuid,
  trackingNumber: Type.String({ pattern: '^BZ[2-9A-HJKMNP-TV-Z]{10}$' }),
  version: Version,
};
const CourierRef = Type.Object({ courierId: Uuid, name: Type.String({ minLength: 1, maxLength: 100 }) });

/** A courier was assigned to the shipment: the stock is leaving, the order can no longer be cancelled. */
export const ShipmentDispatchedV1 = Type.Object({ ...Delivery, courier: CourierRef, dispatchedAt: Timestamp });
/**
 * The courier ended the shift without delivering the parcel: it is dispatched again, to no courier
 * yet, and waits for the dispatcher to give it to another (a `shipment.dispatched` follows).
 */
export const ShipmentHandedBackV1 = Type.Object({ ...Delivery, courier: CourierRef, reason: Reason, handedBackAt: Timestamp });
/** The courier has the parcel. */
export const ShipmentPickedUpV1 = Type.Object({ ...Delivery, courier: CourierRef, pickedUpAt: Timestamp });
/** A delivery attempt failed; another follows unless `attemptsLeft` is 0 (then the parcel is returned). */
export const ShipmentAttemptFailedV1 = Type.Object({
  ...Delivery,
  courier: CourierRef,
  reason: Reason,
  attempt: Type.Integer({ minimum: 1, maximum: 20 }),
  attemptsLeft: Type.Integer({ minimum: 0, maximum: 20 }),
  failedAt: Timestamp,
});
/** The recipient has the parcel. */
export const ShipmentDeliveredV1 = Type.Object({ ...Delivery, courier: CourierRef, deliveredAt: Timestamp });
/** The parcel came back undelivered; its items are back at the warehouse. */
export const ShipmentReturnedV1 = Type.Object({
  ...Delivery,
  reason: Reason,
  items: Type.Array(Line, { minItems: 1, maxItems: MAX_LINES }),
  returnedAt: Timestamp,
});

export const shippingEvents = {
  'shipment.created': { 1: ShipmentCreatedV1 },
  'shipment.failed': { 1: ShipmentFailedV1 },
  'shipment.cancelled': { 1: ShipmentCancelledV1 },
  'shipment.cancel-refused': { 1: ShipmentCancelRefusedV1 },
  'shipment.dispatched': { 1: ShipmentDispatchedV1 },
  'shipment.handed_back': { 1: ShipmentHandedBackV1 },
  'shipment.picked_up': { 1: ShipmentPickedUpV1 },
  'shipment.attempt_failed': { 1: ShipmentAttemptFailedV1 },
  'shipment.delivered': { 1: ShipmentDeliveredV1 },
  'shipment.returned': { 1: ShipmentReturnedV1 },
} as const satisfies MessageRegistry;
