import { AppError, withTransaction, type Logger, type Pool, type Queryable } from '@bazaar/platform';
import type { IdentitySettings } from '../config.js';
import type { LinkThrottle } from '../auth/login-throttle.js';
import { passwordProblem, type PasswordHasher } from '../auth/password.js';
import type { SessionStore } from '../auth/session.store.js';
import { passwordResetRequested, verificationRequested, type IdentityPublish, type MailedLink } from '../users/user.events.js';
import { findUserByEmailForUpdate, findUserById, findUserForUpdate, markEmailVerified, setPasswordHash } from '../users/user.store.js';
import { normaliseEmail, type User } from '../users/user.js';
import { expiresAfter, hashLinkToken, linkUrl, newLinkToken, type LinkPurpose } from './email-link.js';
import { commitAsAWrite, findUsableLink, replaceLink, useLink } from './email-link.store.js';

export type LinkSettings = Pick<IdentitySettings, 'publicUrl' | 'verificationTtlSeconds' | 'passwordResetTtlSeconds'>;

/** What issuing a link needs: the transaction's client comes from the caller. */
export interface IssueDeps {
  now: () => Date;
  publish: IdentityPublish;
  settings: LinkSettings;
}

export interface EmailLinkDeps extends IssueDeps {
  pool: Pool;
  hasher: PasswordHasher;
  sessions: SessionStore;
  /** Counts requests that mail a link, per client and per email. */
  links: LinkThrottle;
}

const ttlOf = (settings: LinkSettings, purpose: LinkPurpose) =>
  purpose === 'verify' ? settings.verificationTtlSeconds : settings.passwordResetTtlSeconds;

/** Records a new link of this purpose for the user (the previous one stops working) and returns it. */
async function issueLink(deps: IssueDeps, client: Queryable, user: User, purpose: LinkPurpose): Promise<MailedLink> {
  const now = deps.now();
  const { token, hash } = newLinkToken();
  const expiresAt = expiresAfter(now, ttlOf(deps.settings, purpose));
  await replaceLink(client, { userId: user.id, purpose, hash, expiresAt, createdAt: now });
  return { url: linkUrl(deps.settings.publicUrl, purpose, token), expiresAt };
}

/**
 * In the caller's transaction (a registration, an email change, a resend): a new verification link
 * for the user's current address, announced as user.verification-requested for notifications to mail.
 */
export async function issueVerification(deps: IssueDeps, client: Queryable, user: User): Promise<MailedLink> {
  const link = await issueLink(deps, client, user, 'verify');
  await deps.publish(client, 'user.verification-requested', verificationRequested(user, link, deps.now()), { key: user.id });
  return link;
}

// One answer for a token that never existed, was used, expired or was replaced: which it was is no one's business.
const badToken = () => AppError.invalid('the link is not valid: it was already used, has expired or was replaced by a newer one', [
  { field: 'body.token', message: 'is not a valid, unused, unexpired link token' },
]);

/** Uses a verification token: the address it was sent to is verified. */
export async function verifyEmail(deps: Pick<EmailLinkDeps, 'pool' | 'now'>, token: string): Promise<User> {
  return withTransaction(deps.pool, async (client) => {
    const now = deps.now();
    const userId = await useLink(client, 'verify', hashLinkToken(token), now);
    const user = userId && (await markEmailVerified(client, userId, now));
    if (!user) throw badToken();
    return user;
  });
}

/** A new verification link for a signed-in user whose address is not verified (409 when it is). */
export async function resendVerification(deps: EmailLinkDeps, userId: string, ip: string): Promise<MailedLink & { email: string }> {
  const current = await findUserById(deps.pool, userId);
  if (!current) throw AppError.notFound('the user');
  if (current.emailVerifiedAt) throw alreadyVerified();
  await deps.links.attempt(current.email, ip);
  return withTransaction(deps.pool, async (client) => {
    const user = await findUserForUpdate(client, userId);
    if (!user) throw AppError.notFound('the user');
    if (user.emailVerifiedAt) throw alreadyVerified();
    return { email: user.email, ...(await issueVerification(deps, client, user)) };
  });
}

const alreadyVerified = () => AppError.conflict('the email address is already verified');

/**
 * Mails a reset link when the email has an account, and does the same work when it has none: both
 * paths draw a token and commit a transaction that writes (see commitAsAWrite), so the timing does
 * not tell whether the email is registered. The caller counts the request against the link limits
 * first (the route does), for both paths alike.
 */
export async function requestPasswordReset(deps: IssueDeps & { pool: Pool }, email: string): Promise<void> {
  await withTransaction(deps.pool, async (client) => {
    const user = await findUserByEmailForUpdate(client, normaliseEmail(email));
    if (!user) {
      newLinkToken();
      await commitAsAWrite(client);
      return;
    }
    const link = await issueLink(deps, client, user, 'reset');
    await deps.publish(client, 'user.password-reset-requested', passwordResetRequested(user, link, deps.now()), { key: user.id });
  });
}

/**
 * Sets a new password with a reset token (once), under the registration's password policy, and ends
 * every session of the user: whoever knew the old password is signed out everywhere. A refused
 * password leaves the token usable, so the user can choose another.
 */
export async function confirmPasswordReset(deps: EmailLinkDeps, token: string, password: string, log: Pick<Logger, 'warn'>): Promise<void> {
  const hash = hashLinkToken(token);
  const userId = await findUsableLink(deps.pool, 'reset', hash, deps.now());
  const user = userId && (await findUserById(deps.pool, userId));
  if (!user) throw badToken();
  const weak = passwordProblem(password, user.email);
  if (weak) throw AppError.invalid(`invalid request: body.password ${weak}`, [{ field: 'body.password', message: weak }]);
  const passwordHash = await deps.hasher.hash(password);
  await withTransaction(deps.pool, async (client) => {
    if ((await useLink(client, 'reset', hash, deps.now())) !== user.id) throw badToken();
    await setPasswordHash(client, user.id, passwordHash);
    // Before the commit: if Redis cannot end the sessions, the password and the token stay as they
    // were and the user can try again.
    await deps.sessions.closeAll(user.id);
  });
  // A sign-in that checked the old password just before the commit may have opened a session since.
  await deps.sessions.closeAll(user.id).catch((error: unknown) => {
    log.warn({ err: error, userId: user.id }, 'password reset: the sweep after the commit could not end the sessions');
  });
}
