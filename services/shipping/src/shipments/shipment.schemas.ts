import { Type, type TSchema } from 'typebox';
import { MAX_LINES } from '@bazaar/contracts';
import type { ShipmentStatus } from './shipment.js';

// 36 characters: the hyphenated form alone (format uuid also takes a `urn:uuid:` prefix, which PostgreSQL does not).
const Uuid = (description?: string) => Type.String({ format: 'uuid', maxLength: 36, ...(description ? { description } : {}) });
const Timestamp = Type.String({ format: 'date-time', maxLength: 30 });
const Int32 = (minimum: number, maximum = 2_147_483_647, options: { default?: number; description?: string } = {}) =>
  Type.Integer({ format: 'int32', minimum, maximum, ...options });

/** The most delivery attempts a shipment shows: the first ones, in order. */
export const DELIVERY_ATTEMPTS_SHOWN = 100;

// HTTP.
export const TrackingParams = Type.Object({
  tracking: Type.String({
    minLength: 1, maxLength: 40,
    description: 'a tracking number such as BZ7K3M9QX2PA, in any case, spaces and hyphens ignored; anything else is not found (404)',
  }),
});

/**
 * Every rule GET /shipments applies is stated here. Beyond the schema, a request is refused only for
 * an `after` that names no shipment of this listing.
 */
export const ListShipmentsQuery = Type.Object({
  orderId: Type.Optional(Uuid("an order's shipment (admins: anyone's; others: their own)")),
  after: Type.Optional(Uuid('the `next` of the previous page; an id that is not in this listing is a 400 naming after')),
  limit: Int32(1, 100, { default: 20 }),
}, { additionalProperties: false });

const STATUSES = ['created', 'cancelled', 'dispatched', 'picked_up', 'delivered', 'failed', 'returned'] as const satisfies readonly ShipmentStatus[];
// Fails to compile when the domain gains a status the document does not list.
const everyStatus: Exclude<ShipmentStatus, (typeof STATUSES)[number]> extends never ? true : never = true;
void everyStatus;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ShipmentSchema = Type.Object({
  id: Uuid(),
  orderId: Uuid(),
  trackingNumber: Type.String({ pattern: '^BZ[2-9A-HJKMNP-TV-Z]{10}$', maxLength: 12 }),
  carrier: Type.String({ maxLength: 50 }),
  status: Type.Enum(STATUSES),
  statusReason: Nullable(Type.String({ maxLength: 200 })),
  recipient: Type.Object({
    name: Type.String({ maxLength: 200 }), line1: Type.String({ maxLength: 200 }), line2: Nullable(Type.String({ maxLength: 200 })),
    city: Type.String({ maxLength: 100 }), state: Nullable(Type.String({ maxLength: 100 })), postalCode: Type.String({ maxLength: 20 }),
    country: Type.String({ pattern: '^[A-Z]{2}$', maxLength: 2 }),
  }),
  items: Type.Array(Type.Object({
    sku: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', maxLength: 64 }),
    quantity: Int32(1, 1_000_000),
  }), { maxItems: MAX_LINES }),
  version: Int32(1),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const TrackingSchema = Type.Object({
  shipment: ShipmentSchema,
  deliveryAttempts: Type.Array(Type.Object({
    attemptedAt: Timestamp,
    outcome: Type.Enum(['delivered', 'failed']),
    note: Nullable(Type.String({ maxLength: 500 })),
  }), { maxItems: DELIVERY_ATTEMPTS_SHOWN }),
});
export const ShipmentPageSchema = Type.Object({
  items: Type.Array(ShipmentSchema, { maxItems: 100 }),
  next: Type.Optional(Uuid('present when there is a next page: pass it as after')),
});
