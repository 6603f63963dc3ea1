import { Type, type TSchema } from 'typebox';
import { CHANNELS, STATUSES } from './notification.js';

// 36 characters: the hyphenated form alone (format uuid also takes a `urn:uuid:` prefix, which PostgreSQL does not).
const Uuid = (description?: string) => Type.String({ format: 'uuid', maxLength: 36, ...(description ? { description } : {}) });
const Timestamp = Type.String({ format: 'date-time', maxLength: 30 });
const Int32 = (minimum: number, maximum = 2_147_483_647, options: { default?: number; description?: string } = {}) =>
  Type.Integer({ format: 'int32', minimum, maximum, ...options });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * Every rule GET /notifications applies is stated here. Beyond the schema, a request is refused only
 * for an `after` that names no message of this listing.
 */
export const ListNotificationsQuery = Type.Object({
  after: Type.Optional(Uuid('the `next` of the previous page; an id that is not in this listing is a 400 naming after')),
  limit: Int32(1, 100, { default: 20 }),
}, { additionalProperties: false });

export const NotificationParams = Type.Object({ id: Uuid('a message id, as listed') }, { additionalProperties: false });

export const NotificationSchema = Type.Object({
  id: Uuid(),
  channel: Type.Enum(CHANNELS),
  kind: Type.String({ maxLength: 50, description: 'what the message is about: welcome, receipt, order_cancelled, shipment_delivered …' }),
  orderId: Nullable(Uuid()),
  recipient: Nullable(Type.String({ maxLength: 320, description: 'the email address, phone number or (push) user id it went to' })),
  subject: Nullable(Type.String({ maxLength: 500 })),
  body: Type.String({ maxLength: 20_000 }),
  status: Type.Enum(STATUSES),
  attempts: Int32(0),
  createdAt: Timestamp,
  sentAt: Nullable(Timestamp),
});

/** What admins see of a message besides what its user sees: why it failed and where it came from. */
export const AdminNotificationSchema = Type.Object({
  ...NotificationSchema.properties,
  userId: Uuid(),
  eventId: Uuid(),
  eventType: Type.String({ maxLength: 100 }),
  jobId: Type.String({ maxLength: 100 }),
  lastError: Nullable(Type.String({ maxLength: 1000 })),
  providerId: Nullable(Type.String({ maxLength: 200 })),
  updatedAt: Timestamp,
});

export const NotificationPageSchema = Type.Object({
  items: Type.Array(NotificationSchema, { maxItems: 100 }),
  next: Type.Optional(Uuid('present when there is a next page: pass it as after')),
});

export const AdminNotificationPageSchema = Type.Object({
  items: Type.Array(AdminNotificationSchema, { maxItems: 100 }),
  next: Type.Optional(Uuid('present when there is a next page: pass it as after')),
});

export const RetriedSchema = Type.Object({
  retried: Int32(0, 2_147_483_647, { description: 'failed messages queued again' }),
});

export const QueueCountsSchema = Type.Object({
  waiting: Int32(0), active: Int32(0), delayed: Int32(0), failed: Int32(0),
  oldestWaitingAgeSeconds: Type.Number({ minimum: 0, description: 'how long the oldest waiting job has waited (0 when none waits)' }),
  failedInHistory: Int32(0, 2_147_483_647, { description: 'messages recorded failed, which an admin may retry (BullMQ keeps only the last few failed jobs)' }),
});
