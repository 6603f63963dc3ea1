import { Type, type Static } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { Line, MAX_LINES, Reason, Uuid } from '../common.js';

/** Hold stock for an order, all lines or none; idempotent by reservation id. */
export const ReserveV1 = Type.Object({
  reservationId: Uuid,
  orderId: Uuid,
  items: Type.Array(Line, { minItems: 1, maxItems: MAX_LINES }),
  /** How long the hold lasts unless committed: at most a week. */
  ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 86_400 })),
});
/** Give held stock back (compensation or cancellation); safe to repeat, safe before the reserve. */
export const ReleaseV1 = Type.Object({ reservationId: Uuid, reason: Reason });
/** Turn held stock into stock that has left (the order is confirmed). */
export const CommitV1 = Type.Object({ reservationId: Uuid });

export type ReservePayload = Static<typeof ReserveV1>;
export type ReleasePayload = Static<typeof ReleaseV1>;
export type CommitPayload = Static<typeof CommitV1>;

export const inventoryCommands = {
  'inventory.reserve': { 1: ReserveV1 },
  'inventory.release': { 1: ReleaseV1 },
  'inventory.commit': { 1: CommitV1 },
} as const satisfies MessageRegistry;
