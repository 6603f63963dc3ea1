import { Type, type Static } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { Line, Reason, Uuid } from '../common.js';

/** Create the order's shipment to a snapshot of the recipient's address; idempotent by order. */
export const CreateShipmentV1 = Type.Object({
  shipmentRequestId: Uuid,
  orderId: Uuid,
  userId: Uuid,
  recipient: Type.Object({
    name: Type.String(),
    line1: Type.String(),
    line2: Type.Optional(Type.String()),
    city: Type.String(),
    state: Type.Optional(Type.String()),
    postalCode: Type.String(),
    country: Type.String(),
  }),
  items: Type.Array(Line, { minItems: 1 }),
});
/** Cancel the order's shipment unless the courier already has it. */
export const CancelShipmentV1 = Type.Object({ orderId: Uuid, reason: Reason });

export type CreateShipmentPayload = Static<typeof CreateShipmentV1>;
export type CancelShipmentPayload = Static<typeof CancelShipmentV1>;

export const shippingCommands = {
  'shipping.create-shipment': { 1: CreateShipmentV1 },
  'shipping.cancel-shipment': { 1: CancelShipmentV1 },
} as const satisfies MessageRegistry;
