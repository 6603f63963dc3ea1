import { batchLookup, withTransaction, type HeldReference, type OrphanCheck, type Pool, type ServiceClient } from '@bazaar/platform';
import type { Positions } from '../couriers/positions.js';
import { COURIER_GONE, handBackParcels, type HandBackPublish } from '../delivery/hand-back.js';
import { courierUserReferences, onShiftCourier, takeOffShift } from './courier-orphans.store.js';

/** Identity's batch lookup of accounts. */
export const IDENTITY_LOOKUP_PATH = '/internal/users/lookup';

export interface CourierRepairDeps {
  /** Where the handed-back parcels are announced (the outbox). */
  publish: HandBackPublish;
  /** The live positions (Redis): an orphan's is forgotten. */
  positions: Pick<Positions, 'endShift'>;
}

/**
 * Couriers whose identity account is gone and whose deletion shipping never applied (a user.deleted
 * that did not arrive). Such a courier can no longer sign in, yet the dispatcher would still give
 * them parcels while they are on shift, and the parcels they carry would never arrive. Rule: repair
 * by doing what ending the shift does: their position forgotten, their parcels not yet delivered
 * handed back for another courier (shipment.handed_back), and off shift. That is safe: nothing is
 * erased, and a courier whose account does exist simply starts a shift again. Their name is left for
 * an operator (the report lists them).
 */
export function courierUserCheck(pool: Pool, identity: Pick<ServiceClient, 'request' | 'name'>, deps: CourierRepairDeps): OrphanCheck {
  return {
    kind: 'courier-user',
    owner: 'identity',
    rule: 'repair',
    description: 'couriers whose identity account is gone and whose deletion shipping never applied: their parcels handed back, taken off shift (nothing erased)',
    references: (after, limit) => courierUserReferences(pool, after, limit),
    existing: batchLookup(identity, IDENTITY_LOOKUP_PATH),
    repair: (orphans) => retireCouriers(pool, deps, orphans),
  };
}

/** Each orphan still on shift, in a transaction of its own: parcels handed back, then off shift. Returns the ids taken off. */
async function retireCouriers(pool: Pool, deps: CourierRepairDeps, orphans: readonly HeldReference[]): Promise<string[]> {
  // Positions first: forgetting one twice is harmless, and if Redis fails nothing else has changed
  // and the next run repairs them all.
  for (const orphan of orphans) await deps.positions.endShift(orphan.ref, orphan.key);
  const taken: string[] = [];
  for (const orphan of orphans) {
    const took = await withTransaction(pool, async (client) => {
      const courier = await onShiftCourier(client, orphan);
      if (!courier) return false;
      // The shipments are locked before the courier, as everywhere.
      await handBackParcels(client, deps.publish, courier, COURIER_GONE);
      return (await takeOffShift(client, [orphan])).length === 1;
    });
    if (took) taken.push(orphan.key);
  }
  return taken;
}
