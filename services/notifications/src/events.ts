// The events notifications consumes. Each handler runs in the inbox's transaction: it updates the
// copies and records the event's messages in the history, so a message exists if and only if its
// event was handled, once. Jobs are added after the commit (delivery/dispatcher.ts).
import { events } from '@bazaar/contracts';
import { currentTraceparent, payloadHandlers, type PoolClient } from '@bazaar/platform';
import { applyContact, findContact, findOrderCopy, saveOrderCopy } from './copies/copies.store.js';
import { eraseContact, type ErasurePublish } from './copies/erasure.handlers.js';
import { planMessages, type Audience, type Composed } from './notifications/notification.js';
import { recordMessages } from './notifications/notification.store.js';
import * as t from './notifications/templates.js';

interface Source { id: string; type: string }

/** Records `composed` for the user on every channel they allow (or by email, for account messages). */
async function notify(client: PoolClient, source: Source, userId: string, composed: Composed, options: { audience?: Audience; email?: string; orderId?: string } = {}) {
  const contact = await findContact(client, userId);
  const planned = planMessages(composed, options.audience ?? 'customer', contact, options.email);
  // The handler runs in the kit's consumer span: its context goes with the rows, to the jobs and sends.
  await recordMessages(client, { eventId: source.id, eventType: source.type, userId, orderId: options.orderId, traceparent: currentTraceparent() }, planned);
}

/**
 * An order event for an order notifications has no copy of (its order.placed was never seen) is
 * still told to the user the event names, without the lines; a shipment event names no user, so
 * without the copy there is nobody to address and nothing is recorded.
 */
async function orderContext(client: PoolClient, orderId: string) {
  const order = await findOrderCopy(client, orderId);
  const contact = order ? await findContact(client, order.userId) : undefined;
  return { order, firstName: contact?.firstName };
}

export function createEventHandlers() {
  return payloadHandlers(events, {
    'user.registered': async (client, e, envelope) => {
      await applyContact(client, { ...e, preferences: e.notificationPreferences, changedAt: e.registeredAt });
      await notify(client, envelope, e.userId, t.welcome(e.firstName));
    },
    'user.updated': async (client, e) => {
      await applyContact(client, { ...e, preferences: e.notificationPreferences, changedAt: e.updatedAt });
    },
    'user.verification-requested': async (client, e, envelope) => {
      await notify(client, envelope, e.userId, t.verification(e.firstName, e.verificationUrl, e.expiresAt), { audience: 'account', email: e.email });
    },
    'user.password-reset-requested': async (client, e, envelope) => {
      await notify(client, envelope, e.userId, t.passwordReset(e.firstName, e.resetUrl, e.expiresAt), { audience: 'account', email: e.email });
    },
    'order.placed': async (client, e) => {
      await saveOrderCopy(client, { ...e, items: e.items.map(({ sku, quantity, unitPriceMinor }) => ({ sku, quantity, unitPriceMinor })) });
    },
    'order.confirmed': async (client, e, envelope) => {
      const { order, firstName } = await orderContext(client, e.orderId);
      await notify(client, envelope, e.userId, t.receipt(firstName, e, order?.items ?? []), { orderId: e.orderId });
    },
    'order.rejected': async (client, e, envelope) => {
      const { firstName } = await orderContext(client, e.orderId);
      await notify(client, envelope, e.userId, t.orderRejected(firstName, e.orderNumber, e.reason), { orderId: e.orderId });
    },
    'order.cancelled': async (client, e, envelope) => {
      const { order, firstName } = await orderContext(client, e.orderId);
      await notify(client, envelope, e.userId, t.orderCancelled(firstName, e.orderNumber, e.reason, e.refundedMinor ?? 0, order?.currency), { orderId: e.orderId });
    },
    'shipment.dispatched': async (client, e, envelope) => {
      const { order, firstName } = await orderContext(client, e.orderId);
      if (order) await notify(client, envelope, order.userId, t.dispatched(firstName, order.orderNumber, e.courier.name, e.trackingNumber), { orderId: e.orderId });
    },
    'shipment.handed_back': async (client, e, envelope) => {
      const { order, firstName } = await orderContext(client, e.orderId);
      if (order) await notify(client, envelope, order.userId, t.handedBack(firstName, order.orderNumber, e.reason), { orderId: e.orderId });
    },
    'shipment.attempt_failed': async (client, e, envelope) => {
      const { order, firstName } = await orderContext(client, e.orderId);
      if (order) await notify(client, envelope, order.userId, t.attemptFailed(firstName, order.orderNumber, e.reason, e.attemptsLeft), { orderId: e.orderId });
    },
    'shipment.delivered': async (client, e, envelope) => {
      const { order, firstName } = await orderContext(client, e.orderId);
      if (order) await notify(client, envelope, order.userId, t.delivered(firstName, order.orderNumber), { orderId: e.orderId });
    },
    'shipment.returned': async (client, e, envelope) => {
      const { order, firstName } = await orderContext(client, e.orderId);
      if (order) await notify(client, envelope, order.userId, t.returned(firstName, order.orderNumber, e.reason), { orderId: e.orderId });
    },
  });
}

/** user.deleted: the contact copy and the history erased by notifications' rule, confirmed through `publish`. */
export function createErasureHandlers(publish: ErasurePublish) {
  return payloadHandlers(events, { 'user.deleted': (client, e) => eraseContact(publish, client, e) });
}
