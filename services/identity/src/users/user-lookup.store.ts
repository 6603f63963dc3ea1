import type { Queryable } from '@bazaar/platform';

/** Which of the ids name a user whose account exists: a deleted account (its row kept, blanked) does not. */
export async function existingUserIds(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM users WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL ORDER BY id',
    [[...new Set(ids)]],
  );
  return rows.map((r) => r.id);
}
