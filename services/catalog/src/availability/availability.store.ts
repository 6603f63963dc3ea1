import type { Queryable } from '@bazaar/platform';

export interface AvailabilityCopy {
  sku: string;
  available: number;
  version: number;
  updatedAt: Date;
}

/**
 * Writes inventory's figure for a SKU unless the copy already holds this version or a newer one.
 * True when the row was written; false when the event was stale or a repeat.
 */
export async function upsertAvailability(db: Queryable, copy: AvailabilityCopy): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO product_availability (sku, available, version, updated_at)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (sku) DO UPDATE
       SET available = EXCLUDED.available, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
       WHERE product_availability.version < EXCLUDED.version`,
    [copy.sku, copy.available, copy.version, copy.updatedAt],
  );
  return rowCount === 1;
}

export async function findAvailability(db: Queryable, sku: string): Promise<AvailabilityCopy | undefined> {
  const { rows } = await db.query<{ sku: string; available: number; version: number; updated_at: Date }>(
    'SELECT sku, available, version, updated_at FROM product_availability WHERE sku = $1',
    [sku],
  );
  const row = rows[0];
  return row && { sku: row.sku, available: row.available, version: row.version, updatedAt: row.updated_at };
}
