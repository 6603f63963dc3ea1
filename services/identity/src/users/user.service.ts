import { AppError, withTransaction, type FieldError, type Pool } from '@bazaar/platform';
import { passwordProblem, type PasswordHasher } from '../auth/password.js';
import { userRegistered, userUpdated, type IdentityPublish } from './user.events.js';
import { insertUser, updateUser } from './user.store.js';
import { isFieldError, normaliseEmail, resolveNames, type NameInput, type Role, type User } from './user.js';

export interface AccountDeps {
  pool: Pool;
  hasher: PasswordHasher;
  now: () => Date;
  /** Where user.registered and user.updated go, in the transaction that wrote the user. */
  publish: IdentityPublish;
}

export interface NewAccount extends NameInput {
  email: string;
  password: string;
}

/**
 * Creates a user with an argon2id hash of their password and records `user.registered` in the same
 * transaction. Weak passwords and missing names are 400s naming the field; a taken email is a 409.
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
    await deps.publish(client, 'user.registered', userRegistered(user, deps.now()));
    return user;
  });
}

export interface ProfileChanges extends NameInput {
  email?: string | undefined;
}

/** Changes a user's names or email and records `user.updated` in the same transaction. */
export async function updateProfile(deps: Omit<AccountDeps, 'hasher'>, userId: string, changes: ProfileChanges): Promise<User> {
  const names = resolveNames(changes, false);
  if (isFieldError(names)) throw invalid([names]);
  return withTransaction(deps.pool, async (client) => {
    const email = changes.email === undefined ? {} : { email: normaliseEmail(changes.email) };
    const user = await updateUser(client, userId, { ...email, ...names });
    if (!user) throw AppError.notFound('the user');
    await deps.publish(client, 'user.updated', userUpdated(user, deps.now()));
    return user;
  });
}

const invalid = (errors: FieldError[]) =>
  AppError.invalid(`invalid request: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors);
