// Orders' pure domain: order numbers, pricing a cart, request fingerprints, and the status copies'
// rule that a stale event never overwrites a newer copy.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ORDER_NUMBER_ALPHABET, linesBySku, newOrderNumber, priceCart, requestHash, type CatalogProduct } from '../src/orders/order.js';
import type { DeliveryEvent } from '../src/checkout/saga.types.js';
import {
  deliveryEntry, isNewer, paymentCopyChange, shippingCopyChange, withDelivery, type PaymentCopy, type ShippingCopy,
} from '../src/orders/status-copies.js';
import { delivery, reply } from './saga.fixtures.js';

describe('order numbers', () => {
  test('BZ-YYMMDD-XXXXX: the UTC day, then five characters without look-alikes', () => {
    assert.equal(newOrderNumber(new Date('2026-03-14T23:59:59Z'), () => 0), 'BZ-260314-22222');
    assert.equal(newOrderNumber(new Date('2026-12-01T00:00:00Z'), (max) => max - 1), 'BZ-261201-ZZZZZ');
    for (const ambiguous of ['0', '1', 'I', 'L', 'O', 'U']) assert.ok(!ORDER_NUMBER_ALPHABET.includes(ambiguous), ambiguous);
    const numbers = new Set(Array.from({ length: 2000 }, () => newOrderNumber(new Date())));
    assert.ok(numbers.size > 1990, 'random enough that clashes are rare');
  });
});

describe('pricing a cart', () => {
  const product = (id: string, overrides: Partial<CatalogProduct> = {}): CatalogProduct => ({ id, sku: `SKU-${id.toUpperCase()}`, name: `Product ${id}`, priceMinor: 1000, currency: 'EUR', status: 'active', ...overrides });

  test('snapshots each product and sums the lines', () => {
    const priced = priceCart([{ productId: 'a', quantity: 2 }, { productId: 'b', quantity: 1 }], new Map([['a', product('a', { priceMinor: 4900 })], ['b', product('b', { priceMinor: 12_500 })]]));
    assert.ok(priced.ok);
    assert.equal(priced.subtotalMinor, 22_300);
    assert.equal(priced.totalMinor, 22_300);
    assert.equal(priced.currency, 'EUR');
    assert.deepEqual(priced.lines[0], { lineNo: 1, productId: 'a', sku: 'SKU-A', name: 'Product a', unitPriceMinor: 4900, quantity: 2, lineTotalMinor: 9800 });
  });

  test('every unknown or discontinued line is named; several currencies or nothing to pay are refused', () => {
    const unknown = priceCart([{ productId: 'a', quantity: 1 }, { productId: 'x', quantity: 1 }, { productId: 'd', quantity: 1 }], new Map<string, CatalogProduct | undefined>([['a', product('a')], ['x', undefined], ['d', product('d', { status: 'discontinued' })]]));
    assert.ok(!unknown.ok);
    assert.deepEqual(unknown.errors.map((e) => e.field), ['body.items.1.productId', 'body.items.2.productId']);
    const mixed = priceCart([{ productId: 'a', quantity: 1 }, { productId: 'u', quantity: 1 }], new Map([['a', product('a')], ['u', product('u', { currency: 'USD' })]]));
    assert.ok(!mixed.ok);
    assert.match(mixed.message, /EUR, USD/);
    const free = priceCart([{ productId: 'f', quantity: 3 }], new Map([['f', product('f', { priceMinor: 0 })]]));
    assert.ok(!free.ok);
  });

  test('lines for inventory and shipping: one per SKU', () => {
    assert.deepEqual(linesBySku([{ sku: 'A-1', quantity: 1 }, { sku: 'B-1', quantity: 2 }, { sku: 'A-1', quantity: 3 }]), [{ sku: 'A-1', quantity: 4 }, { sku: 'B-1', quantity: 2 }]);
  });

  test('a request fingerprint ignores key order, not content', () => {
    const base = { items: [{ productId: 'a', quantity: 1 }], shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'GB' }, paymentMethodId: 'p' };
    const reordered = { paymentMethodId: 'p', shippingAddress: { country: 'GB', postalCode: 'D', city: 'C', line1: 'B', name: 'A' }, items: [{ quantity: 1, productId: 'a' }] };
    assert.equal(requestHash(base), requestHash(reordered));
    assert.notEqual(requestHash(base), requestHash({ ...base, items: [{ productId: 'a', quantity: 2 }] }));
  });
});

describe('status copies', () => {
  const payment: PaymentCopy = { paymentId: null, status: 'pending', amountMinor: 9800, currency: 'EUR', capturedMinor: 0, refundedMinor: 0, cardBrand: null, cardLast4: null, reason: null, transactionId: null, paidAt: null, version: null };
  const shipping: ShippingCopy = {
    shipmentId: null, trackingNumber: null, carrier: null, status: 'pending', reason: null, courierId: null, courierName: null, failedAttempts: 0, deliveredAt: null, version: null,
  };
  const apply = <C>(copy: C, change: Partial<C> | undefined): C => ({ ...copy, ...change });

  test("payment: a capture keeps the processor's transaction id and when the money was taken (seed 002's ORDER_PAYMENT)", () => {
    const captured = reply.captured();
    const withReference = { ...captured, payload: { ...captured.payload, transactionId: 'sim_cap_42', capturedAt: '2026-12-05T10:00:00.000Z' } };
    const copy = apply(payment, paymentCopyChange(payment, withReference as never));
    assert.deepEqual([copy.status, copy.transactionId, copy.paidAt?.toISOString()], ['captured', 'sim_cap_42', '2026-12-05T10:00:00.000Z']);
  });

  test('a newer version applies, an older or equal one does not', () => {
    assert.equal(isNewer(3, null), true);
    assert.equal(isNewer(3, 2), true);
    assert.equal(isNewer(2, 2), false);
    assert.equal(isNewer(1, 2), false);
    assert.equal(isNewer(null, null), true);
    assert.equal(isNewer(null, 1), false);
  });

  test('payment: authorized, then captured, then refunded; a replayed authorization changes nothing', () => {
    let copy = apply(payment, paymentCopyChange(payment, reply.authorized() as never));
    assert.deepEqual([copy.status, copy.cardLast4, copy.version], ['authorized', '4242', 2]);
    copy = apply(copy, paymentCopyChange(copy, reply.captured() as never));
    assert.deepEqual([copy.status, copy.capturedMinor, copy.version], ['captured', 9800, 3]);
    // A capture announced without the processor's reference (an older payments) leaves it unknown.
    assert.deepEqual([copy.transactionId, copy.paidAt], [null, null]);
    assert.equal(paymentCopyChange(copy, reply.authorized() as never), undefined);
    copy = apply(copy, paymentCopyChange(copy, reply.refunded() as never));
    assert.deepEqual([copy.status, copy.refundedMinor], ['refunded', 9800]);
    assert.equal(paymentCopyChange(copy, reply.refunded() as never), undefined, 'the same refund twice is counted once');
  });

  test('shipping: created, then cancelled; a failure without a version only fills a copy that never saw one', () => {
    let copy = apply(shipping, shippingCopyChange(shipping, reply.created() as never));
    assert.deepEqual([copy.status, copy.trackingNumber, copy.version], ['created', 'BZ7K3M9QX2PA', 1]);
    assert.equal(shippingCopyChange(copy, reply.shipmentFailed() as never), undefined);
    copy = apply(copy, shippingCopyChange(copy, reply.shipmentCancelled() as never));
    assert.deepEqual([copy.status, copy.version], ['cancelled', 2]);
    assert.equal(shippingCopyChange(copy, reply.created() as never), undefined);
    const failed = apply(shipping, shippingCopyChange(shipping, reply.shipmentFailed() as never));
    assert.equal(failed.status, 'failed');
    assert.match(failed.reason!, /unsupported_country/);
  });

  const deliveredAt = (delivery.delivered().payload as { deliveredAt: string }).deliveredAt;
  /** The copy after these events, each applied unless stale (as copyShipmentEvent does), and the events that moved it. */
  const heard = (events: DeliveryEvent[], from = apply(shipping, shippingCopyChange(shipping, reply.created() as never))) => {
    let copy = from;
    const moved: string[] = [];
    for (const event of events) {
      const change = shippingCopyChange(copy, event);
      if (change) moved.push(event.type);
      copy = apply(copy, change);
    }
    return { copy, moved };
  };

  test('delivery: dispatched, picked up, an attempt failed, delivered, each with the courier; the copy shows the journey', () => {
    const { copy } = heard([delivery.dispatched()]);
    assert.deepEqual([copy.status, copy.courierName, copy.courierId, copy.version], ['dispatched', 'Ana Courier', '0195f0a4-1c2b-7d3e-8f40-0000000000cc', 2]);
    const failed = heard([delivery.dispatched(), delivery.pickedUp(), delivery.attemptFailed(1)]).copy;
    assert.deepEqual([failed.status, failed.failedAttempts, failed.reason], ['picked_up', 1, 'delivery attempt 1 failed: nobody home']);
    const done = heard([delivery.dispatched(), delivery.pickedUp(), delivery.attemptFailed(1), delivery.delivered()]).copy;
    assert.deepEqual([done.status, done.reason, done.failedAttempts, done.deliveredAt?.toISOString(), done.version], ['delivered', null, 1, deliveredAt, 5]);
  });

  test('delivery out of order and repeated: the newest stays, the stale and the repeated change nothing', () => {
    const inOrder = heard([delivery.dispatched(), delivery.pickedUp(), delivery.attemptFailed(1), delivery.delivered()]);
    const shuffled = heard([delivery.delivered(), delivery.pickedUp(), delivery.dispatched(), delivery.delivered(), delivery.attemptFailed(1)]);
    assert.deepEqual(shuffled.moved, ['shipment.delivered'], 'only the newest moved the copy');
    assert.deepEqual([shuffled.copy.status, shuffled.copy.version, shuffled.copy.deliveredAt], [inOrder.copy.status, inOrder.copy.version, inOrder.copy.deliveredAt]);
    const returned = heard([delivery.returned(), delivery.attemptFailed(3), delivery.returned(), delivery.dispatched()]);
    assert.deepEqual(returned.moved, ['shipment.returned']);
    assert.deepEqual([returned.copy.status, returned.copy.reason], ['returned', 'returned: 3 failed delivery attempts']);
    assert.equal(shippingCopyChange(returned.copy, reply.cancelRefused() as never), undefined, 'an older answer to a cancellation too');
  });

  test('handed back (the courier ended the shift): dispatched to no one, still shipped; the next courier is named; a late hand-back changes nothing', () => {
    const back = heard([delivery.dispatched(), delivery.pickedUp(), delivery.handedBack(4)]);
    assert.deepEqual(back.moved, ['shipment.dispatched', 'shipment.picked_up', 'shipment.handed_back']);
    assert.deepEqual([back.copy.status, back.copy.courierId, back.copy.courierName, back.copy.reason, back.copy.version], ['dispatched', null, null, 'handed back: the courier ended the shift', 4]);
    assert.equal(withDelivery('confirmed', back.copy.status), 'shipped');
    const dispatchedAgain = delivery.dispatched(5) as Extract<DeliveryEvent, { type: 'shipment.dispatched' }>;
    const toBen = { ...dispatchedAgain, payload: { ...dispatchedAgain.payload, courier: { courierId: '0195f0a4-1c2b-7d3e-8f40-0000000000dd', name: 'Ben Courier' } } };
    const again = heard([delivery.dispatched(), delivery.pickedUp(), delivery.handedBack(4), toBen, delivery.handedBack(4)]);
    assert.deepEqual([again.copy.status, again.copy.courierName, again.copy.reason, again.copy.version], ['dispatched', 'Ben Courier', null, 5]);
    assert.deepEqual(again.moved.at(-1), 'shipment.dispatched', 'the repeated hand-back, older than the new dispatch, moved nothing');
    const entry = deliveryEntry(delivery.handedBack());
    assert.deepEqual([entry.step, entry.kind, entry.status, entry.detail], ['hand-back', 'delivery', 'succeeded', 'Ana Courier handed the parcel back (the courier ended the shift); it waits for another courier']);
  });

  test('a return keeps the courier who tried; the timeline entries read as the journey, at the times shipping gives', () => {
    const { copy } = heard([delivery.dispatched(), delivery.pickedUp(), delivery.attemptFailed(1), delivery.attemptFailed(2), delivery.attemptFailed(3), delivery.returned()]);
    assert.deepEqual([copy.status, copy.courierName, copy.failedAttempts], ['returned', 'Ana Courier', 3]);
    const entries = [delivery.dispatched(), delivery.pickedUp(), delivery.attemptFailed(3, 0), delivery.delivered(), delivery.returned()].map(deliveryEntry);
    assert.deepEqual(entries.map((e) => [e.step, e.kind, e.status]), [
      ['dispatch', 'delivery', 'succeeded'], ['pick-up', 'delivery', 'succeeded'], ['delivery-attempt', 'delivery', 'failed'],
      ['deliver', 'delivery', 'succeeded'], ['return', 'delivery', 'succeeded'],
    ]);
    assert.equal(entries[0]!.detail, 'handed to Ana Courier, tracking BZ7K3M9QX2PA');
    assert.equal(entries[2]!.detail, 'attempt 3 by Ana Courier failed: nobody home; no attempts left');
    assert.equal(entries[3]!.at?.toISOString(), deliveredAt);
  });

  test("a confirmed order's status follows its parcel; any other status is the saga's", () => {
    const cases: [Parameters<typeof withDelivery>, string][] = [
      [['confirmed', 'created'], 'confirmed'], [['confirmed', 'dispatched'], 'shipped'], [['confirmed', 'picked_up'], 'shipped'],
      [['confirmed', 'delivered'], 'delivered'], [['confirmed', undefined], 'confirmed'],
      [['cancelling', 'returned'], 'cancelling'], [['cancelled', 'returned'], 'cancelled'], [['pending', 'created'], 'pending'],
    ];
    for (const [args, expected] of cases) assert.equal(withDelivery(...args), expected, JSON.stringify(args));
  });
});
