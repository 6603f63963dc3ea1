import type { Queryable } from '@bazaar/platform';
import { PURCHASE_STAGES, type PurchaseStatus } from './review.js';

/**
 * Writes a reviewer's display name unless the copy already holds one set by an event at least as
 * recent: true when written, false when the event was older (a late retry, a registration that
 * arrives after an update) or a repeat.
 */
export async function upsertReviewerName(db: Queryable, userId: string, displayName: string | null, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO reviewer_names (user_id_ref, display_name, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id_ref) DO UPDATE
       SET display_name = EXCLUDED.display_name, updated_at = EXCLUDED.updated_at
       WHERE reviewer_names.updated_at < EXCLUDED.updated_at`,
    [userId, displayName, at],
  );
  return rowCount === 1;
}

/**
 * Moves an order's copy to `status` unless it has already reached that stage or a later one (see
 * `PurchaseStatus`); an order not seen yet is created at it. True when the stage changed. The
 * stage order is given to SQL as an array, so the comparison happens under the row's lock and two
 * events of one order delivered at once cannot undo each other.
 */
export async function advancePurchase(db: Queryable, orderId: string, userId: string, status: PurchaseStatus): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO purchases (order_id_ref, user_id_ref, status) VALUES ($1, $2, $3)
     ON CONFLICT (order_id_ref) DO UPDATE
       SET status = EXCLUDED.status, updated_at = now()
       WHERE array_position($4::text[], purchases.status) < array_position($4::text[], EXCLUDED.status)`,
    [orderId, userId, status, PURCHASE_STAGES],
  );
  return rowCount === 1;
}

/** Records which products an order holds; a repeat adds nothing. The order's row must exist. */
export async function addPurchaseItems(db: Queryable, orderId: string, productIds: string[]): Promise<void> {
  await db.query(
    `INSERT INTO purchase_items (order_id_ref, product_id_ref)
     SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [orderId, [...new Set(productIds)]],
  );
}
