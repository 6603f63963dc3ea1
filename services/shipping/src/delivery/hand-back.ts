// A courier who stops carrying parcels (ends the shift, or whose account is deleted) hands back every
// parcel not yet delivered, for the dispatcher to give to another courier, and each one is announced
// (`shipment.handed_back`) in the same transaction: orders' copy then no longer names that courier.
import type { Messages } from '@bazaar/contracts';
import type { Publish, Queryable, Sends } from '@bazaar/platform';
import { handBack } from './delivery.store.js';

export type HandBackPublish = Publish<Sends<Messages, 'shipment.handed_back'>>;

/** Why a parcel went back to the queue when its courier ended the shift, as its event and status say. */
export const SHIFT_ENDED = 'the courier ended the shift';
/** Why, when the courier's account was deleted (user.deleted, or the orphan check finding it gone). */
export const COURIER_GONE = 'the courier is no longer available';

/**
 * Hands back the courier's parcels not yet delivered and publishes `shipment.handed_back` for each, on
 * the caller's transaction. `courier.name` is the name the events carry (a deleted courier's is not
 * theirs any more). Returns how many parcels went back.
 */
export async function handBackParcels(
  client: Queryable,
  publish: HandBackPublish,
  courier: { id: string; name: string },
  reason: string,
): Promise<number> {
  const handedBackAt = new Date().toISOString();
  const parcels = await handBack(client, courier.id, reason);
  for (const parcel of parcels) {
    await publish(client, 'shipment.handed_back', {
      shipmentId: parcel.id, orderId: parcel.orderId, trackingNumber: parcel.trackingNumber, version: parcel.version,
      courier: { courierId: courier.id, name: courier.name }, reason, handedBackAt,
    });
  }
  return parcels.length;
}
