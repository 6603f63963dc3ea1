import type { Queryable } from '@bazaar/platform';
import { PURCHASE_STAGES, type PurchaseStatus } from './review.js';

/**
 * Writes a reviewer's display name unless the copy already holds a newer one: by the user's version
 * when both the copy and the event carry one (identity raises it with every change), else by the
 * event's time. True when written, false when the event was older (a late retry, a registration that
 * arrives after an update) or a repeat. A name removed for a deleted user (dated 'infinity' by the
 * user.deleted handler) is never written over.
 */
export async function upsertReviewerName(db: Queryable, userId: string, displayName: string | null, at: Date, version?: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO reviewer_names (user_id_ref, display_name, updated_at, version) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id_ref) DO UPDATE
       SET display_name = EXCLUDED.display_name, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version
       WHERE reviewer_names.updated_at <> 'infinity'
         AND CASE WHEN reviewer_names.version IS NOT NULL AND EXCLUDED.version IS NOT NULL THEN reviewer_names.version < EXCLUDED.version
                  ELSE reviewer_names.updated_at < EXCLUDED.updated_at END`,
    [userId, displayName, at, version ?? null],
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
