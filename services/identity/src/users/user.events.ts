import type {
  Messages,
  UserPasswordResetRequestedPayload,
  UserRegisteredPayload,
  UserUpdatedPayload,
  UserVerificationRequestedPayload,
} from '@bazaar/contracts';
import type { Publish, Sends } from '@bazaar/platform';
import type { User } from './user.js';

/**
 * How identity announces a change to a user: `publish(client, 'user.registered', payload)` with the
 * client of the transaction that wrote the user, so the event is recorded if and only if the change
 * is. Only identity's own events compile, each with its contract's payload. main.ts gives the
 * outbox's.
 */
export type IdentityPublish = Publish<Sends<Messages, 'user.registered' | 'user.updated' | 'user.verification-requested' | 'user.password-reset-requested' | 'user.deleted'>>;

type Contact = Pick<User, 'id' | 'email' | 'firstName' | 'lastName' | 'version' | 'phone' | 'notificationPreferences'>;

// Everything a copy of the user's contact details needs, with the version it is at, so the newest wins.
const userFields = (user: Contact) => ({
  userId: user.id,
  email: user.email,
  firstName: user.firstName,
  lastName: user.lastName,
  version: user.version,
  phone: user.phone,
  notificationPreferences: { ...user.notificationPreferences },
});

export const userRegistered = (user: Contact, at: Date): UserRegisteredPayload => ({ ...userFields(user), registeredAt: at.toISOString() });

export const userUpdated = (user: Contact, at: Date): UserUpdatedPayload => ({ ...userFields(user), updatedAt: at.toISOString() });

/** A link sent by email: where it points and until when it works. */
export interface MailedLink {
  url: string;
  expiresAt: Date;
}

type Addressee = Pick<User, 'id' | 'email' | 'firstName'>;

export const verificationRequested = (user: Addressee, link: MailedLink, at: Date): UserVerificationRequestedPayload => ({
  userId: user.id,
  email: user.email,
  firstName: user.firstName,
  verificationUrl: link.url,
  expiresAt: link.expiresAt.toISOString(),
  requestedAt: at.toISOString(),
});

export const passwordResetRequested = (user: Addressee, link: MailedLink, at: Date): UserPasswordResetRequestedPayload => ({
  userId: user.id,
  email: user.email,
  firstName: user.firstName,
  resetUrl: link.url,
  expiresAt: link.expiresAt.toISOString(),
  requestedAt: at.toISOString(),
});
