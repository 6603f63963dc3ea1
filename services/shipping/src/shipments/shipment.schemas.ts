import { Type, type TSchema } from 'typebox';

// HTTP.
export const TrackingParams = Type.Object({ tracking: Type.String({ minLength: 1, maxLength: 40, description: 'a tracking number such as BZ7K3M9QX2PA' }) });

export const ListShipmentsQuery = Type.Object({
  orderId: Type.Optional(Type.String({ format: 'uuid', description: "an order's shipment (admins: anyone's; others: their own)" })),
  after: Type.Optional(Type.String({ format: 'uuid', description: 'the `next` of the previous page; an id that is not in this listing is a 400' })),
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
