import { AppError, type Queryable } from '@bazaar/platform';

/**
 * A card saved by a user, as payments knows it: the processor's token for it and what may be shown.
 * Never the full number, never the security code (those went to the processor's vault only).
 */
export interface PaymentMethod {
  id: string;
  userId: string;
  processorToken: string;
  brand: string;
  last4: string;
  expMonth: number;
  /** The full year (2029). */
  expYear: number;
  /** The processor's fingerprint of the card number; null for methods saved before fingerprints. */
  cardFingerprint: string | null;
  createdAt: Date;
}

interface PaymentMethodRow {
  id: string; user_id_ref: string; processor_token: string; brand: string; last4: string;
  exp_month: number; exp_year: number; card_fingerprint: string | null; created_at: Date;
}

// Named, not `*`: a column added later is not read until the code knows it, and the statements stay
// prepared (the kit does not prepare a `*` list, see createPool).
const METHOD_COLUMNS = 'id, user_id_ref, processor_token, brand, last4, exp_month, exp_year, card_fingerprint, created_at';

const toPaymentMethod = (r: PaymentMethodRow): PaymentMethod => ({
  id: r.id, userId: r.user_id_ref, processorToken: r.processor_token, brand: r.brand, last4: r.last4,
  expMonth: r.exp_month, expYear: r.exp_year, cardFingerprint: r.card_fingerprint, createdAt: r.created_at,
});

export type NewPaymentMethod = Omit<PaymentMethod, 'id' | 'createdAt' | 'cardFingerprint'> & { cardFingerprint: string };

/**
 * Saves a method, unless the user has this card already (the same fingerprint and expiry): then the
 * method they have is answered, `created: false`, and the new token is not kept. Two saves of one
 * card at once make one method (the unique index decides); a method removed between the two
 * statements is saved anew.
 */
export async function insertPaymentMethod(db: Queryable, m: NewPaymentMethod): Promise<{ method: PaymentMethod; created: boolean }> {
  // A removal between the two statements takes one more turn; three in a row is someone removing the
  // card as fast as it is saved, and the caller may try again.
  for (let turn = 0; turn < 3; turn++) {
    const inserted = await db.query<PaymentMethodRow>(
      `INSERT INTO payment_methods (user_id_ref, processor_token, brand, last4, exp_month, exp_year, card_fingerprint)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (user_id_ref, card_fingerprint, exp_month, exp_year) WHERE card_fingerprint IS NOT NULL DO NOTHING
       RETURNING ${METHOD_COLUMNS}`,
      [m.userId, m.processorToken, m.brand, m.last4, m.expMonth, m.expYear, m.cardFingerprint],
    );
    if (inserted.rows[0]) return { method: toPaymentMethod(inserted.rows[0]), created: true };
    const existing = await db.query<PaymentMethodRow>(
      `SELECT ${METHOD_COLUMNS} FROM payment_methods
       WHERE user_id_ref = $1 AND card_fingerprint = $2 AND exp_month = $3 AND exp_year = $4`,
      [m.userId, m.cardFingerprint, m.expMonth, m.expYear],
    );
    if (existing.rows[0]) return { method: toPaymentMethod(existing.rows[0]), created: false };
  }
  throw new AppError('unavailable', 'the card was removed while it was being saved; try again', { extensions: { retryable: true } });
}

export async function findPaymentMethod(db: Queryable, id: string): Promise<PaymentMethod | undefined> {
  const { rows } = await db.query<PaymentMethodRow>(`SELECT ${METHOD_COLUMNS} FROM payment_methods WHERE id = $1`, [id]);
  return rows[0] && toPaymentMethod(rows[0]);
}

/** A user's methods, newest first. */
export async function listPaymentMethods(db: Queryable, userId: string, limit: number): Promise<PaymentMethod[]> {
  const { rows } = await db.query<PaymentMethodRow>(
    `SELECT ${METHOD_COLUMNS} FROM payment_methods WHERE user_id_ref = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map(toPaymentMethod);
}

/**
 * Removes one of the user's saved methods, unless a payment is being authorized with it right now
 * (its token is still needed): `removed`, `in-use`, or `not-found` (also for another user's method).
 * Payments made with it stay for the books, with its brand and last four digits, and forget which
 * method it was. The method's row is locked first: an authorization that is recording a payment on it
 * holds its key until it commits, so either the removal sees that payment pending, or the
 * authorization finds the method gone and declines.
 */
export async function removePaymentMethod(db: Queryable, userId: string, id: string): Promise<'removed' | 'in-use' | 'not-found'> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM payment_methods WHERE id = $1 AND user_id_ref = $2 FOR UPDATE', [id, userId]);
  if (!rows[0]) return 'not-found';
  const pending = await db.query("SELECT 1 FROM payments WHERE payment_method_id = $1 AND status = 'pending' LIMIT 1", [id]);
  if (pending.rowCount) return 'in-use';
  await db.query('UPDATE payments SET payment_method_id = NULL WHERE payment_method_id = $1', [id]);
  await db.query('DELETE FROM payment_methods WHERE id = $1', [id]);
  return 'removed';
}
