import { Type, type Static } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { Timestamp, Uuid } from '../common.js';

/**
 * A service's answer to `user.deleted`: it has erased or anonymised what it held of the user, by its
 * own rule, in the same transaction as it recorded the deletion. Sent by every service that keeps
 * anything of a user; identity records each, so an operator sees which services have not answered.
 * Sent again (harmlessly) if the deletion is delivered again after its inbox row was cleaned up.
 */
export const UserErasedV1 = Type.Object({
  userId: Uuid,
  service: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 60, description: 'the service that erased its copy' }),
  erasedAt: Timestamp,
  /** What the service did, in a few words an operator can read (e.g. "2 reviews anonymised"). */
  summary: Type.Optional(Type.String({ maxLength: 500 })),
});

export type UserErasedPayload = Static<typeof UserErasedV1>;

export const erasureEvents = {
  'user.erased': { 1: UserErasedV1 },
} as const satisfies MessageRegistry;
