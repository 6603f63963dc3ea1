// How catalog keeps, from identity's and orders' events, what its reviews show of their authors. The
// consumer has checked each payload against its contract and runs the handler in the transaction of
// the message's inbox row, so a redelivered message has no second effect; what is left is events
// that arrive out of order, which each copy absorbs (newest name by the user's version, else by event time;
// furthest order stage).
import type { Messages, UserRegisteredPayload, UserUpdatedPayload } from '@bazaar/contracts';
import type { MessagePayload, Queryable } from '@bazaar/platform';
import { displayNameOf, purchaseStatusAfter, type OrderEventType } from './review.js';
import { addPurchaseItems, advancePurchase, upsertReviewerName } from './review-copies.store.js';

export async function applyUserRegistered(client: Queryable, payload: UserRegisteredPayload): Promise<{ applied: boolean }> {
  const name = displayNameOf(payload.firstName, payload.lastName);
  return { applied: await upsertReviewerName(client, payload.userId, name, new Date(payload.registeredAt), payload.version) };
}

export async function applyUserUpdated(client: Queryable, payload: UserUpdatedPayload): Promise<{ applied: boolean }> {
  const name = displayNameOf(payload.firstName, payload.lastName);
  return { applied: await upsertReviewerName(client, payload.userId, name, new Date(payload.updatedAt), payload.version) };
}

/** order.placed: the order is pending (unless already further) and its products are recorded. */
export async function applyOrderPlaced(client: Queryable, payload: MessagePayload<Messages, 'order.placed'>): Promise<{ applied: boolean }> {
  const applied = await advancePurchase(client, payload.orderId, payload.userId, purchaseStatusAfter('order.placed'));
  await addPurchaseItems(client, payload.orderId, payload.items.map((item) => item.productId));
  return { applied };
}

type OrderOutcome = Exclude<OrderEventType, 'order.placed'>;

/** order.confirmed, order.cancelled and order.rejected: the order's stage, kept even before order.placed. */
const applyOrderOutcome = (type: OrderOutcome) =>
  async (client: Queryable, payload: MessagePayload<Messages, OrderOutcome>): Promise<{ applied: boolean }> =>
    ({ applied: await advancePurchase(client, payload.orderId, payload.userId, purchaseStatusAfter(type)) });

export const applyOrderConfirmed = applyOrderOutcome('order.confirmed');
export const applyOrderCancelled = applyOrderOutcome('order.cancelled');
export const applyOrderRejected = applyOrderOutcome('order.rejected');
