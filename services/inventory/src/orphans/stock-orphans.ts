import { batchLookup, type OrphanCheck, type Pool, type ServiceClient } from '@bazaar/platform';
import { archiveItems, productReferences } from './stock-orphans.store.js';

/** Catalog's batch lookup of products. */
export const CATALOG_LOOKUP_PATH = '/products/lookup';

/**
 * Stock items whose product catalog no longer has (it never hard-deletes one, so this is a product
 * lost or removed outside its API, or an item linked to an id catalog never issued). Rule: repair by
 * archiving the item, which is safe: nothing is erased (the ledger and the counts stay, an operator
 * can still correct them) and the item only leaves the scan and says why. An item holding a
 * reservation is reported and left as it is. A discontinued product still exists: not an orphan.
 */
export function stockItemProductCheck(pool: Pool, catalog: Pick<ServiceClient, 'request' | 'name'>): OrphanCheck {
  return {
    kind: 'stock-item-product',
    owner: 'catalog',
    rule: 'repair',
    description: 'stock items whose product catalog does not have: archived (nothing erased), unless a reservation holds them',
    references: (after, limit) => productReferences(pool, after, limit),
    existing: batchLookup(catalog, CATALOG_LOOKUP_PATH),
    repair: (orphans) => archiveItems(pool, orphans, (ref) => `catalog has no product ${ref}`),
  };
}
