import { AppError, withTransaction, type Pool, type PoolClient } from '@bazaar/platform';
import { becomesDefault, type Address, type AddressFields } from './address.js';
import {
  clearDefault, countAddresses, deleteAddress, insertAddress, promoteOldest, updateAddress,
} from './address.store.js';
import { lockUser } from './user.store.js';

// Each change runs in one transaction holding the user's row lock, so two requests moving the
// default cannot interleave; the partial unique index is the backstop if anything ever did.
async function asUser<T>(pool: Pool, userId: string, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    if (!(await lockUser(client, userId))) throw AppError.notFound('the user');
    return fn(client);
  });
}

export async function addAddress(pool: Pool, userId: string, fields: AddressFields, isDefault?: boolean): Promise<Address> {
  return asUser(pool, userId, async (client) => {
    const makeDefault = becomesDefault(isDefault, await countAddresses(client, userId));
    if (makeDefault) await clearDefault(client, userId);
    return insertAddress(client, userId, fields, makeDefault);
  });
}

/** Changes an address; `isDefault: true` moves the default to it, all or nothing. */
export async function changeAddress(
  pool: Pool,
  userId: string,
  id: string,
  changes: Partial<AddressFields> & { isDefault?: boolean },
): Promise<Address> {
  return asUser(pool, userId, async (client) => {
    if (changes.isDefault === true) await clearDefault(client, userId);
    const address = await updateAddress(client, userId, id, changes);
    if (!address) throw AppError.notFound('the address');
    return address;
  });
}

/** Deletes an address; when it was the default, the oldest remaining address takes over. */
export async function removeAddress(pool: Pool, userId: string, id: string): Promise<void> {
  await asUser(pool, userId, async (client) => {
    const removed = await deleteAddress(client, userId, id);
    if (!removed) throw AppError.notFound('the address');
    if (removed.isDefault) await promoteOldest(client, userId);
  });
}
