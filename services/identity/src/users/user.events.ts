import { Publisher, type PoolClient } from '@bazaar/platform';

export type UserEventType = 'user.registered' | 'user.updated';

/** The payloads of `user.registered` v1 and `user.updated` v1 (see @bazaar/contracts). */
export type UserEventPayload =
  | { userId: string; email: string; firstName: string; lastName: string; registeredAt: string }
  | { userId: string; email: string; firstName: string; lastName: string; updatedAt: string };

/**
 * Where identity's events go, inside the transaction that wrote the user: bound to its transactional
 * outbox at start-up (main.ts), to an outbox of their own by tests and the demo seed. Unbound, it
 * refuses rather than lose an event.
 */
export const publisher = new Publisher<UserEventType>('identity');

/** Records that a user was registered or changed, in the transaction that wrote the change. */
export const recordUserEvent = (client: PoolClient, type: UserEventType, payload: UserEventPayload): Promise<void> => publisher.publish(client, type, payload);


export function userEventPayload(type: UserEventType, user: { id: string; email: string; firstName: string; lastName: string }, at: Date): UserEventPayload {
  const base = { userId: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName };
  return type === 'user.registered' ? { ...base, registeredAt: at.toISOString() } : { ...base, updatedAt: at.toISOString() };
}
