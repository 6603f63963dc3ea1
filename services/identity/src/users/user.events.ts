import type { Messages, UserRegisteredPayload, UserUpdatedPayload } from '@bazaar/contracts';
import type { Publish, Sends } from '@bazaar/platform';

/**
 * How identity announces a change to a user: `publish(client, 'user.registered', payload)` with the
 * client of the transaction that wrote the user, so the event is recorded if and only if the change
 * is. Only identity's own events compile, each with its contract's payload. main.ts gives the
 * outbox's.
 */
export type IdentityPublish = Publish<Sends<Messages, 'user.registered' | 'user.updated'>>;

type Named = { id: string; email: string; firstName: string; lastName: string };

const userFields = (user: Named) => ({ userId: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName });

export const userRegistered = (user: Named, at: Date): UserRegisteredPayload => ({ ...userFields(user), registeredAt: at.toISOString() });

export const userUpdated = (user: Named, at: Date): UserUpdatedPayload => ({ ...userFields(user), updatedAt: at.toISOString() });
