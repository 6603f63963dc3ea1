import type { PoolClient } from '@bazaar/platform';

export type UserEventType = 'user.registered' | 'user.updated';

export interface UserEventPayload {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  occurredAt: string;
}

/**
 * Records that a user was registered or changed, inside the transaction that wrote the change.
 *
 * For now this does nothing. It is the seam for the transactional outbox: once the platform's
 * outbox lands, this body becomes an insert of the event into identity's `outbox` table through
 * `client`, so the event is committed exactly when the user row is, and the relay publishes it as
 * `user.registered` / `user.updated`. Every caller already passes the transaction's client, so no
 * caller has to change.
 */
export async function recordUserEvent(_client: PoolClient, _type: UserEventType, _payload: UserEventPayload): Promise<void> {
  // Intentionally empty until the outbox wiring replaces it (see above).
}

export const userEventPayload = (user: { id: string; email: string; firstName: string; lastName: string }, occurredAt: Date): UserEventPayload => ({
  userId: user.id,
  email: user.email,
  firstName: user.firstName,
  lastName: user.lastName,
  occurredAt: occurredAt.toISOString(),
});
