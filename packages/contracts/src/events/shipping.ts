import { Type } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { Nullable, Uuid, Version } from '../common.js';

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

export const shippingEvents = {
  'shipment.created': { 1: ShipmentCreatedV1 },
  'shipment.failed': { 1: ShipmentFailedV1 },
  'shipment.cancelled': { 1: ShipmentCancelledV1 },
  'shipment.cancel-refused': { 1: ShipmentCancelRefusedV1 },
} as const satisfies MessageRegistry;
