import { Type, type Static } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { Line, MAX_LINES, Reason, Text, Uuid } from '../common.js';

/** Create the order's shipment to a snapshot of the recipient's address; idempotent by order. */
export const CreateShipmentV1 = Type.Object({
  shipmentRequestId: Uuid,
  orderId: Uuid,
  userId: Uuid,
  recipient: Type.Object({
    name: Text(200),
    line1: Text(200),
    line2: Type.Optional(Text(200)),
    city: Text(100),
    state: Type.Optional(Text(100)),
    postalCode: Text(20),
    country: Text(60),
  }),
  items: Type.Array(Line, { minItems: 1, maxItems: MAX_LINES }),
});
/** Cancel the order's shipment unless the courier already has it. */
export const CancelShipmentV1 = Type.Object({ orderId: Uuid, reason: Reason });

export type CreateShipmentPayload = Static<typeof CreateShipmentV1>;
export type CancelShipmentPayload = Static<typeof CancelShipmentV1>;

export const shippingCommands = {
  'shipping.create-shipment': { 1: CreateShipmentV1 },
  'shipping.cancel-shipment': { 1: CancelShipmentV1 },
} as const satisfies MessageRegistry;
