// What notifications erases of a deleted user. SQL only.
import type { Queryable } from '@bazaar/platform';

/** identity's versions fit an int4: no user.registered or user.updated ever carries a higher one. */
const TOMBSTONE_VERSION = 2_147_483_647;

/**
 * Replaces the user's contact copy with a tombstone: no email, name or phone, every channel off,
 * at a version and a time no later user.registered or user.updated can be newer than (applyContact
 * writes only over an older copy), so a late event cannot bring the details back and no message
 * about a late order event is planned for anyone.
 */
export async function tombstoneContact(db: Queryable, userId: string): Promise<void> {
  await db.query(
    `INSERT INTO contact_copies (user_id_ref, email, first_name, last_name, phone, email_enabled, sms_enabled, push_enabled, version, changed_at)
     VALUES ($1, '', '', '', NULL, false, false, false, $2, 'infinity')
     ON CONFLICT (user_id_ref) DO UPDATE SET
       email = '', first_name = '', last_name = '', phone = NULL, email_enabled = false, sms_enabled = false, push_enabled = false,
       version = $2, changed_at = 'infinity', copied_at = now()`,
    [userId, TOMBSTONE_VERSION],
  );
}

/**
 * Blanks the user's message history: each message keeps its kind, channel, event, order and status
 * (what was sent when, for the operators' counts), loses its recipient, subject and text; a message
 * not yet sent is skipped instead (the sender only takes queued or sending ones). How many messages.
 */
export async function blankHistory(db: Queryable, userId: string): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE notifications SET recipient = NULL, subject = NULL, body = '',
            status = CASE WHEN status IN ('queued', 'sending') THEN 'skipped' ELSE status END,
            last_error = CASE WHEN status IN ('queued', 'sending') THEN 'the user deleted their account' ELSE last_error END,
            updated_at = now()
      WHERE user_id_ref = $1`,
    [userId],
  );
  return rowCount ?? 0;
}
