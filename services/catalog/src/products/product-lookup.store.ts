import type { Queryable } from '@bazaar/platform';

/** Which of the ids name a product, of any status: a discontinued product still exists (orders refer to it). */
export async function existingProductIds(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM products WHERE id = ANY($1::uuid[]) ORDER BY id', [[...new Set(ids)]]);
  return rows.map((r) => r.id);
}
