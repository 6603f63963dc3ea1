// What shipping does with a deleted user (identity's user.deleted). Finished shipments (delivered,
// returned, cancelled, failed) keep their ids, items, statuses, couriers and country, and lose the
// recipient's name, address and geocoded point, and the notes of their delivery attempts. A parcel
// still on its way keeps the address, because a courier is bringing it there; it is blanked by the
// database the moment the shipment ends, whichever path ends it (migration 0005's trigger). The
// confirmation says so. A deleted courier's name is replaced and they are taken off shift.
import type { Messages, UserDeletedPayload } from '@bazaar/contracts';
import type { Publish, Queryable, Sends } from '@bazaar/platform';
import { eraseRecipient } from './erasure.store.js';

export type ErasurePublish = Publish<Sends<Messages, 'user.erased'>>;

export const FORMER_COURIER = 'Former courier';

export async function eraseShippingUser(publish: ErasurePublish, client: Queryable, payload: UserDeletedPayload): Promise<void> {
  const done = await eraseRecipient(client, payload.userId, new Date(payload.deletedAt), FORMER_COURIER);
  const parts = [`${done.blanked} finished shipment${done.blanked === 1 ? '' : 's'} blanked`];
  if (done.underWay > 0) parts.push(`${done.underWay} under way, blanked when delivered or returned`);
  if (done.courier) parts.push('courier name removed');
  await publish(client, 'user.erased', {
    userId: payload.userId, service: 'shipping', erasedAt: new Date().toISOString(), summary: parts.join('; '),
  }, { key: payload.userId });
}
