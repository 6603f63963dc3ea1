import type { Queryable } from '@bazaar/platform';
import type { Role } from './user.js';

/**
 * Blanks a user's personal fields and marks them deleted: the email becomes `<id>@deleted.invalid`
 * (still unique, reaches nobody, and frees the real address for a new account), the names empty, the
 * phone and the channels gone, the password hash one that no password matches. The row stays, so
 * confirmations can be recorded against it and the id is never given to someone else. Their
 * addresses, preferences and mailed links are deleted. Undefined when there is no live such user.
 */
export async function eraseUser(db: Queryable, id: string, at: Date): Promise<{ role: Role } | undefined> {
  const { rows } = await db.query<{ role: Role }>(
    `UPDATE users SET
       email = id::text || '@deleted.invalid', first_name = '', last_name = '', phone = NULL,
       password_hash = '$argon2id$erased', email_verified_at = NULL,
       notify_email = false, notify_sms = false, notify_push = false,
       deleted_at = $2, updated_at = $2, version = version + 1
     WHERE id = $1 AND deleted_at IS NULL
     RETURNING role`,
    [id, at],
  );
  if (!rows[0]) return undefined;
  await db.query('DELETE FROM user_addresses WHERE user_id = $1', [id]);
  await db.query('DELETE FROM user_preferences WHERE user_id = $1', [id]);
  await db.query('DELETE FROM email_tokens WHERE user_id = $1', [id]);
  return rows[0];
}

/** A live user's password hash, for confirming a deletion with their password. */
export async function findPasswordHash(db: Queryable, id: string): Promise<{ email: string; passwordHash: string } | undefined> {
  const { rows } = await db.query<{ email: string; password_hash: string }>(
    'SELECT email, password_hash FROM users WHERE id = $1 AND deleted_at IS NULL',
    [id],
  );
  return rows[0] && { email: rows[0].email, passwordHash: rows[0].password_hash };
}

export interface ErasureConfirmation {
  userId: string;
  service: string;
  erasedAt: Date;
  summary?: string | undefined;
}

/**
 * Records a service's confirmation; the first one a service sends stands (a repeat changes nothing).
 * A confirmation for a user who is not deleted here (never was, or an id identity does not know) is
 * not recorded: false.
 */
export async function recordErasure(db: Queryable, confirmation: ErasureConfirmation): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO user_erasures (user_id, service, erased_at, summary)
     SELECT id, $2, $3, $4 FROM users WHERE id = $1 AND deleted_at IS NOT NULL
     ON CONFLICT (user_id, service) DO NOTHING`,
    [confirmation.userId, confirmation.service, confirmation.erasedAt, confirmation.summary ?? null],
  );
  return rowCount === 1;
}

export interface ErasureRecord {
  deletedAt: Date;
  confirmations: { service: string; erasedAt: Date; summary: string | null }[];
}

/** When the user was deleted and who has confirmed since; undefined when the user is not deleted. */
export async function findErasure(db: Queryable, userId: string): Promise<ErasureRecord | undefined> {
  const { rows } = await db.query<{ deleted_at: Date }>('SELECT deleted_at FROM users WHERE id = $1 AND deleted_at IS NOT NULL', [userId]);
  if (!rows[0]) return undefined;
  const confirmed = await db.query<{ service: string; erased_at: Date; summary: string | null }>(
    'SELECT service, erased_at, summary FROM user_erasures WHERE user_id = $1 ORDER BY service',
    [userId],
  );
  return {
    deletedAt: rows[0].deleted_at,
    confirmations: confirmed.rows.map((r) => ({ service: r.service, erasedAt: r.erased_at, summary: r.summary })),
  };
}
