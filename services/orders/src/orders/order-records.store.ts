// The order as the checkout saga reads and writes it (checkout/saga.runner.ts's OrderRecords): its
// facts, its status and its copies of the payment's and the shipment's status. Given to the saga's
// runner by main.ts, so the dependency runs one way: orders/ uses checkout/, never the reverse.
import type { OrderRecords } from '../checkout/saga.runner.js';
import { DELIVERY_EVENT_TYPES, type DeliveryEvent, type SagaMessage } from '../checkout/saga.types.js';
import { linesBySku } from './order.js';
import { findSagaFacts, setOrderStatus } from './order.store.js';
import { copyPaymentEvent, copyShipmentEvent, findShippingCopy } from './status-copies.store.js';
import { deliveryEntry, withDelivery, type PaymentEvent, type ShipmentEvent } from './status-copies.js';

const isPaymentReply = (m: SagaMessage): m is PaymentEvent => m.type.startsWith('payment.');
const isShipmentMessage = (m: SagaMessage): m is ShipmentEvent => m.type.startsWith('shipment.');
const isDeliveryEvent = (m: SagaMessage): m is DeliveryEvent => (DELIVERY_EVENT_TYPES as readonly string[]).includes(m.type);

export const orderRecords: OrderRecords = {
  async facts(client, orderId, paymentMethodRef) {
    // Read for every reply: one statement for the order, its lines and its recipient.
    const order = await findSagaFacts(client, orderId);
    if (!order) throw new Error(`order ${orderId} has a saga but no order or recipient`);
    return {
      orderId, orderNumber: order.number, userId: order.userId, totalMinor: order.totalMinor, currency: order.currency,
      paymentMethodId: paymentMethodRef, lines: linesBySku(order.items), recipient: order.recipient,
    };
  },
  async setStatus(client, orderId, status, reason) {
    // A confirmed order shows where its parcel is: read under the saga's lock, as the copy stands.
    const shipping = status === 'confirmed' ? await findShippingCopy(client, orderId) : undefined;
    await setOrderStatus(client, orderId, withDelivery(status, shipping?.status), reason);
  },
  async copyReply(client, orderId, message) {
    if (isPaymentReply(message)) return { changed: await copyPaymentEvent(client, orderId, message), timeline: [] };
    if (!isShipmentMessage(message)) return { changed: false, timeline: [] };
    const changed = await copyShipmentEvent(client, orderId, message);
    return { changed, timeline: changed && isDeliveryEvent(message) ? [deliveryEntry(message)] : [] };
  },
};
