import { Type, type Static } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { Nullable, Timestamp, Uuid, Version } from '../common.js';

/** Which channels a user lets the shop use for messages about their account and orders. */
export const NotificationPreferences = Type.Object({
  email: Type.Boolean(),
  sms: Type.Boolean(),
  push: Type.Boolean(),
});

/**
 * Added to user.registered and user.updated after their first version (optional, so a consumer of
 * the first still reads them): the user's version after the change, so a copy keeps only the newest;
 * a phone number for SMS (E.164), and the channels the user allows.
 */
const Contact = {
  version: Type.Optional(Version),
  phone: Type.Optional(Nullable(Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$' }))),
  notificationPreferences: Type.Optional(NotificationPreferences),
};

/** A person signed up. Consumers copy the name and email they need (a snapshot, named as one). */
export const UserRegisteredV1 = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  email: Type.String({ format: 'email' }),
  firstName: Type.String(),
  lastName: Type.String(),
  registeredAt: Type.String({ format: 'date-time' }),
  ...Contact,
});

/** A user's email or name changed; the payload carries the values now in force. */
export const UserUpdatedV1 = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  email: Type.String({ format: 'email' }),
  firstName: Type.String(),
  lastName: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  ...Contact,
});

/**
 * The user asked (or registering implied) to prove they own their email address. The link carries a
 * single-use token that identity keeps only hashed; it is in this event because the message that
 * delivers it is sent by another service (notifications), the only consumer bound to it.
 */
export const UserVerificationRequestedV1 = Type.Object({
  userId: Uuid,
  email: Type.String({ format: 'email' }),
  firstName: Type.String(),
  verificationUrl: Type.String({ format: 'uri', maxLength: 2000 }),
  expiresAt: Timestamp,
  requestedAt: Timestamp,
});

/** A password reset was asked for a known account: the link to choose a new password (single use, short-lived). */
export const UserPasswordResetRequestedV1 = Type.Object({
  userId: Uuid,
  email: Type.String({ format: 'email' }),
  firstName: Type.String(),
  resetUrl: Type.String({ format: 'uri', maxLength: 2000 }),
  expiresAt: Timestamp,
  requestedAt: Timestamp,
});

/**
 * The user deleted their account (or an operator did). identity has already blanked its own copy
 * and ended every session; each service that holds something of the user erases or anonymises it by
 * its own rule, in the transaction of this event's inbox row, and confirms with `user.erased`.
 * The payload names nobody but the id: the personal fields are what is being erased.
 */
export const UserDeletedV1 = Type.Object({
  userId: Uuid,
  deletedAt: Timestamp,
  /** Who asked: the user themselves, or an operator (for the history; no consumer needs it). */
  deletedBy: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('admin')])),
});

export type UserRegisteredPayload = Static<typeof UserRegisteredV1>;
export type UserDeletedPayload = Static<typeof UserDeletedV1>;
export type UserUpdatedPayload = Static<typeof UserUpdatedV1>;
export type UserVerificationRequestedPayload = Static<typeof UserVerificationRequestedV1>;
export type UserPasswordResetRequestedPayload = Static<typeof UserPasswordResetRequestedV1>;

/** Events published by identity, by type and version. */
export const identityEvents = {
  'user.registered': { 1: UserRegisteredV1 },
  'user.updated': { 1: UserUpdatedV1 },
  'user.verification-requested': { 1: UserVerificationRequestedV1 },
  'user.password-reset-requested': { 1: UserPasswordResetRequestedV1 },
  'user.deleted': { 1: UserDeletedV1 },
} as const satisfies MessageRegistry;
