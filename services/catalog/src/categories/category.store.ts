import { AppError, withTransaction, type Pool, type Queryable } from '@bazaar/platform';
import type { Category, CategoryRef } from './category.js';

interface CategoryRow {
  id: string;
  slug: string;
  name: string;
  parent_category_id: string | null;
}

const toCategory = (row: CategoryRow): Category => ({ id: row.id, slug: row.slug, name: row.name, parentId: row.parent_category_id });

export interface NewCategory {
  slug: string;
  name: string;
  parentId?: string | null;
}

/** Inserts categories in the order given (a parent before its children); a slug taken is a 409. */
export async function insertCategories(db: Queryable, categories: NewCategory[]): Promise<Category[]> {
  try {
    const { rows } = await db.query<CategoryRow>(
      `INSERT INTO categories (slug, name, parent_category_id)
       SELECT slug, name, parent FROM unnest($1::text[], $2::text[], $3::uuid[]) WITH ORDINALITY AS c(slug, name, parent, n)
       ORDER BY n
       RETURNING id, slug, name, parent_category_id`,
      [categories.map((c) => c.slug), categories.map((c) => c.name), categories.map((c) => c.parentId ?? null)],
    );
    return rows.map(toCategory);
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    if (e.code === '23505') throw new AppError('conflict', 'that category slug is taken', { errors: [{ field: 'body.slug', message: 'is taken' }] });
    if (e.code === '23503') throw AppError.invalid('body.parentId names no category', [{ field: 'body.parentId', message: 'names no category' }]);
    throw error;
  }
}

/**
 * The most categories a catalog holds: the tree is answered whole by GET /categories, so its size is
 * bounded (and documented) like any other list.
 */
export const MAX_CATEGORIES = 1000;

/** Adds one category unless the catalog already holds {@link MAX_CATEGORIES} (a 409). */
export async function addCategory(pool: Pool, category: NewCategory): Promise<Category> {
  return withTransaction(pool, async (client) => {
    // Admins adding categories at the same moment are counted one after the other.
    await client.query('LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE');
    const { rows } = await client.query<{ count: number }>('SELECT count(*)::int AS count FROM categories');
    if (rows[0]!.count >= MAX_CATEGORIES) {
      throw new AppError('conflict', `the catalog already holds ${MAX_CATEGORIES} categories, the most it may`);
    }
    const [added] = await insertCategories(client, [category]);
    return added!;
  });
}

/** Every category, siblings by name. */
export async function listCategories(db: Queryable): Promise<Category[]> {
  const { rows } = await db.query<CategoryRow>('SELECT id, slug, name, parent_category_id FROM categories ORDER BY name, slug');
  return rows.map(toCategory);
}

const refCondition = (ref: CategoryRef): [string, string] => ('id' in ref ? ['id = $1', ref.id] : ['slug = $1', ref.slug]);

export async function findCategory(db: Queryable, ref: CategoryRef): Promise<Category | undefined> {
  const [condition, value] = refCondition(ref);
  const { rows } = await db.query<CategoryRow>(`SELECT id, slug, name, parent_category_id FROM categories WHERE ${condition}`, [value]);
  return rows[0] && toCategory(rows[0]);
}

/** The category and everything below it (empty when there is no such category), siblings by name. */
export async function findSubtree(db: Queryable, ref: CategoryRef): Promise<Category[]> {
  const [condition, value] = refCondition(ref);
  const { rows } = await db.query<CategoryRow & { depth: number }>(
    `WITH RECURSIVE tree AS (
       SELECT id, slug, name, parent_category_id, 0 AS depth FROM categories WHERE ${condition}
       UNION ALL
       SELECT c.id, c.slug, c.name, c.parent_category_id, t.depth + 1
       FROM categories c JOIN tree t ON c.parent_category_id = t.id
     )
     SELECT * FROM tree ORDER BY depth, name, slug`,
    [value],
  );
  return rows.map(toCategory);
}

/** From the root down to the category's parent (empty for a top-level category). */
export async function findAncestors(db: Queryable, id: string): Promise<Category[]> {
  const { rows } = await db.query<CategoryRow>(
    `WITH RECURSIVE up AS (
       SELECT c.id, c.slug, c.name, c.parent_category_id, 0 AS depth
       FROM categories c JOIN categories child ON child.parent_category_id = c.id WHERE child.id = $1
       UNION ALL
       SELECT c.id, c.slug, c.name, c.parent_category_id, up.depth + 1
       FROM categories c JOIN up ON c.id = up.parent_category_id
     )
     SELECT id, slug, name, parent_category_id FROM up ORDER BY depth DESC`,
    [id],
  );
  return rows.map(toCategory);
}
