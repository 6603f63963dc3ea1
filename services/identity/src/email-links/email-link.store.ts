import type { Queryable } from '@bazaar/platform';
import type { LinkPurpose } from './email-link.js';

export interface StoredLink {
  userId: string;
  purpose: LinkPurpose;
  hash: Buffer;
  expiresAt: Date;
  createdAt: Date;
}

/** Records the user's new link of this purpose, replacing the previous one, which stops working. */
export async function replaceLink(db: Queryable, link: StoredLink): Promise<void> {
  await db.query(
    `INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, purpose) DO UPDATE
       SET token_hash = EXCLUDED.token_hash, expires_at = EXCLUDED.expires_at, used_at = NULL, created_at = EXCLUDED.created_at`,
    [link.userId, link.purpose, link.hash, link.expiresAt, link.createdAt],
  );
}

/** The user of a token that still works (unused, unexpired at `now`), without using it. */
export async function findUsableLink(db: Queryable, purpose: LinkPurpose, hash: Buffer, now: Date): Promise<string | undefined> {
  const { rows } = await db.query<{ user_id: string }>(
    'SELECT user_id FROM email_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3',
    [hash, purpose, now],
  );
  return rows[0]?.user_id;
}

/**
 * Uses the token, once: of two requests presenting it at the same time, the row lock lets one
 * update it and the other then sees it used. The user it was for, or undefined when it is unknown,
 * already used or expired.
 */
export async function useLink(db: Queryable, purpose: LinkPurpose, hash: Buffer, now: Date): Promise<string | undefined> {
  const { rows } = await db.query<{ user_id: string }>(
    `UPDATE email_tokens SET used_at = $3
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
      RETURNING user_id`,
    [hash, purpose, now],
  );
  return rows[0]?.user_id;
}

/** Forgets the user's link of this purpose (a reset link mailed to an address the account no longer has). */
export async function deleteLink(db: Queryable, userId: string, purpose: LinkPurpose): Promise<void> {
  await db.query('DELETE FROM email_tokens WHERE user_id = $1 AND purpose = $2', [userId, purpose]);
}

/**
 * Makes the transaction write its commit record (and wait for it to be flushed) as one that changed
 * rows does. A password reset for an unknown email runs this instead of recording a link, so its
 * answer takes about as long as a known email's and the timing does not tell them apart.
 */
export async function commitAsAWrite(db: Queryable): Promise<void> {
  await db.query('SELECT pg_current_xact_id()');
}
