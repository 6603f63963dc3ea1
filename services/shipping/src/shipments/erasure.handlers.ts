// What shipping does with a deleted user (identity's user.deleted). Finished shipments (delivered,
// returned, cancelled, failed) keep their ids, items, statuses, couriers and country, and lose the
// recipient's name, address and geocoded point, and the notes of their delivery attempts. A parcel
// still on its way keeps the address, because a courier is bringing it there; it is blanked by the
// database the moment the shipment ends, whichever path ends it (migration 0005's trigger). The
// confirmation says so. A deleted courier's name is replaced, they are taken off shift, their last
// position is forgotten, and the parcels they had not delivered go back to the queue for another
// courier (each announced with shipment.handed_back), as when a shift ends.
import type { Messages, UserDeletedPayload } from '@bazaar/contracts';
import type { Publish, Queryable, Sends } from '@bazaar/platform';
import type { Positions } from '../couriers/positions.js';
import { COURIER_GONE, handBackParcels } from '../delivery/hand-back.js';
import { courierOfUser, eraseRecipient, retireCourier } from './erasure.store.js';

export type ErasurePublish = Publish<Sends<Messages, 'user.erased' | 'shipment.handed_back'>>;

export const FORMER_COURIER = 'Former courier';

export interface ErasureDeps {
  publish: ErasurePublish;
  /** Where the courier's live position is kept (Redis): forgotten with the account. */
  positions: Pick<Positions, 'endShift'>;
}

export async function eraseShippingUser(deps: ErasureDeps, client: Queryable, payload: UserDeletedPayload): Promise<void> {
  const { publish, positions } = deps;
  // Shipments are locked before the courier, as everywhere: the user's own finished shipments, then
  // (if they were a courier) the parcels they carried, then their courier record.
  const done = await eraseRecipient(client, payload.userId, new Date(payload.deletedAt));
  const courierId = await courierOfUser(client, payload.userId);
  const handedBack = courierId ? await handBackParcels(client, publish, { id: courierId, name: FORMER_COURIER }, COURIER_GONE) : 0;
  if (courierId) {
    await retireCourier(client, payload.userId, FORMER_COURIER);
    // Before the commit: if Redis fails, the message is retried (forgetting twice is harmless), so the
    // position of a deleted courier is never left behind by a commit that went through without it.
    await positions.endShift(payload.userId, courierId);
  }
  const parts = [`${done.blanked} finished shipment${done.blanked === 1 ? '' : 's'} blanked`];
  if (done.underWay > 0) parts.push(`${done.underWay} under way, blanked when delivered or returned`);
  if (courierId) parts.push(`courier name and position removed${handedBack > 0 ? `, ${handedBack} parcel${handedBack === 1 ? '' : 's'} handed back for another courier` : ''}`);
  await publish(client, 'user.erased', {
    userId: payload.userId, service: 'shipping', erasedAt: new Date().toISOString(), summary: parts.join('; '),
  }, { key: payload.userId });
}
