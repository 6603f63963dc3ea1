import { AppError, type Queryable } from '@bazaar/platform';
import type { Role, User } from './user.js';

interface UserRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: Role;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, email, first_name, last_name, role, created_at, updated_at';

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  firstName: row.first_name,
  lastName: row.last_name,
  role: row.role,
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

export async function findUserById(db: Queryable, id: string): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] && toUser(rows[0]);
}

/** The user with this email (any letter case) and their stored hash, for logging in. */
export async function findCredentials(db: Queryable, email: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const { rows } = await db.query<UserRow & { password_hash: string }>(
    `SELECT ${COLUMNS}, password_hash FROM users WHERE lower(email) = lower($1)`,
    [email],
  );
  const row = rows[0];
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export interface UserChanges {
  email?: string;
  firstName?: string;
  lastName?: string;
}

/** Applies the given changes; undefined when there is no such user. */
export async function updateUser(db: Queryable, id: string, changes: UserChanges): Promise<User | undefined> {
  try {
    const { rows } = await db.query<UserRow>(
      `UPDATE users SET
         email = COALESCE($2, email),
         first_name = COALESCE($3, first_name),
         last_name = COALESCE($4, last_name),
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.email ?? null, changes.firstName ?? null, changes.lastName ?? null],
    );
    return rows[0] && toUser(rows[0]);
  } catch (error) {
    throw emailTakenOr(error);
  }
}

/** Sets the user's role unless they are an admin; undefined when there is no such user. */
export async function setRole(db: Queryable, id: string, role: Role): Promise<{ user: User; changed: boolean } | undefined> {
  const { rows } = await db.query<UserRow & { changed: boolean }>(
    `WITH before AS (SELECT role FROM users WHERE id = $1 FOR UPDATE)
     UPDATE users u SET role = $2, updated_at = CASE WHEN u.role = $2 THEN u.updated_at ELSE now() END
       FROM before WHERE u.id = $1 AND before.role <> 'admin'
     RETURNING ${COLUMNS.split(', ').map((c) => `u.${c}`).join(', ')}, before.role <> $2 AS changed`,
    [id, role],
  );
  if (rows[0]) return { user: toUser(rows[0]), changed: rows[0].changed };
  const existing = await findUserById(db, id);
  return existing && { user: existing, changed: false };
}

/** Locks the user's row for the rest of the transaction, so changes to their addresses take turns. */
export async function lockUser(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [id]);
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
