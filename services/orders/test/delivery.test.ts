// The delivery as orders hears it, through its real handlers and database: shipping's events copied
// onto the order (the newest version wins), told in its timeline once each, shown in its status; a
// cancellation refused once a courier has the parcel; a returned parcel refunded, nothing else undone.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeliveryEvent } from '../src/checkout/saga.types.js';
import { delivery } from './saga.fixtures.js';
import { checkoutBody, startOrders, type Harness } from './support.js';

let h: Harness;
let customer: string;
let lamp: string;

before(async () => {
  h = await startOrders('delivery');
  customer = await h.token();
  lamp = h.catalog.add({ sku: 'LAMP-001', priceMinor: 4900 }).id;
});

after(async () => {
  await h?.close();
});

const SHIPMENT_ID = '0195f0a4-1c2b-7d3e-8f40-000000000002';
const PAYMENT_ID = '0195f0a4-1c2b-7d3e-8f40-000000000001';

interface View {
  status: string;
  statusReason: string | null;
  checkout: { state: string; step: string | null };
  payment: { status: string; refundedMinor: number };
  shipping: { status: string; reason: string | null; courier: { name: string } | null; failedAttempts: number; deliveredAt: string | null };
  timeline: { step: string; kind: string; status: string; detail: string | null; at: string }[];
}

/** One confirmed order, and the messages that concern it. */
class Order {
  constructor(readonly id: string) {}

  async view(): Promise<View> {
    const response = await h.app.inject({ method: 'GET', url: `/orders/${this.id}`, headers: { authorization: `Bearer ${customer}` } });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }

  async sentTypes(): Promise<string[]> {
    return (await h.sent(this.id)).map((m) => m.type);
  }

  /** A delivery event from the fixtures, addressed to this order. */
  hear(event: DeliveryEvent, messageId?: string): Promise<void> {
    return h.deliver(event.type, { ...event.payload, orderId: this.id }, messageId);
  }

  async command(type: string): Promise<Record<string, unknown>> {
    const found = (await h.sent(this.id)).filter((m) => m.type === type).at(-1);
    assert.ok(found, `orders never sent ${type}`);
    return found.payload;
  }

  async cancel(): Promise<number> {
    return (await h.app.inject({ method: 'POST', url: `/orders/${this.id}/cancel`, headers: { authorization: `Bearer ${customer}` } })).statusCode;
  }
}

async function confirmedOrder(): Promise<Order> {
  const placed = await h.app.inject({ method: 'POST', url: '/orders', payload: checkoutBody([lamp]), headers: { authorization: `Bearer ${customer}`, 'idempotency-key': randomUUID() } });
  assert.equal(placed.statusCode, 202, placed.body);
  const o = new Order(placed.json().id);
  const orderId = o.id;
  const money = { paymentId: PAYMENT_ID, amountMinor: 4900, currency: 'EUR' };
  await h.deliver('payment.authorized', { operationId: (await o.command('payments.authorize')).operationId, orderId, ...money, cardBrand: 'visa', cardLast4: '4242', version: 2 });
  const reserve = await o.command('inventory.reserve');
  await h.deliver('stock.reserved', { reservationId: reserve.reservationId, orderId, items: reserve.items });
  await h.deliver('shipment.created', {
    shipmentRequestId: (await o.command('shipping.create-shipment')).shipmentRequestId, orderId, shipmentId: SHIPMENT_ID,
    trackingNumber: 'BZ7K3M9QX2PA', carrier: 'bazaar-courier', status: 'created', version: 1,
  });
  await h.deliver('payment.captured', { operationId: (await o.command('payments.capture')).operationId, orderId, ...money, version: 3 });
  assert.equal((await o.view()).status, 'confirmed');
  return o;
}

const deliveryLines = (v: View) => v.timeline.filter((e) => e.kind === 'delivery').map((e) => `${e.step}:${e.status}`);

describe('the delivery on the order', () => {
  test('dispatched, picked up, delivered: the copy, the timeline and the status follow; repeats and stale events change nothing', async () => {
    const o = await confirmedOrder();
    const messageId = randomUUID();
    await o.hear(delivery.dispatched(), messageId);
    await o.hear(delivery.dispatched(), messageId); // a redelivery: the inbox absorbs it
    let v = await o.view();
    assert.deepEqual([v.status, v.shipping.status, v.shipping.courier], ['shipped', 'dispatched', { name: 'Ana Courier' }]);
    await o.hear(delivery.pickedUp());
    await o.hear(delivery.pickedUp()); // the same event again under a new message id: stale
    await o.hear(delivery.delivered());
    await o.hear(delivery.attemptFailed(1)); // older than the delivery (another queue): stale
    v = await o.view();
    assert.deepEqual([v.status, v.shipping.status, v.shipping.failedAttempts, v.shipping.reason], ['delivered', 'delivered', 0, null]);
    assert.equal(v.shipping.deliveredAt, (delivery.delivered().payload as { deliveredAt: string }).deliveredAt);
    assert.deepEqual(deliveryLines(v), ['dispatch:succeeded', 'pick-up:succeeded', 'deliver:succeeded']);
    const deliver = v.timeline.find((e) => e.step === 'deliver')!;
    assert.deepEqual([deliver.detail, deliver.at], ['delivered by Ana Courier', v.shipping.deliveredAt]);
    assert.equal(v.checkout.state, 'confirmed');
    assert.equal(await o.cancel(), 409, 'too late to cancel');
    assert.equal((await o.view()).status, 'delivered');
    assert.deepEqual((await o.sentTypes()).filter((t) => !t.startsWith('order.')).slice(4), [], 'nothing sent after confirmation');
  });

  test('a failed attempt shows on the order (still on its way), with the reason; then the delivery', async () => {
    const o = await confirmedOrder();
    for (const event of [delivery.dispatched(), delivery.pickedUp(), delivery.attemptFailed(1)]) await o.hear(event);
    let v = await o.view();
    assert.deepEqual([v.status, v.shipping.status, v.shipping.failedAttempts, v.shipping.reason], ['shipped', 'picked_up', 1, 'delivery attempt 1 failed: nobody home']);
    assert.equal(v.timeline.at(-1)!.detail, 'attempt 1 by Ana Courier failed: nobody home; 2 attempt(s) left');
    await o.hear(delivery.delivered());
    v = await o.view();
    assert.deepEqual([v.status, v.shipping.failedAttempts], ['delivered', 1]);
    assert.deepEqual(deliveryLines(v), ['dispatch:succeeded', 'pick-up:succeeded', 'delivery-attempt:failed', 'deliver:succeeded']);
  });

  test('a cancellation racing the dispatch: refused, and the saga settling confirmed does not put "confirmed" back over "shipped"', async () => {
    const o = await confirmedOrder();
    assert.equal(await o.cancel(), 202);
    assert.equal((await o.view()).status, 'cancelling');
    await o.hear(delivery.dispatched());
    const v = await o.view();
    assert.deepEqual([v.status, v.checkout.state, v.checkout.step], ['shipped', 'confirmed', null]);
    assert.match(v.statusReason!, /refused/);
    assert.equal(await o.cancel(), 409);
    assert.deepEqual((await o.sentTypes()).filter((t) => t === 'inventory.release' || t === 'payments.refund'), []);
  });

  test('a parcel returned undelivered: refunded, nothing released or cancelled, the order cancelled saying why', async () => {
    const o = await confirmedOrder();
    const before = (await o.sentTypes()).length;
    for (const event of [delivery.dispatched(), delivery.pickedUp(), delivery.attemptFailed(1), delivery.attemptFailed(2), delivery.attemptFailed(3), delivery.returned()]) await o.hear(event);
    let v = await o.view();
    assert.deepEqual([v.status, v.checkout.step, v.shipping.status], ['cancelling', 'refund-payment', 'returned']);
    assert.deepEqual((await o.sentTypes()).slice(before), ['payments.refund']);
    await h.deliver('payment.refunded', { operationId: (await o.command('payments.refund')).operationId, orderId: o.id, paymentId: PAYMENT_ID, amountMinor: 4900, currency: 'EUR', status: 'refunded', version: 4 });
    v = await o.view();
    assert.deepEqual([v.status, v.statusReason, v.payment.status, v.payment.refundedMinor], ['cancelled', 'the parcel was returned: 3 failed delivery attempts', 'refunded', 4900]);
    assert.deepEqual((await o.sentTypes()).slice(before), ['payments.refund', 'order.cancelled']);
    const tail = v.timeline.slice(-5).map((e) => `${e.step}:${e.status}`);
    assert.deepEqual(tail, ['return:succeeded', 'cancel-order:started', 'refund-payment:started', 'refund-payment:succeeded', 'cancel-order:succeeded']);
    await o.hear(delivery.returned()); // again, under a new message id
    assert.deepEqual((await o.sentTypes()).slice(before), ['payments.refund', 'order.cancelled'], 'refunded once');
  });

  test('an event for an order orders does not have is acknowledged and ignored', async () => {
    await h.deliver('shipment.delivered', { ...delivery.delivered().payload, orderId: randomUUID() });
  });
});
