import { AppError, withTransaction, type FieldError, type Pool } from '@bazaar/platform';
import { defaultSettings } from '../config.js';
import { passwordProblem, type PasswordHasher } from '../auth/password.js';
import { deleteLink } from '../email-links/email-link.store.js';
import { issueVerification, type LinkSettings } from '../email-links/email-link.service.js';
import { userRegistered, userUpdated, type IdentityPublish } from './user.events.js';
import { findUserForUpdate, insertUser, updateUser } from './user.store.js';
import { isFieldError, normaliseEmail, resolveNames, type NameInput, type NotificationPreferences, type Role, type User } from './user.js';

export interface AccountDeps {
  pool: Pool;
  hasher: PasswordHasher;
  now: () => Date;
  /** Where user.registered, user.updated and the mailed links go, in the transaction that wrote the user. */
  publish: IdentityPublish;
  /** Where mailed links point and how long they work; the defaults when not given. */
  settings?: LinkSettings;
}

const linkDeps = (deps: Omit<AccountDeps, 'hasher'>) => ({ now: deps.now, publish: deps.publish, settings: deps.settings ?? defaultSettings });

export interface NewAccount extends NameInput {
  email: string;
  password: string;
}

/**
 * Creates a user with an argon2id hash of their password and records `user.registered` and a
 * verification link for their address (`user.verification-requested`) in the same transaction.
 * Weak passwords and missing names are 400s naming the field; a taken email is a 409.
 */
export async function createAccount(deps: AccountDeps, input: NewAccount, role: Role): Promise<User> {
  const email = normaliseEmail(input.email);
  const errors: FieldError[] = [];
  const names = resolveNames(input, true);
  if (isFieldError(names)) errors.push(names);
  const weak = passwordProblem(input.password, email);
  if (weak) errors.push({ field: 'body.password', message: weak });
  if (isFieldError(names) || errors.length) throw invalid(errors);

  const passwordHash = await deps.hasher.hash(input.password);
  return withTransaction(deps.pool, async (client) => {
    const user = await insertUser(client, {
      email,
      passwordHash,
      firstName: names.firstName!,
      lastName: names.lastName ?? '',
      role,
    });
    await deps.publish(client, 'user.registered', userRegistered(user, deps.now()), { key: user.id });
    await issueVerification(linkDeps(deps), client, user);
    return user;
  });
}

export interface ProfileChanges extends NameInput {
  email?: string | undefined;
  /** E.164; null removes it. */
  phone?: string | null | undefined;
}

/**
 * Changes a user's names, email or phone and records `user.updated` in the same transaction. A new
 * email address is unverified: a verification link goes to it, and a reset link mailed to the old
 * one stops working.
 */
export async function updateProfile(deps: Omit<AccountDeps, 'hasher'>, userId: string, changes: ProfileChanges): Promise<User> {
  const names = resolveNames(changes, false);
  if (isFieldError(names)) throw invalid([names]);
  return withTransaction(deps.pool, async (client) => {
    const email = changes.email === undefined ? {} : { email: normaliseEmail(changes.email) };
    const phone = changes.phone === undefined ? {} : { phone: changes.phone };
    const updated = await updateUser(client, userId, { ...email, ...names, ...phone });
    if (!updated) throw AppError.notFound('the user');
    const { user, emailChanged } = updated;
    await deps.publish(client, 'user.updated', userUpdated(user, deps.now()), { key: user.id });
    if (emailChanged) {
      await deleteLink(client, user.id, 'reset');
      await issueVerification(linkDeps(deps), client, user);
    }
    return user;
  });
}

/** Sets the channels the user allows; a change is recorded as `user.updated`, the same values change nothing. */
export async function setNotificationPreferences(deps: Omit<AccountDeps, 'hasher'>, userId: string, preferences: NotificationPreferences): Promise<User> {
  return withTransaction(deps.pool, async (client) => {
    const current = await findUserForUpdate(client, userId);
    if (!current) throw AppError.notFound('the user');
    const same = (Object.keys(preferences) as (keyof NotificationPreferences)[]).every((k) => current.notificationPreferences[k] === preferences[k]);
    if (same) return current;
    const updated = await updateUser(client, userId, { notificationPreferences: preferences });
    if (!updated) throw AppError.notFound('the user');
    await deps.publish(client, 'user.updated', userUpdated(updated.user, deps.now()), { key: userId });
    return updated.user;
  });
}

const invalid = (errors: FieldError[]) =>
  AppError.invalid(`invalid request: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors);
