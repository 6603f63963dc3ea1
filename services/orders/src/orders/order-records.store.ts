// The order as the checkout saga reads and writes it (checkout/saga.runner.ts's OrderRecords): its
// facts, its status and its copies of the payment's and the shipment's status. Given to the saga's
// runner by main.ts, so the dependency runs one way: orders/ uses checkout/, never the reverse.
import type { OrderRecords } from '../checkout/saga.runner.js';
import type { Reply, ReplyOf } from '../checkout/saga.types.js';
import { linesBySku } from './order.js';
import { findItems, findOrder, findRecipient, setOrderStatus } from './order.store.js';
import { copyPaymentEvent, copyShipmentEvent } from './status-copies.store.js';

const isPaymentReply = (reply: Reply): reply is ReplyOf<Extract<Reply['type'], `payment.${string}`>> => reply.type.startsWith('payment.');
const isShipmentReply = (reply: Reply): reply is ReplyOf<Extract<Reply['type'], `shipment.${string}`>> => reply.type.startsWith('shipment.');

export const orderRecords: OrderRecords = {
  async facts(client, orderId, paymentMethodRef) {
    // One after another: a client runs one query at a time.
    const order = await findOrder(client, orderId);
    const items = await findItems(client, orderId);
    const recipient = await findRecipient(client, orderId);
    if (!order || !recipient) throw new Error(`order ${orderId} has a saga but no order or recipient`);
    return {
      orderId, orderNumber: order.number, userId: order.userId, totalMinor: order.totalMinor, currency: order.currency,
      paymentMethodId: paymentMethodRef, lines: linesBySku(items), recipient,
    };
  },
  setStatus: setOrderStatus,
  async copyReply(client, orderId, reply) {
    if (isPaymentReply(reply)) await copyPaymentEvent(client, orderId, reply);
    if (isShipmentReply(reply)) await copyShipmentEvent(client, orderId, reply);
  },
};
