// What payments does with a deleted user (identity's user.deleted): their saved payment methods are
// removed, and their payments stay for the books (amounts, statuses, every operation, the card's
// brand) without the card's last four digits. An authorization still being asked of the processor
// needs the saved card's token, so until it is answered (seconds) the deletion is refused as
// transient and the consumer delivers it again later. Capture, void and refund go by the processor's
// authorization id, not the card, so they are unaffected.
import type { Messages, UserDeletedPayload } from '@bazaar/contracts';
import { AppError, type Publish, type Queryable, type Sends } from '@bazaar/platform';
import { authorizationsInFlight, removeMethods } from './erasure.store.js';

export type ErasurePublish = Publish<Sends<Messages, 'user.erased'>>;

export async function erasePayer(publish: ErasurePublish, client: Queryable, payload: UserDeletedPayload): Promise<void> {
  if ((await authorizationsInFlight(client, payload.userId)) > 0) {
    throw new AppError('unavailable', "an authorization of the deleted user's card is in flight; erased once it is answered", { extensions: { retryable: true } });
  }
  const removed = await removeMethods(client, payload.userId);
  await publish(client, 'user.erased', {
    userId: payload.userId, service: 'payments', erasedAt: new Date().toISOString(),
    summary: `${removed} saved payment method${removed === 1 ? '' : 's'} removed; payments kept without the card's last digits`,
  }, { key: payload.userId });
}
