import { Type } from 'typebox';
import { MAX_GEO_LATITUDE } from './positions.js';
import { VEHICLES } from './courier.js';

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const Timestamp = Type.String({ format: 'date-time', maxLength: 40 });
const Latitude = Type.Number({
  minimum: -MAX_GEO_LATITUDE, maximum: MAX_GEO_LATITUDE,
  description: `degrees north, from -${MAX_GEO_LATITUDE} to ${MAX_GEO_LATITUDE} (the range a Web Mercator map, and Redis GEO, can hold)`,
});
const Longitude = Type.Number({ minimum: -180, maximum: 180, description: 'degrees east, from -180 to 180' });
const Vehicle = Type.Enum(VEHICLES, { description: VEHICLES.join(', ') });
const Capacity = Type.Integer({ minimum: 1, maximum: 50, format: 'int32', description: 'parcels carried at once' });

export const NewCourierBody = Type.Object({
  userId: Type.String({ format: 'uuid', maxLength: 36, description: 'the identity user who signs in as this courier (they need the courier role)' }),
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'shown to operators and customers' }),
  vehicle: Vehicle,
  capacity: Capacity,
}, { additionalProperties: false });

export const ShiftBody = Type.Object({
  onShift: Type.Boolean({ description: 'true to start taking work, false to stop' }),
}, { additionalProperties: false });

export const LocationBody = Type.Object({
  latitude: Latitude,
  longitude: Longitude,
}, { additionalProperties: false });

export const CourierIdParams = Type.Object({ id: Uuid });

export const NearbyQuery = Type.Object({
  latitude: Latitude,
  longitude: Longitude,
  radiusKm: Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 5, description: 'search radius in kilometres, up to 100' }),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 10, format: 'int32' }),
}, { additionalProperties: false });

export const ListCouriersQuery = Type.Object({
  after: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: 'the `next` of the previous page; an id that is no courier is a 400' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, format: 'int32' }),
}, { additionalProperties: false });

const Position = Type.Object({
  latitude: Type.Number({ minimum: -90, maximum: 90 }),
  longitude: Type.Number({ minimum: -180, maximum: 180 }),
  seenAt: Timestamp,
});

export const CourierSchema = Type.Object({
  id: Uuid,
  userId: Uuid,
  name: Type.String({ maxLength: 100 }),
  vehicle: Vehicle,
  capacity: Capacity,
  onShift: Type.Boolean(),
  shiftChangedAt: Type.Union([Timestamp, Type.Null()]),
  position: Type.Union([Position, Type.Null()], { description: 'the last position sent, while it is fresh' }),
  createdAt: Timestamp,
});

export const CourierPageSchema = Type.Object({
  items: Type.Array(CourierSchema, { maxItems: 100 }),
  next: Type.Optional(Uuid),
});

export const NearbySchema = Type.Object({
  items: Type.Array(Type.Object({
    courierId: Uuid,
    distanceKm: Type.Number({ minimum: 0 }),
    latitude: Type.Number({ minimum: -90, maximum: 90 }),
    longitude: Type.Number({ minimum: -180, maximum: 180 }),
    seenAt: Timestamp,
  }), { maxItems: 100 }),
});
