import type { Queryable } from '@bazaar/platform';
import type { Address, AddressFields } from './address.js';

interface AddressRow {
  id: string;
  address_line1: string;
  address_line2: string | null;
  city: string;
  state: string | null;
  postal_code: string;
  country: string;
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, address_line1, address_line2, city, state, postal_code, country, is_default, created_at, updated_at';

// The only columns a change may set, by field name; anything else never reaches SQL.
const SETTABLE: Record<keyof AddressFields, string> = {
  addressLine1: 'address_line1',
  addressLine2: 'address_line2',
  city: 'city',
  state: 'state',
  postalCode: 'postal_code',
  country: 'country',
};

const toAddress = (r: AddressRow): Address => ({
  id: r.id,
  addressLine1: r.address_line1,
  addressLine2: r.address_line2,
  city: r.city,
  state: r.state,
  postalCode: r.postal_code,
  country: r.country,
  isDefault: r.is_default,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listAddresses(db: Queryable, userId: string): Promise<Address[]> {
  const { rows } = await db.query<AddressRow>(
    `SELECT ${COLUMNS} FROM user_addresses WHERE user_id = $1 ORDER BY is_default DESC, created_at, id`,
    [userId],
  );
  return rows.map(toAddress);
}

/** The address only if it is this user's: another user's id reads as not found. */
export async function findAddress(db: Queryable, userId: string, id: string): Promise<Address | undefined> {
  const { rows } = await db.query<AddressRow>(`SELECT ${COLUMNS} FROM user_addresses WHERE id = $1 AND user_id = $2`, [id, userId]);
  return rows[0] && toAddress(rows[0]);
}

export async function countAddresses(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM user_addresses WHERE user_id = $1', [userId]);
  return rows[0]!.count;
}

export async function insertAddress(db: Queryable, userId: string, fields: AddressFields, isDefault: boolean): Promise<Address> {
  const { rows } = await db.query<AddressRow>(
    `INSERT INTO user_addresses (user_id, address_line1, address_line2, city, state, postal_code, country, is_default)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [userId, fields.addressLine1, fields.addressLine2, fields.city, fields.state, fields.postalCode, fields.country, isDefault],
  );
  return toAddress(rows[0]!);
}

/** Sets the given fields (and `is_default` when given) on the user's own address. */
export async function updateAddress(
  db: Queryable,
  userId: string,
  id: string,
  changes: Partial<AddressFields> & { isDefault?: boolean },
): Promise<Address | undefined> {
  const sets: string[] = ['updated_at = now()'];
  const values: unknown[] = [id, userId];
  for (const [field, column] of Object.entries(SETTABLE)) {
    const value = changes[field as keyof AddressFields];
    if (value === undefined) continue;
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  }
  if (changes.isDefault !== undefined) {
    values.push(changes.isDefault);
    sets.push(`is_default = $${values.length}`);
  }
  const { rows } = await db.query<AddressRow>(
    `UPDATE user_addresses SET ${sets.join(', ')} WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
    values,
  );
  return rows[0] && toAddress(rows[0]);
}

/** Unsets the user's current default, if any (the step before making another address the default). */
export async function clearDefault(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE user_addresses SET is_default = false, updated_at = now() WHERE user_id = $1 AND is_default', [userId]);
}

export async function deleteAddress(db: Queryable, userId: string, id: string): Promise<Address | undefined> {
  const { rows } = await db.query<AddressRow>(`DELETE FROM user_addresses WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`, [id, userId]);
  return rows[0] && toAddress(rows[0]);
}

/** Makes the user's oldest address the default (after the default one was deleted). */
export async function promoteOldest(db: Queryable, userId: string): Promise<void> {
  await db.query(
    `UPDATE user_addresses SET is_default = true, updated_at = now()
     WHERE id = (SELECT id FROM user_addresses WHERE user_id = $1 ORDER BY created_at, id LIMIT 1)`,
    [userId],
  );
}
