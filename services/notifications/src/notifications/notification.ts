// What notifications decides, as pure functions: which channels a message goes by, and to whom.
// The handlers load the copies (contact, order), call these, and write what they return.

export const CHANNELS = ['email', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STATUSES = ['queued', 'sending', 'delivered', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof STATUSES)[number];

/** A user's contact details and allowed channels, as copied from identity's events. */
export interface Contact {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  preferences: Record<Channel, boolean>;
}

/** What a user gets when identity has said nothing about their preferences: email only. */
export const DEFAULT_PREFERENCES: Readonly<Record<Channel, boolean>> = { email: true, sms: false, push: false };

/**
 * Account messages (a verification or reset link) go by email to the address they are about,
 * whatever the preferences: they are how a user proves who they are, not news they opted into.
 */
export type Audience = 'account' | 'customer';

/** The text of one message, before it is addressed to a channel. */
export interface Composed {
  kind: string;
  subject: string;
  /** The full text (email). */
  body: string;
  /** One or two sentences (SMS, push). */
  short: string;
}

/** One message to write to the history, for one channel. */
export interface PlannedMessage {
  channel: Channel;
  kind: string;
  recipient: string | null;
  subject: string | null;
  body: string;
  status: 'queued' | 'skipped';
  /** Why a message was recorded but will not be sent. */
  reason?: string;
}

/**
 * The messages of one event, one per channel it goes by: an opted-out channel is not used, SMS
 * only to a phone. A customer message for a user the copy does not know yet is recorded as skipped
 * (the history then says why nobody was told) rather than guessed at.
 */
export function planMessages(composed: Composed, audience: Audience, contact: Contact | undefined, accountEmail?: string): PlannedMessage[] {
  if (audience === 'account') {
    const to = accountEmail ?? contact?.email;
    return [to
      ? { channel: 'email', kind: composed.kind, recipient: to, subject: composed.subject, body: composed.body, status: 'queued' }
      : skipped(composed, 'no email address for this user')];
  }
  if (!contact) return [skipped(composed, 'no contact details for this user (identity has not told us of them)')];
  const planned: PlannedMessage[] = [];
  if (contact.preferences.email) {
    planned.push({ channel: 'email', kind: composed.kind, recipient: contact.email, subject: composed.subject, body: composed.body, status: 'queued' });
  }
  if (contact.preferences.sms && contact.phone) {
    planned.push({ channel: 'sms', kind: composed.kind, recipient: contact.phone, subject: null, body: composed.short, status: 'queued' });
  }
  if (contact.preferences.push) {
    planned.push({ channel: 'push', kind: composed.kind, recipient: contact.userId, subject: composed.subject, body: composed.short, status: 'queued' });
  }
  return planned;
}

const skipped = (composed: Composed, reason: string): PlannedMessage => ({
  channel: 'email', kind: composed.kind, recipient: null, subject: composed.subject, body: composed.body, status: 'skipped', reason,
});

/** BullMQ's job id of an event's message on a channel: the same event never makes a second job. */
export const jobIdOf = (eventId: string, channel: Channel): string => `${eventId}-${channel}`;

/** The email's Message-ID: derived from the notification, so a resend after a crash is recognisably the same message. */
export const messageIdOf = (notificationId: string, domain = 'notifications.bazaar.local'): string => `<${notificationId}@${domain}>`;
