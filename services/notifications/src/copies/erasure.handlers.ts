// What notifications does with a deleted user (identity's user.deleted): its copy of their contact
// details becomes a tombstone that no late event can overwrite, and the history of messages to them
// keeps what was sent and when, without the address, subject or text; anything not yet sent is not
// sent. The order copies hold no personal field (number, lines, amounts) and stay.
import type { Messages, UserDeletedPayload } from '@bazaar/contracts';
import type { Publish, Queryable, Sends } from '@bazaar/platform';
import { blankHistory, tombstoneContact } from './erasure.store.js';

export type ErasurePublish = Publish<Sends<Messages, 'user.erased'>>;

export async function eraseContact(publish: ErasurePublish, client: Queryable, payload: UserDeletedPayload): Promise<void> {
  await tombstoneContact(client, payload.userId);
  const messages = await blankHistory(client, payload.userId);
  await publish(client, 'user.erased', {
    userId: payload.userId, service: 'notifications', erasedAt: new Date().toISOString(),
    summary: `contact copy removed; ${messages} message${messages === 1 ? '' : 's'} in the history without recipient or text`,
  }, { key: payload.userId });
}
