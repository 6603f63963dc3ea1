import { AppError, type Queryable } from '@bazaar/platform';
import type { NotificationPreferences, Role, User } from './user.js';

interface UserRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: Role;
  version: number;
  phone: string | null;
  email_verified_at: Date | null;
  notify_email: boolean;
  notify_sms: boolean;
  notify_push: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMN_NAMES = [
  'id', 'email', 'first_name', 'last_name', 'role', 'version', 'phone', 'email_verified_at',
  'notify_email', 'notify_sms', 'notify_push', 'created_at', 'updated_at',
];
const COLUMNS = COLUMN_NAMES.join(', ');
const columnsOf = (alias: string) => COLUMN_NAMES.map((c) => `${alias}.${c}`).join(', ');

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  firstName: row.first_name,
  lastName: row.last_name,
  role: row.role,
  version: row.version,
  phone: row.phone,
  emailVerifiedAt: row.email_verified_at,
  notificationPreferences: { email: row.notify_email, sms: row.notify_sms, push: row.notify_push },
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface NewUser {
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  role: Role;
}

/** Inserts a user; an email already taken (in any letter case) is a 409 on `email`. */
export async function insertUser(db: Queryable, user: NewUser): Promise<User> {
  try {
    const { rows } = await db.query<UserRow>(
      `INSERT INTO users (email, password_hash, first_name, last_name, role)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [user.email, user.passwordHash, user.firstName, user.lastName, user.role],
    );
    return toUser(rows[0]!);
  } catch (error) {
    throw emailTakenOr(error);
  }
}

/** A user who has not deleted their account (every lookup here ignores deleted accounts but `countUsers`). */
export async function findUserById(db: Queryable, id: string): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1 AND deleted_at IS NULL`, [id]);
  return rows[0] && toUser(rows[0]);
}

/** The user with this email (any letter case) and their stored hash, for logging in. */
export async function findCredentials(db: Queryable, email: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const { rows } = await db.query<UserRow & { password_hash: string }>(
    `SELECT ${COLUMNS}, password_hash FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL`,
    [email],
  );
  const row = rows[0];
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export interface UserChanges {
  email?: string;
  firstName?: string;
  lastName?: string;
  /** null removes the phone number; undefined leaves it. */
  phone?: string | null;
  notificationPreferences?: NotificationPreferences;
}

/**
 * Applies the given changes and raises the user's version (the caller announces the change); a new
 * email address (ignoring case) is unverified. Undefined when there is no such user;
 * `emailChanged` says whether the address is another one.
 */
export async function updateUser(db: Queryable, id: string, changes: UserChanges): Promise<{ user: User; emailChanged: boolean } | undefined> {
  const prefs = changes.notificationPreferences;
  try {
    const { rows } = await db.query<UserRow & { email_changed: boolean }>(
      `WITH before AS (SELECT id, email FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE)
       UPDATE users u SET
         email = COALESCE($2, u.email),
         email_verified_at = CASE WHEN lower(COALESCE($2, u.email)) = lower(u.email) THEN u.email_verified_at END,
         first_name = COALESCE($3, u.first_name),
         last_name = COALESCE($4, u.last_name),
         phone = CASE WHEN $5 THEN $6 ELSE u.phone END,
         notify_email = COALESCE($7, u.notify_email),
         notify_sms = COALESCE($8, u.notify_sms),
         notify_push = COALESCE($9, u.notify_push),
         version = u.version + 1,
         updated_at = now()
       FROM before WHERE u.id = before.id
       RETURNING ${columnsOf('u')}, lower(u.email) <> lower(before.email) AS email_changed`,
      [
        id, changes.email ?? null, changes.firstName ?? null, changes.lastName ?? null,
        changes.phone !== undefined, changes.phone ?? null,
        prefs?.email ?? null, prefs?.sms ?? null, prefs?.push ?? null,
      ],
    );
    const row = rows[0];
    return row && { user: toUser(row), emailChanged: row.email_changed };
  } catch (error) {
    throw emailTakenOr(error);
  }
}

/** Marks the user's current email verified (the first time only); undefined when there is no such user. */
export async function markEmailVerified(db: Queryable, id: string, at: Date): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(
    `UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $1 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
    [id, at],
  );
  return rows[0] && toUser(rows[0]);
}

/** Replaces the user's password hash; whether there was such a user. */
export async function setPasswordHash(db: Queryable, id: string, passwordHash: string): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL', [id, passwordHash]);
  return rowCount === 1;
}

/** The user with this email (any letter case), locked for the rest of the transaction. */
export async function findUserByEmailForUpdate(db: Queryable, email: string): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL FOR UPDATE`, [email]);
  return rows[0] && toUser(rows[0]);
}

/** The user, locked for the rest of the transaction. */
export async function findUserForUpdate(db: Queryable, id: string): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`, [id]);
  return rows[0] && toUser(rows[0]);
}

/** Sets the user's role unless they are an admin; undefined when there is no such user. */
export async function setRole(db: Queryable, id: string, role: Role): Promise<{ user: User; changed: boolean } | undefined> {
  const { rows } = await db.query<UserRow & { changed: boolean }>(
    `WITH before AS (SELECT role FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE)
     UPDATE users u SET role = $2, updated_at = CASE WHEN u.role = $2 THEN u.updated_at ELSE now() END
       FROM before WHERE u.id = $1 AND before.role <> 'admin'
     RETURNING ${columnsOf('u')}, before.role <> $2 AS changed`,
    [id, role],
  );
  if (rows[0]) return { user: toUser(rows[0]), changed: rows[0].changed };
  const existing = await findUserById(db, id);
  return existing && { user: existing, changed: false };
}

/** Locks the user's row for the rest of the transaction, so changes to their addresses take turns. */
export async function lockUser(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE', [id]);
  return rowCount === 1;
}

export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM users');
  return rows[0]!.count;
}

function emailTakenOr(error: unknown): unknown {
  const pgError = error as { code?: string; constraint?: string };
  if (pgError.code === '23505' && pgError.constraint === 'users_email_lower_key') {
    return new AppError('conflict', 'an account with this email address already exists', {
      errors: [{ field: 'body.email', message: 'is already registered' }],
    });
  }
  return error;
}
