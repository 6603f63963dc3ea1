// What catalog does with a deleted user (identity's user.deleted): their reviews stay, with their
// ratings and words, but are shown as by a former customer. The copy of their display name is
// replaced by that label, dated at the end of time, so no late user.registered or user.updated
// (which only write over an older copy) can bring the name back. The user's id stays on the reviews
// and on the copies of their orders (an id names nobody; it keeps one review per product and the
// verified-purchase mark), and the confirmation goes out with the change, through catalog's outbox.
import type { UserDeletedPayload } from '@bazaar/contracts';
import type { Queryable } from '@bazaar/platform';
import type { CatalogPublish } from '../events.js';
import { anonymiseReviewer } from './erasure.store.js';

export const FORMER_CUSTOMER = 'Former customer';

export function createErasureHandler(publish: CatalogPublish) {
  return async (client: Queryable, payload: UserDeletedPayload): Promise<void> => {
    const reviews = await anonymiseReviewer(client, payload.userId, FORMER_CUSTOMER);
    await publish(client, 'user.erased', {
      userId: payload.userId, service: 'catalog', erasedAt: new Date().toISOString(),
      summary: `${reviews} review${reviews === 1 ? '' : 's'} shown as by a former customer; display name removed`,
    }, { key: payload.userId });
  };
}
