import type { HeldReference, Queryable } from '@bazaar/platform';

/** A page of the items that refer to a catalog product and are not archived, in SKU order. */
export async function productReferences(db: Queryable, after: string | undefined, limit: number): Promise<HeldReference[]> {
  const { rows } = await db.query<HeldReference>(
    `SELECT sku AS key, product_id_ref::text AS ref FROM stock_items
     WHERE product_id_ref IS NOT NULL AND archived_at IS NULL AND ($1::text IS NULL OR sku > $1)
     ORDER BY sku LIMIT $2`,
    [after ?? null, limit],
  );
  return rows;
}

/**
 * Archives the items found referring to products catalog does not have, each only if it still refers
 * to that product and holds no reservation (a held reservation belongs to a checkout in flight, which
 * settles it; the item is reported and looked at again next run). Returns the SKUs archived.
 */
export async function archiveItems(db: Queryable, orphans: readonly HeldReference[], reasonOf: (ref: string) => string): Promise<string[]> {
  const { rows } = await db.query<{ sku: string }>(
    `UPDATE stock_items s SET archived_at = now(), archived_reason = o.reason
     FROM unnest($1::text[], $2::uuid[], $3::text[]) AS o (sku, ref, reason)
     WHERE s.sku = o.sku AND s.product_id_ref = o.ref AND s.archived_at IS NULL AND s.reserved = 0
     RETURNING s.sku`,
    [orphans.map((o) => o.key), orphans.map((o) => o.ref), orphans.map((o) => reasonOf(o.ref))],
  );
  return rows.map((r) => r.sku).sort();
}
