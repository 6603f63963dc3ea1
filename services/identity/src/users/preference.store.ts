import type { Queryable } from '@bazaar/platform';

export interface Preference {
  key: string;
  value: string;
  updatedAt: Date;
}

interface PreferenceRow {
  preference_key: string;
  preference_value: string;
  updated_at: Date;
}

const toPreference = (r: PreferenceRow): Preference => ({ key: r.preference_key, value: r.preference_value, updatedAt: r.updated_at });

export async function listPreferences(db: Queryable, userId: string): Promise<Preference[]> {
  const { rows } = await db.query<PreferenceRow>(
    'SELECT preference_key, preference_value, updated_at FROM user_preferences WHERE user_id = $1 ORDER BY preference_key',
    [userId],
  );
  return rows.map(toPreference);
}

/** Sets a preference, creating or replacing it (one value per user and key). */
export async function putPreference(db: Queryable, userId: string, key: string, value: string): Promise<Preference> {
  const { rows } = await db.query<PreferenceRow>(
    `INSERT INTO user_preferences (user_id, preference_key, preference_value) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, preference_key) DO UPDATE SET preference_value = EXCLUDED.preference_value, updated_at = now()
     RETURNING preference_key, preference_value, updated_at`,
    [userId, key, value],
  );
  return toPreference(rows[0]!);
}

/** Whether there was such a preference to delete. */
export async function deletePreference(db: Queryable, userId: string, key: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM user_preferences WHERE user_id = $1 AND preference_key = $2', [userId, key]);
  return rowCount === 1;
}
