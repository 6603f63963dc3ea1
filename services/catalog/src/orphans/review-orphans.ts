import { batchLookup, type OrphanCheck, type Pool, type ServiceClient } from '@bazaar/platform';
import { reviewAuthorReferences } from './review-orphans.store.js';

/** Identity's batch lookup of accounts. */
export const IDENTITY_LOOKUP_PATH = '/internal/users/lookup';

/**
 * Reviews whose author identity has no account for, and whose deletion catalog never applied: a
 * user.deleted that did not arrive (or an account removed outside identity's API). Rule: report only.
 * The remedy (showing the reviews as by a former customer, as user.deleted does) drops the author's
 * name for good, and identity answering "no account" after a restore from backup would be wrong
 * about it: an operator looks first, and redelivers identity's user.deleted if the account is gone.
 */
export function reviewAuthorCheck(pool: Pool, identity: Pick<ServiceClient, 'request' | 'name'>): OrphanCheck {
  return {
    kind: 'review-author',
    owner: 'identity',
    rule: 'report',
    description: 'reviews whose author identity has no account for, and whose deletion catalog never applied: reported only',
    references: (after, limit) => reviewAuthorReferences(pool, after, limit),
    existing: batchLookup(identity, IDENTITY_LOOKUP_PATH),
  };
}
