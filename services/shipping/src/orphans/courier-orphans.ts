import { batchLookup, type OrphanCheck, type Pool, type ServiceClient } from '@bazaar/platform';
import { courierUserReferences, takeOffShift } from './courier-orphans.store.js';

/** Identity's batch lookup of accounts. */
export const IDENTITY_LOOKUP_PATH = '/internal/users/lookup';

/**
 * Couriers whose identity account is gone and whose deletion shipping never applied (a user.deleted
 * that did not arrive). Such a courier can no longer sign in, yet the dispatcher would still give
 * them parcels while they are on shift. Rule: repair by taking them off shift, which is safe: nothing
 * is erased, and a courier whose account does exist simply starts a shift again. Their name, and the
 * parcels they carry now, are left for an operator (the report lists them).
 */
export function courierUserCheck(pool: Pool, identity: Pick<ServiceClient, 'request' | 'name'>): OrphanCheck {
  return {
    kind: 'courier-user',
    owner: 'identity',
    rule: 'repair',
    description: 'couriers whose identity account is gone and whose deletion shipping never applied: taken off shift (nothing erased)',
    references: (after, limit) => courierUserReferences(pool, after, limit),
    existing: batchLookup(identity, IDENTITY_LOOKUP_PATH),
    repair: (orphans) => takeOffShift(pool, orphans),
  };
}
