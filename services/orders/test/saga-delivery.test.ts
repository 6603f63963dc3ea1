// The checkout saga after confirmation, as shipping's delivery events reach it: beyond cancelling once
// a courier has the parcel (whatever arrives late), and a parcel returned undelivered refunded with
// nothing else undone. Pure decisions, as saga.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decide, orderStatusOf } from '../src/checkout/saga.js';
import type { DeliveryEventType } from '../src/checkout/saga.types.js';
import { ORDER_ID, ctx, delivery, everyDeliveryEvent, ids, reply, run, sagaIn, type StateName } from './saga.fixtures.js';

const cancel = (shippingStatus: string | null = 'created') => ({ type: 'cancel' as const, shippingStatus });
/** Confirmed, then the customer cancels: the shipment's cancellation is in flight. */
const cancellingAfterConfirmation = () => run(sagaIn.confirmed(), cancel()).saga;

describe('every delivery event in every state', () => {
  const onTheWay: DeliveryEventType[] = ['shipment.dispatched', 'shipment.picked_up', 'shipment.attempt_failed', 'shipment.delivered'];

  test('a confirmed order: any event of a parcel on its way makes it beyond cancelling, its reservation committed; a return refunds it', () => {
    for (const type of onTheWay) {
      const r = run(sagaIn.confirmed(), everyDeliveryEvent[type]());
      assert.deepEqual([r.saga.state, r.saga.shipment, r.saga.reservation, r.sent, r.events], ['confirmed', 'dispatched', 'committed', [], []], type);
      assert.deepEqual(r.decisions[0]!.log, [], `${type}: the timeline entry is the shipping copy's, not the saga's`);
    }
    const r = run(sagaIn.confirmed(), delivery.returned());
    assert.deepEqual([r.saga.state, r.saga.step, r.sent], ['compensating', 'refund-payment', ['payments.refund']]);
  });

  test('before confirmation (no parcel is ever dispatched then) or once settled, a delivery event changes nothing', () => {
    for (const state of ['authorizing', 'reserving', 'shipping', 'capturing', 'compensating', 'cancelled', 'rejected'] as StateName[]) {
      for (const [type, make] of Object.entries(everyDeliveryEvent)) {
        const before = sagaIn[state]();
        const d = decide(before, make(), ctx());
        assert.equal(d.changed, false, `${state} + ${type}`);
        assert.deepEqual(d.saga, before);
      }
    }
  });

  test('an event for another order changes nothing', () => {
    const other = delivery.dispatched();
    const d = decide(sagaIn.confirmed(), { ...other, payload: { ...other.payload, orderId: '0195f0a4-1c2b-7d3e-8f40-ffffffffffff' } } as typeof other, ctx());
    assert.equal(d.changed, false);
  });

  test('repeated, or heard out of order (delivered before dispatched), the saga learns once and moves no further', () => {
    const once = run(sagaIn.confirmed(), delivery.delivered()).saga;
    for (const late of [delivery.delivered(), delivery.dispatched(), delivery.pickedUp(), delivery.attemptFailed()]) {
      const d = decide(once, late, ctx());
      assert.equal(d.changed, false, late.type);
    }
  });
});

describe('beyond cancelling once dispatched', () => {
  test('a late reservation or shipment reply never compensates a dispatched order', () => {
    const dispatched = run(sagaIn.confirmed(), delivery.dispatched()).saga;
    for (const late of [reply.released('expired'), reply.shipmentCancelled(), reply.reserved(), reply.cancelRefused()]) {
      const r = run(dispatched, late);
      assert.deepEqual([r.saga.state, r.sent], ['confirmed', []], late.type);
    }
  });

  test('the customer cancels: refused once the saga heard of the dispatch, or the shipping copy shows any step of the journey', () => {
    const dispatched = run(sagaIn.confirmed(), delivery.pickedUp()).saga;
    assert.match(decide(dispatched, cancel('created'), ctx()).refused!, /dispatched/);
    for (const status of ['dispatched', 'picked_up', 'delivered', 'returned']) {
      const d = decide(sagaIn.confirmed(), cancel(status), ctx());
      assert.match(d.refused!, /dispatched/, status);
      assert.deepEqual(d.commands, []);
    }
  });

  test('a cancellation racing the dispatch: the order stays confirmed, nothing released or refunded, the late refusal changes nothing', () => {
    const r = run(cancellingAfterConfirmation(), delivery.dispatched());
    assert.deepEqual([r.saga.state, r.saga.step, r.saga.afterConfirmation, r.sent], ['confirmed', null, false, []]);
    assert.match(r.saga.reason!, /refused/);
    assert.equal(decide(r.saga, reply.cancelRefused(), ctx()).changed, false);
  });
});

describe('a parcel returned undelivered', () => {
  test('is refunded, and nothing else is undone: no release of the committed stock, no cancellation of the shipment', () => {
    const r = run(sagaIn.confirmed(), delivery.dispatched(), delivery.pickedUp(), delivery.attemptFailed(1), delivery.attemptFailed(2), delivery.attemptFailed(3), delivery.returned());
    assert.deepEqual(r.sent, ['payments.refund']);
    assert.equal(orderStatusOf(r.saga), 'cancelling');
    assert.equal(r.saga.reason, 'the parcel was returned: 3 failed delivery attempts');
    assert.deepEqual(r.decisions.at(-1)!.commands[0]!.payload, { operationId: ids.refundOperationId, orderId: ORDER_ID, reason: 'the parcel was returned: 3 failed delivery attempts' });
    const done = run(r.saga, reply.refunded());
    assert.deepEqual([done.saga.state, done.sent, done.events], ['cancelled', [], ['order.cancelled']]);
    assert.equal(done.saga.reason, 'the parcel was returned: 3 failed delivery attempts');
  });

  test('heard before its dispatch (separate queues): the same refund; the dispatch heard afterwards changes nothing', () => {
    const r = run(sagaIn.confirmed(), delivery.returned(), delivery.dispatched(), reply.refunded(), delivery.returned());
    assert.deepEqual(r.sent, ['payments.refund']);
    assert.equal(r.saga.state, 'cancelled');
    assert.equal(r.saga.reservation, 'committed');
  });

  test('while a cancellation is in flight: the refund follows at once, the late answer to the cancellation changes nothing', () => {
    const r = run(cancellingAfterConfirmation(), delivery.returned());
    assert.deepEqual([r.saga.state, r.saga.step, r.sent], ['compensating', 'refund-payment', ['payments.refund']]);
    const late = decide(r.saga, reply.shipmentCancelled('nothing_to_cancel'), ctx());
    assert.equal(late.changed, false);
    assert.equal(run(r.saga, reply.refunded()).saga.state, 'cancelled');
  });

  test('a refund the processor refuses is left for an operator, as any refund; the order still ends', () => {
    const r = run(sagaIn.confirmed(), delivery.returned(), reply.refundFailed());
    assert.equal(r.saga.state, 'cancelled');
    assert.equal(r.saga.payment, 'refund_failed');
  });
});
