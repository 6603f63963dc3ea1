// What orders does with a deleted user (identity's user.deleted): their orders are kept, as the books
// need them (numbers, lines, amounts, payment and delivery statuses, the country for tax), with the
// personal fields blanked: the recipient's name and address, the card's last four digits. Orders
// holds no email or phone. The user id stays (it names nobody once identity has blanked the account).
//
// A checkout still in flight needs the address until its saga hands it to shipping (seconds, bounded
// by the step deadlines): until then the deletion is refused as transient, so the consumer delivers
// it again later, and the confirmation goes out only once every order is blanked.
import type { UserDeletedPayload } from '@bazaar/contracts';
import { AppError, payloadHandlers, type Queryable } from '@bazaar/platform';
import { events } from '@bazaar/contracts';
import type { OrdersPublish } from '../events.js';
import { blankOrders, ordersAwaitingShipment } from './erasure.store.js';

export async function eraseCustomer(publish: OrdersPublish, client: Queryable, payload: UserDeletedPayload): Promise<void> {
  const waiting = await ordersAwaitingShipment(client, payload.userId);
  if (waiting.length > 0) {
    throw new AppError('unavailable', `orders ${waiting.join(', ')} of the deleted user are still in checkout; erased once shipping has the address`, { extensions: { retryable: true } });
  }
  const orders = await blankOrders(client, payload.userId);
  await publish(client, 'user.erased', {
    userId: payload.userId, service: 'orders', erasedAt: new Date().toISOString(),
    summary: `${orders} order${orders === 1 ? '' : 's'} kept with the recipient's name, address and card digits blanked`,
  }, { key: payload.userId });
}

/** The handler main.ts adds to the saga's: user.deleted, confirming through `publish`. */
export const erasureHandlers = (publish: OrdersPublish) =>
  payloadHandlers(events, { 'user.deleted': (client, payload) => eraseCustomer(publish, client, payload) });
