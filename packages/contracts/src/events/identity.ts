import { Type, type Static } from 'typebox';
import type { MessageRegistry } from '../registry.js';

/** A person signed up. Consumers copy the name and email they need (a snapshot, named as one). */
export const UserRegisteredV1 = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  email: Type.String({ format: 'email' }),
  firstName: Type.String(),
  lastName: Type.String(),
  registeredAt: Type.String({ format: 'date-time' }),
});

/** A user's email or name changed; the payload carries the values now in force. */
export const UserUpdatedV1 = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  email: Type.String({ format: 'email' }),
  firstName: Type.String(),
  lastName: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export type UserRegisteredPayload = Static<typeof UserRegisteredV1>;
export type UserUpdatedPayload = Static<typeof UserUpdatedV1>;

/** Events published by identity, by type and version. */
export const identityEvents = {
  'user.registered': { 1: UserRegisteredV1 },
  'user.updated': { 1: UserUpdatedV1 },
} as const satisfies MessageRegistry;
