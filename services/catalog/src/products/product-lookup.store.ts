import type { Queryable } from '@bazaar/platform';

/** Which of the ids name a product, of any status: a discontinued product still exists (orders refer to it). */
export async function existingProductIds(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM products WHERE id = ANY($1::uuid[]) ORDER BY id', [[...new Set(ids)]]);
  return rows.map((r) => r.id);
}

/** What orders prices a line with: a product's name, SKU, price and status, as catalog has them now. */
export interface ProductPrice {
  id: string;
  sku: string;
  name: string;
  priceMinor: number;
  currency: string;
  status: 'active' | 'discontinued';
}

/** The prices of the products these ids name (of any status), in id order; an id that names none is left out. */
export async function pricesOf(db: Queryable, ids: readonly string[]): Promise<ProductPrice[]> {
  const { rows } = await db.query<ProductPrice>(
    `SELECT id, sku, title AS name, price_minor AS "priceMinor", currency, status FROM products WHERE id = ANY($1::uuid[]) ORDER BY id`,
    [[...new Set(ids)]],
  );
  return rows;
}
