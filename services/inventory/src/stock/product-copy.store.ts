import type { Queryable } from '@bazaar/platform';

/** Catalog's names are at most 200 characters (its API's rule); the copy keeps no more. */
export const PRODUCT_NAME_MAX = 200;

/**
 * Copies the product's name at catalog's `version` onto its stock item, unless the copy already
 * holds that version or a newer one (a late retry, an update delivered before an older one). True
 * when written. The item must be the product's: a SKU another product holds is left alone.
 */
export async function copyProductName(db: Queryable, copy: { sku: string; productId: string; name: string; version: number }): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE stock_items SET product_name = $3, product_version = $4
     WHERE sku = $1 AND product_id_ref = $2 AND (product_version IS NULL OR product_version < $4)`,
    [copy.sku, copy.productId, copy.name.slice(0, PRODUCT_NAME_MAX), copy.version],
  );
  return rowCount === 1;
}
