import { AppError, type Queryable } from '@bazaar/platform';
import type { NewProduct, Product, ProductChanges, ProductImage, ProductStatus } from './product.js';

interface ProductRow {
  id: string;
  sku: string;
  title: string;
  description: string;
  price_minor: number;
  currency: string;
  category_id: string;
  status: ProductStatus;
  version: number;
  rating_avg: string;
  review_count: number;
  created_at: Date;
  updated_at: Date;
  discontinued_at: Date | null;
}

const COLUMNS = `id, sku, title, description, price_minor, currency, category_id, status, version, rating_avg,
  review_count, created_at, updated_at, discontinued_at`;

const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  sku: row.sku,
  name: row.title,
  description: row.description,
  priceMinor: row.price_minor,
  currency: row.currency,
  categoryId: row.category_id,
  status: row.status,
  version: row.version,
  ratingAverage: row.review_count > 0 ? Number(row.rating_avg) : null,
  reviewCount: row.review_count,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  discontinuedAt: row.discontinued_at,
});

/** Unique SKU → 409 on `body.sku`; unknown category → 400 on `body.categoryId`. */
function constraintError(error: unknown): unknown {
  const e = error as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint === 'products_sku_key') {
    return new AppError('conflict', 'that SKU is taken by another product', { errors: [{ field: 'body.sku', message: 'is taken' }] });
  }
  if (e.code === '23503' && e.constraint === 'products_category_id_fkey') {
    return AppError.invalid('body.categoryId names no category', [{ field: 'body.categoryId', message: 'names no category' }]);
  }
  return error;
}

// The product's name is stored as products.title (until migration 0007, products.name: see the
// README's "Expand/contract: worked example"); the API and the events keep calling it `name`. This
// code no longer writes products.name: until 0007 drops it, the trigger of 0005 copies title into it
// for release 2, which reads it no more but still writes it.

/** Inserts products in one statement; returned in the order given. */
export async function insertProducts(db: Queryable, products: NewProduct[]): Promise<Product[]> {
  const column = <T>(pick: (p: NewProduct) => T) => products.map(pick);
  try {
    const { rows } = await db.query<ProductRow & { n: number }>(
      `INSERT INTO products (sku, title, description, price_minor, currency, category_id, created_at, updated_at)
       SELECT sku, name, description, price_minor, currency, category_id, COALESCE(created_at, now()), COALESCE(created_at, now())
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::uuid[], $7::timestamptz[])
         AS n(sku, name, description, price_minor, currency, category_id, created_at)
       RETURNING ${COLUMNS}`,
      [
        column((p) => p.sku), column((p) => p.name), column((p) => p.description ?? ''), column((p) => p.priceMinor),
        column((p) => p.currency), column((p) => p.categoryId), column((p) => p.createdAt ?? null),
      ],
    );
    const bySku = new Map(rows.map((row) => [row.sku, toProduct(row)]));
    return products.map((p) => bySku.get(p.sku)!);
  } catch (error) {
    throw constraintError(error);
  }
}

/** Adds images after any a product has, in the order given, for many products in one statement. */
export async function insertImages(db: Queryable, entries: { productId: string; images: ProductImage[] }[]): Promise<void> {
  const rows = entries.flatMap(({ productId, images }) => images.map((image, order) => ({ productId, ...image, order })));
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO product_images (product_id, image_url, alt, display_order)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[])`,
    [rows.map((r) => r.productId), rows.map((r) => r.url), rows.map((r) => r.alt ?? ''), rows.map((r) => r.order)],
  );
}

export async function replaceImages(db: Queryable, productId: string, images: ProductImage[]): Promise<void> {
  await db.query('DELETE FROM product_images WHERE product_id = $1', [productId]);
  await insertImages(db, [{ productId, images }]);
}

export type StoredImage = Required<ProductImage> & { displayOrder: number };

/**
 * The product, whatever its status, with its images in display order and its availability copy's
 * figure (null while inventory has said nothing of its SKU): one statement for a product page or an
 * order's pricing, where it took three.
 */
export async function findProductDetail(db: Queryable, id: string): Promise<{ product: Product; images: StoredImage[]; available: number | null } | undefined> {
  const { rows } = await db.query<ProductRow & { images: StoredImage[]; available: number | null }>(
    `SELECT ${COLUMNS.split(',').map((c) => `p.${c.trim()}`).join(', ')}, a.available,
            coalesce((SELECT json_agg(json_build_object('url', i.image_url, 'alt', i.alt, 'displayOrder', i.display_order) ORDER BY i.display_order)
                        FROM product_images i WHERE i.product_id = p.id), '[]'::json) AS images
       FROM products p LEFT JOIN product_availability a ON a.sku = p.sku
      WHERE p.id = $1`,
    [id],
  );
  const row = rows[0];
  return row && { product: toProduct(row), images: row.images, available: row.available };
}

/** The product, whatever its status; `lock` holds its row until the transaction ends. */
export async function findProduct(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<Product | undefined> {
  const { rows } = await db.query<ProductRow>(
    `SELECT ${COLUMNS} FROM products WHERE id = $1${options.lock ? ' FOR NO KEY UPDATE' : ''}`,
    [id],
  );
  return rows[0] && toProduct(rows[0]);
}

/** Applies the changes given (images aside) and moves the product to its next version. */
export async function updateProduct(db: Queryable, id: string, changes: ProductChanges): Promise<Product> {
  try {
    const { rows } = await db.query<ProductRow>(
      `UPDATE products SET
         title = COALESCE($2, title), description = COALESCE($3, description), price_minor = COALESCE($4, price_minor),
         currency = COALESCE($5, currency), category_id = COALESCE($6, category_id),
         version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.name ?? null, changes.description ?? null, changes.priceMinor ?? null, changes.currency ?? null, changes.categoryId ?? null],
    );
    return toProduct(rows[0]!);
  } catch (error) {
    throw constraintError(error);
  }
}

export async function markDiscontinued(db: Queryable, id: string): Promise<Product & { discontinuedAt: Date }> {
  const { rows } = await db.query<ProductRow>(
    `UPDATE products SET status = 'discontinued', discontinued_at = now(), updated_at = now(), version = version + 1
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id],
  );
  return toProduct(rows[0]!) as Product & { discontinuedAt: Date };
}

/** Whether the catalog holds any product at all (the demo seed fills only an empty one). */
export async function hasProducts(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM products) AS any');
  return rows[0]!.any;
}

/** Makes concurrent demo seeders take turns, until the transaction ends (so only one fills the catalog). */
export async function lockForSeeding(db: Queryable): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtext('catalog.demo-seed'))");
}
