import type { UserErasedPayload } from '@bazaar/contracts';
import { AppError, withTransaction, type Pool, type Queryable } from '@bazaar/platform';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { PasswordHasher } from '../auth/password.js';
import type { SessionStore } from '../auth/session.store.js';
import { eraseUser, findPasswordHash, recordErasure } from './erasure.store.js';
import type { IdentityPublish } from './user.events.js';

export interface DeletionDeps {
  pool: Pool;
  hasher: PasswordHasher;
  sessions: SessionStore;
  throttle: LoginThrottle;
  now: () => Date;
  publish: IdentityPublish;
}

export type DeletedBy = 'user' | 'admin';

/**
 * Deletes the account: blanks the user's personal fields, removes their addresses, preferences and
 * links, records identity's own confirmation and `user.deleted` in one transaction, and ends every
 * session before it commits (if Redis refuses, nothing is deleted and the answer is a 503; if the
 * commit fails after, the user is only signed out). From then on logging in answers as for an
 * unknown email and every old token is refused at identity at once, elsewhere within seconds.
 * An operator may not delete an admin: admins are named by configuration.
 */
export async function deleteAccount(deps: Omit<DeletionDeps, 'hasher' | 'throttle'>, userId: string, by: DeletedBy): Promise<void> {
  await withTransaction(deps.pool, async (client) => {
    const at = deps.now();
    const erased = await eraseUser(client, userId, at);
    if (!erased) throw AppError.notFound('the user');
    if (by === 'admin' && erased.role === 'admin') {
      throw AppError.conflict('this user is an admin; admins are named by IDENTITY_ADMIN_EMAILS, not deleted through the API', { field: 'params.id' });
    }
    await recordErasure(client, { userId, service: 'identity', erasedAt: at, summary: 'profile blanked; addresses, preferences, links and sessions removed' });
    await deps.publish(client, 'user.deleted', { userId, deletedAt: at.toISOString(), deletedBy: by }, { key: userId });
    await deps.sessions.closeAll(userId);
  });
}

/**
 * The signed-in user deletes their own account, confirming with their password. Wrong passwords
 * count towards the login throttle of the account's email, so a stolen token is no way to guess it.
 */
export async function deleteOwnAccount(deps: DeletionDeps, userId: string, password: string, ip: string): Promise<void> {
  const found = await findPasswordHash(deps.pool, userId);
  if (!found) throw AppError.notFound('the user');
  await deps.throttle.check(found.email, ip);
  if (!(await deps.hasher.verify(found.passwordHash, password))) {
    await deps.throttle.recordFailure(found.email, ip);
    throw new AppError('forbidden', 'the password is wrong', { errors: [{ field: 'body.password', message: "is not this account's password" }] });
  }
  await deleteAccount(deps, userId, 'user');
}

/** identity's handler of `user.erased`: the service's confirmation, kept for operators. */
export async function applyUserErased(client: Queryable, payload: UserErasedPayload): Promise<{ applied: boolean }> {
  return { applied: await recordErasure(client, { userId: payload.userId, service: payload.service, erasedAt: new Date(payload.erasedAt), summary: payload.summary }) };
}
