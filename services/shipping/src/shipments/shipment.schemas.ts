import { Type, type Static, type TSchema } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const Text = (maxLength: number) => Type.String({ maxLength });

// Payloads of the commands shipping consumes. Only what shipping reads is required (other fields are
// tolerated); the contracts package holds the full schemas. The address is checked loosely here on
// purpose: an address that cannot be shipped to is an expected outcome (shipment.failed), not a bad message.
export const CreateShipmentPayload = Type.Object({
  shipmentRequestId: Uuid,
  orderId: Uuid,
  userId: Uuid,
  recipient: Type.Object({
    name: Text(200),
    line1: Text(200),
    line2: Type.Optional(Type.Union([Text(200), Type.Null()])),
    city: Text(100),
    state: Type.Optional(Type.Union([Text(100), Type.Null()])),
    postalCode: Text(20),
    country: Text(60),
  }),
  items: Type.Array(
    Type.Object({ sku: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' }), quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }),
    { minItems: 1, maxItems: 200 },
  ),
});
export type CreateShipmentPayload = Static<typeof CreateShipmentPayload>;

export const CancelShipmentPayload = Type.Object({ orderId: Uuid, reason: Type.String({ minLength: 1, maxLength: 200 }) });
export type CancelShipmentPayload = Static<typeof CancelShipmentPayload>;

export { parsePayload } from '@bazaar/platform';

// HTTP.
export const TrackingParams = Type.Object({ tracking: Type.String({ minLength: 1, maxLength: 40, description: 'a tracking number such as BZ7K3M9QX2PA' }) });

export const ListShipmentsQuery = Type.Object({
  orderId: Type.Optional(Type.String({ format: 'uuid', description: "an order's shipment (admins: anyone's; others: their own)" })),
  after: Type.Optional(Type.String({ format: 'uuid', description: 'the `next` of the previous page' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
}, { additionalProperties: false });

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ShipmentSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  trackingNumber: Type.String(),
  carrier: Type.String(),
  status: Type.String({ description: 'created, cancelled, dispatched, delivered or failed' }),
  statusReason: Nullable(Type.String()),
  recipient: Type.Object({
    name: Type.String(), line1: Type.String(), line2: Nullable(Type.String()), city: Type.String(),
    state: Nullable(Type.String()), postalCode: Type.String(), country: Type.String(),
  }),
  items: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer() })),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const TrackingSchema = Type.Object({
  shipment: ShipmentSchema,
  deliveryAttempts: Type.Array(Type.Object({ attemptedAt: Type.String({ format: 'date-time' }), outcome: Type.String(), note: Nullable(Type.String()) })),
});
export const ShipmentPageSchema = Type.Object({ items: Type.Array(ShipmentSchema), next: Type.Optional(Type.String()) });
