import type { Queryable } from '@bazaar/platform';
import type { CursorKey } from '../pagination.js';
import type { ListingItem, ListingQuery, SortName } from './product-listing.js';

interface ListingRow {
  id: string;
  sku: string;
  title: string;
  price_minor: number;
  currency: string;
  category_id: string;
  rating_avg: string;
  review_count: number;
  created_at: Date;
  image_url: string | null;
  available: number | null;
  sort_key: Date | string | number;
}

interface Ordering {
  /** The sort key's SQL expression; `$q` stands for the search's placeholder. */
  key: string;
  direction: 'ASC' | 'DESC';
  /** The type a cursor's key is cast to, so it compares exactly as the column does. */
  type: string;
}

// Each ordering matches an index in 0001_catalog.sql (relevance excepted: a rank is computed per
// match, so a search sorted by relevance ranks every match, then keeps the page).
const orderings: Record<SortName, Ordering> = {
  newest: { key: 'p.created_at', direction: 'DESC', type: 'timestamptz' },
  price_asc: { key: 'p.price_minor', direction: 'ASC', type: 'bigint' },
  price_desc: { key: 'p.price_minor', direction: 'DESC', type: 'bigint' },
  rating: { key: 'p.rating_avg', direction: 'DESC', type: 'numeric' },
  relevance: { key: "ts_rank(p.search, websearch_to_tsquery('english', $q))", direction: 'DESC', type: 'real' },
};

class Sql {
  readonly params: unknown[] = [];
  readonly where: string[] = ["p.status = 'active'"];
  add(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

function whereClauses(sql: Sql, query: ListingQuery, key: string, ordering: Ordering): void {
  if (query.q !== undefined) sql.where.push(`p.search @@ websearch_to_tsquery('english', ${sql.add(query.q)})`);
  if (query.categoryIds) sql.where.push(`p.category_id = ANY(${sql.add(query.categoryIds)}::uuid[])`);
  if (query.minPrice !== undefined) sql.where.push(`p.price_minor >= ${sql.add(query.minPrice)}`);
  if (query.maxPrice !== undefined) sql.where.push(`p.price_minor <= ${sql.add(query.maxPrice)}`);
  if (query.inStock === true) sql.where.push('a.available > 0');
  if (query.inStock === false) sql.where.push('(a.available IS NULL OR a.available <= 0)');
  if (query.after) {
    const op = ordering.direction === 'ASC' ? '>' : '<';
    // A row comparison, which PostgreSQL turns into one index range condition on (key, id).
    sql.where.push(`(${key}, p.id) ${op} (${sql.add(query.after.key)}::${ordering.type}, ${sql.add(query.after.id)}::uuid)`);
  }
}

/**
 * One page of active products (`limit + 1` rows, the extra one telling there is more), each with its
 * sort key for the next cursor.
 */
export async function listProducts(db: Queryable, query: ListingQuery): Promise<{ item: ListingItem; key: CursorKey }[]> {
  const ordering = orderings[query.sort];
  const sql = new Sql();
  // The search's placeholder comes first, so the relevance key can refer to it.
  const key = ordering.key.replace('$q', '$1');
  whereClauses(sql, query, key, ordering);
  const limit = sql.add(query.limit + 1);
  const { rows } = await db.query<ListingRow>(
    `SELECT p.id, p.sku, p.title, p.price_minor, p.currency, p.category_id, p.rating_avg, p.review_count, p.created_at,
            a.available,
            (SELECT i.image_url FROM product_images i WHERE i.product_id = p.id ORDER BY i.display_order LIMIT 1) AS image_url,
            ${key} AS sort_key
     FROM products p
     LEFT JOIN product_availability a ON a.sku = p.sku
     WHERE ${sql.where.join(' AND ')}
     ORDER BY ${key} ${ordering.direction}, p.id ${ordering.direction}
     LIMIT ${limit}`,
    sql.params,
  );
  return rows.map((row) => ({ item: toItem(row), key: row.sort_key instanceof Date ? row.sort_key.toISOString() : row.sort_key }));
}

const toItem = (row: ListingRow): ListingItem => ({
  id: row.id,
  sku: row.sku,
  name: row.title,
  priceMinor: row.price_minor,
  currency: row.currency,
  categoryId: row.category_id,
  ratingAverage: row.review_count > 0 ? Number(row.rating_avg) : null,
  reviewCount: row.review_count,
  createdAt: row.created_at,
  imageUrl: row.image_url,
  available: row.available,
  inStock: row.available === null ? null : row.available > 0,
});
