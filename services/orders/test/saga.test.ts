// The checkout saga's pure decisions, table-driven: every reply in every state, duplicates, replies
// to other sagas' operations, deadlines, customer cancellations and the order of compensations.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sagaIdsFor } from '../src/checkout/saga.ids.js';
import { statusMayMove } from '../src/checkout/saga.runner.js';
import { decide, nextCompensation, orderStatusOf, startSaga } from '../src/checkout/saga.js';
import type { ReplyType, Saga } from '../src/checkout/saga.types.js';
import {
  ORDER_ID, ctx, everyReply, facts, ids, later, otherSagas, reply, run, sagaIn, settings, started, T0, type StateName,
} from './saga.fixtures.js';

const STEP = settings.stepTimeoutMs;

/** `state [commands sent] [events announced]`; a reply missing from a state's row changes nothing. */
const matrix: Record<StateName, Partial<Record<ReplyType, string>>> = {
  // Both asked at once: one answer (success or failure) makes the saga wait for the other's.
  authorizing: {
    'payment.authorized': 'reserving [] []',
    'payment.declined': 'reserving [] []',
    'payment.captured': 'reserving [] []',
    'payment.voided': 'reserving [] []',
    'payment.void-failed': 'reserving [] []',
    'stock.reserved': 'authorizing [] []',
    'stock.reservation-rejected': 'authorizing [] []',
    'stock.released': 'authorizing [] []',
  },
  reserving: {
    'payment.captured': 'reserving [] []',
    'payment.voided': 'reserving [] []',
    'payment.void-failed': 'reserving [] []',
    'stock.reserved': 'shipping [shipping.create-shipment] []',
    'stock.reservation-rejected': 'compensating [payments.void] []',
    'stock.released': 'compensating [payments.void] []',
  },
  shipping: {
    'payment.captured': 'compensating [shipping.cancel-shipment] []',
    'payment.voided': 'compensating [shipping.cancel-shipment] []',
    'payment.void-failed': 'compensating [shipping.cancel-shipment] []',
    'stock.released': 'compensating [shipping.cancel-shipment] []',
    'shipment.created': 'capturing [payments.capture] []',
    'shipment.failed': 'compensating [inventory.release] []',
    'shipment.cancelled': 'compensating [inventory.release] []',
    'shipment.cancel-refused': 'compensating [inventory.release] []',
  },
  capturing: {
    'payment.captured': 'confirmed [] [order.confirmed]',
    'payment.capture-failed': 'compensating [shipping.cancel-shipment] []',
    'payment.voided': 'compensating [shipping.cancel-shipment] []',
    // A void refused because the money is captured means it is captured: confirmed.
    'payment.void-failed': 'confirmed [] [order.confirmed]',
    'stock.released': 'compensating [shipping.cancel-shipment] []',
    'shipment.cancelled': 'compensating [inventory.release] []',
    'shipment.cancel-refused': 'compensating [inventory.release] []',
  },
  confirmed: {
    'payment.refunded': 'confirmed [] []',
    'payment.refund-failed': 'confirmed [] []',
    // A confirmed order that loses its stock or its shipment is cancelled and refunded.
    'stock.released': 'compensating [shipping.cancel-shipment] []',
    'shipment.cancelled': 'compensating [inventory.release] []',
    'shipment.cancel-refused': 'confirmed [] []',
  },
  compensating: { // cancelling the shipment after a failed capture
    'payment.captured': 'compensating [] []',
    'payment.voided': 'compensating [] []',
    'payment.void-failed': 'compensating [] []',
    'stock.released': 'compensating [] []',
    'shipment.cancelled': 'compensating [inventory.release] []',
    'shipment.cancel-refused': 'compensating [inventory.release] []',
  },
  cancelled: { // out of stock, authorization voided: late replies undo again
    'payment.authorized': 'cancelled [payments.void] []',
    'payment.captured': 'cancelled [payments.refund] []',
    'payment.void-failed': 'cancelled [payments.refund] []',
  },
  rejected: {},
};

const outcome = (saga: Saga, sent: string[], events: string[]) => `${saga.state} [${sent.join(',')}] [${events.join(',')}]`;

describe('every reply in every state', () => {
  for (const state of Object.keys(matrix) as StateName[]) {
    test(`${state}`, () => {
      for (const [type, make] of Object.entries(everyReply) as [ReplyType, () => never][]) {
        const before = sagaIn[state]();
        const r = run(before, make());
        const expected = matrix[state][type];
        if (expected === undefined) {
          assert.equal(r.decisions[0]!.changed, false, `${state} + ${type} should change nothing`);
          assert.deepEqual(r.saga, before);
        } else {
          assert.equal(outcome(r.saga, r.sent, r.events), expected, `${state} + ${type}`);
        }
      }
    });
  }

  test('a reply to another saga\'s operation changes nothing, in any state', () => {
    for (const state of Object.keys(sagaIn) as StateName[]) {
      for (const [type, make] of Object.entries(everyReply)) {
        const before = sagaIn[state]();
        const decision = decide(before, otherSagas(make()), ctx());
        assert.equal(decision.changed, false, `${state} + foreign ${type}`);
        assert.equal(decision.saga, before);
      }
    }
  });

  test('a reply repeated (under a new message id) moves nothing further; at most an idempotent compensation is sent again', () => {
    for (const state of Object.keys(sagaIn) as StateName[]) {
      for (const [type, make] of Object.entries(everyReply)) {
        const once = run(sagaIn[state](), make());
        const twice = decide(once.saga, make(), ctx());
        assert.deepEqual(twice.saga, once.saga, `${state} + ${type} twice`);
        assert.deepEqual(twice.events, [], `${state} + ${type} twice announces nothing`);
        for (const command of twice.commands) {
          assert.ok(['payments.void', 'payments.refund', 'inventory.release', 'shipping.cancel-shipment'].includes(command.type), `${state} + ${type} twice sent ${command.type}`);
        }
      }
    }
  });
});

describe('the forward path', () => {
  test('a new saga asks payments to authorize the total and inventory to reserve the lines, both in one decision', () => {
    const start = startSaga(facts, ids, settings, T0);
    assert.equal(start.saga.state, 'authorizing');
    assert.equal(start.saga.step, 'authorize-payment');
    assert.equal(start.saga.payment, 'authorizing');
    assert.equal(start.saga.reservation, 'reserving');
    assert.deepEqual(start.saga.deadlineAt, later(STEP));
    assert.deepEqual(start.commands, [{
      type: 'payments.authorize',
      payload: { operationId: ids.authorizeOperationId, orderId: ORDER_ID, userId: facts.userId, amountMinor: 9800, currency: 'EUR', paymentMethodId: facts.paymentMethodId },
    }, {
      type: 'inventory.reserve',
      payload: { reservationId: ids.reservationId, orderId: ORDER_ID, items: facts.lines, ttlSeconds: settings.reservationTtlSeconds },
    }]);
    assert.deepEqual(start.log, [
      { step: 'authorize-payment', kind: 'action', status: 'started', detail: null },
      { step: 'reserve-stock', kind: 'action', status: 'started', detail: null },
    ]);
  });

  test('happy path: authorize and reserve together → ship → capture → confirmed, each command carrying the saga\'s ids', () => {
    const r = run(started(), reply.authorized(), reply.reserved(), reply.created(), reply.captured());
    assert.equal(r.saga.state, 'confirmed');
    assert.equal(r.saga.step, null);
    assert.equal(r.saga.deadlineAt, null);
    // After the start (authorize + reserve), two more rounds: three round trips to confirmed, not four.
    assert.deepEqual(r.sent, ['shipping.create-shipment', 'payments.capture']);
    assert.deepEqual(r.decisions.map((d) => d.commands.length), [0, 1, 1, 0]);
    assert.deepEqual(r.events, ['order.confirmed']);
    const commands = r.decisions.flatMap((d) => d.commands);
    assert.deepEqual(commands[0]!.payload, { shipmentRequestId: ids.shipmentRequestId, orderId: ORDER_ID, userId: facts.userId, recipient: facts.recipient, items: facts.lines });
    assert.deepEqual(commands[1]!.payload, { operationId: ids.captureOperationId, orderId: ORDER_ID });
    assert.deepEqual(r.decisions[3]!.events[0]!.payload, {
      orderId: ORDER_ID, orderNumber: facts.orderNumber, userId: facts.userId, totalMinor: 9800, currency: 'EUR', confirmedAt: T0.toISOString(),
    });
    assert.equal(orderStatusOf(r.saga), 'confirmed');
    // The step log says amounts as people read them, not in minor units.
    const details = r.decisions.flatMap((d) => d.log).map((l) => l.detail).filter(Boolean);
    assert.ok(details.some((d) => /^authorized EUR 98\.00\b/.test(d!)), details.join(' | '));
    assert.ok(details.includes('captured EUR 98.00'), details.join(' | '));
  });

  test('both answer in either order: the shipment is asked for once, after the second success', () => {
    const r = run(started(), reply.reserved(), reply.authorized());
    assert.equal(r.decisions[0]!.saga.state, 'authorizing', 'reserved first: still waiting on the payment');
    assert.deepEqual(r.decisions[0]!.commands, []);
    assert.equal(r.saga.state, 'shipping');
    assert.deepEqual(r.sent, ['shipping.create-shipment']);
    assert.deepEqual(r.decisions.flatMap((d) => d.log).map((l) => `${l.step}:${l.status}`), [
      'reserve-stock:succeeded', 'authorize-payment:succeeded', 'create-shipment:started',
    ]);
  });

  test('declined card and out of stock, in either order: rejected, nothing to compensate', () => {
    for (const replies of [[reply.declined('insufficient_funds'), reply.rejected()], [reply.rejected(), reply.declined('insufficient_funds')]]) {
      const r = run(started(), ...replies);
      assert.equal(r.decisions[0]!.saga.state === 'rejected', false, 'waits for the second answer');
      assert.equal(orderStatusOf(r.decisions[0]!.saga), 'pending');
      assert.equal(r.saga.state, 'rejected');
      assert.deepEqual(r.sent, []);
      assert.deepEqual(r.events, ['order.rejected']);
      assert.deepEqual(r.decisions.flatMap((d) => d.log).filter((l) => l.kind === 'action').map((l) => `${l.step}:${l.status}`).sort(), [
        'authorize-payment:failed', 'reject-order:succeeded', 'reserve-stock:failed',
      ]);
    }
  });

  test('declined card: rejected, nothing to compensate once the reservation was refused', () => {
    const r = run(started(), reply.declined('insufficient_funds'), reply.rejected());
    assert.equal(r.saga.state, 'rejected');
    assert.equal(r.saga.reason, 'payment declined: insufficient_funds');
    assert.deepEqual(r.sent, []);
    const [event] = r.decisions[1]!.events;
    assert.ok(event?.type === 'order.rejected');
    assert.equal(event.payload.reason, 'payment declined: insufficient_funds');
    assert.equal(orderStatusOf(r.saga), 'rejected');
  });
});

describe('authorize-payment and reserve-stock in parallel: every interleaving of their answers', () => {
  const steps = (r: ReturnType<typeof run>) => r.decisions.flatMap((d) => d.log).map((l) => `${l.step}:${l.status}`);

  test('declined after the stock was reserved: the reservation is released, the order rejected', () => {
    const r = run(started(), reply.reserved(), reply.declined(), reply.released());
    assert.deepEqual(r.decisions[0]!.commands, []);
    assert.deepEqual(r.decisions[1]!.commands.map((c) => c.type), ['inventory.release'], 'released at once: the reservation had answered');
    assert.equal(orderStatusOf(r.decisions[1]!.saga), 'cancelling');
    assert.equal(r.saga.state, 'rejected');
    assert.equal(r.saga.reservation, 'released');
    assert.deepEqual(r.sent, ['inventory.release']);
    assert.deepEqual(r.events, ['order.rejected']);
    assert.match(r.saga.reason!, /^payment declined: card_declined/);
    assert.deepEqual(steps(r), [
      'reserve-stock:succeeded', 'authorize-payment:failed', 'cancel-order:started', 'release-stock:started', 'release-stock:succeeded',
      'cancel-order:succeeded', 'reject-order:succeeded',
    ]);
  });

  test('declined before the reservation answered: nothing is sent until it does, then it is released, the order rejected', () => {
    const r = run(started(), reply.declined(), reply.reserved(), reply.released());
    assert.deepEqual(r.decisions[0]!.commands, [], 'waits for the reservation');
    assert.equal(r.decisions[0]!.saga.state, 'reserving');
    assert.equal(r.decisions[0]!.saga.step, 'reserve-stock');
    assert.equal(orderStatusOf(r.decisions[0]!.saga), 'pending');
    assert.deepEqual(r.decisions[1]!.commands.map((c) => c.type), ['inventory.release']);
    assert.equal(r.saga.state, 'rejected');
    assert.deepEqual(r.sent, ['inventory.release']);
    assert.deepEqual(r.events, ['order.rejected']);
    assert.deepEqual(steps(r).slice(0, 2), ['authorize-payment:failed', 'reserve-stock:succeeded'], 'the reservation answered while awaited');
  });

  test('out of stock after the payment was authorized: the authorization is voided, the order cancelled', () => {
    const r = run(started(), reply.authorized(), reply.rejected(), reply.voided());
    assert.deepEqual(r.sent, ['payments.void']);
    assert.deepEqual(r.decisions[1]!.commands.map((c) => c.type), ['payments.void']);
    assert.equal(r.saga.state, 'cancelled');
    assert.match(r.saga.reason!, /^out of stock/);
    assert.deepEqual(r.events, ['order.cancelled']);
  });

  test('out of stock before the payment answered: nothing is sent until it does, then the authorization is voided', () => {
    const r = run(started(), reply.rejected(), reply.authorized(), reply.voided());
    assert.deepEqual(r.decisions[0]!.commands, []);
    assert.equal(r.decisions[0]!.saga.state, 'authorizing');
    assert.equal(orderStatusOf(r.decisions[0]!.saga), 'pending');
    assert.deepEqual(r.decisions[1]!.commands.map((c) => c.type), ['payments.void']);
    assert.equal(r.saga.state, 'cancelled');
    assert.match(r.saga.reason!, /^out of stock/, 'the first failure is the reason');
    assert.deepEqual(steps(r).slice(0, 2), ['reserve-stock:failed', 'authorize-payment:succeeded']);
  });

  test('every order of the two answers, each answer also delivered twice: the same outcome, no compensation twice, nothing forward twice', () => {
    const answers = {
      ok: [reply.authorized(), reply.reserved()],
      declined: [reply.declined(), reply.reserved()],
      outOfStock: [reply.authorized(), reply.rejected()],
      bothFail: [reply.declined(), reply.rejected()],
    };
    const expected = { ok: 'shipping [shipping.create-shipment]', declined: 'compensating [inventory.release]', outOfStock: 'compensating [payments.void]', bothFail: 'rejected []' };
    for (const [name, [a, b]] of Object.entries(answers) as [keyof typeof answers, typeof answers.ok][]) {
      for (const order of [[a!, b!], [b!, a!], [a!, a!, b!, b!], [b!, a!, b!, a!], [a!, b!, a!, b!]]) {
        const r = run(started(), ...order);
        assert.equal(`${r.saga.state} [${r.sent.join(',')}]`, expected[name], `${name}: ${order.map((x) => x.type).join(', ')}`);
      }
    }
  });

  test('a late success after the saga decided to compensate is undone again', () => {
    // Declined and the reservation released after it answered; inventory repeats its reserved: released again.
    const rejected = run(started(), reply.declined(), reply.reserved(), reply.released()).saga;
    assert.equal(rejected.state, 'rejected');
    const again = decide(rejected, reply.reserved(), ctx());
    assert.deepEqual(again.commands.map((c) => c.type), ['inventory.release'], 'a reservation heard after its release is released again (idempotent)');
    assert.equal(again.saga.state, 'rejected');
    assert.deepEqual(again.events, []);
    // The customer cancelled while both were under way; both succeed afterwards, one after its compensation.
    const cancel = { type: 'cancel' as const, shippingStatus: 'pending' };
    const r = run(started(), cancel, reply.released(), reply.authorized(), reply.voided('nothing_held'), reply.reserved());
    assert.equal(r.saga.state, 'cancelled');
    assert.equal(r.saga.reason, 'cancelled by the customer');
    assert.deepEqual(r.sent, ['inventory.release', 'payments.void', 'inventory.release'], 'the late reservation is released again');
    const late = decide(r.saga, reply.authorized(), ctx());
    assert.deepEqual(late.commands.map((c) => c.type), ['payments.void'], 'the late authorization is voided again');
  });

  test('the customer cancels while both are under way and the payment is declined: the order is cancelled, not rejected', () => {
    const r = run(started(), { type: 'cancel', shippingStatus: 'pending' }, reply.declined(), reply.released());
    assert.deepEqual(r.sent, ['inventory.release']);
    assert.equal(r.saga.state, 'cancelled');
    assert.deepEqual(r.events, ['order.cancelled']);
  });

  test('a saga started before the two were sent together (authorizing alone) reserves once authorized', () => {
    const legacy: Saga = { ...started(), reservation: 'none' };
    const r = run(legacy, reply.authorized(), reply.reserved());
    assert.deepEqual(r.sent, ['inventory.reserve', 'shipping.create-shipment']);
    assert.equal(r.saga.state, 'shipping');
    const declined = run(legacy, reply.declined());
    assert.equal(declined.saga.state, 'rejected');
    assert.deepEqual(declined.sent, []);
  });
});

describe('compensations run in reverse order, one at a time', () => {
  test('out of stock: the authorization is voided, then cancelled', () => {
    const r = run(sagaIn.reserving(), reply.rejected(), reply.voided());
    assert.deepEqual(r.sent, ['payments.void']);
    assert.equal(r.decisions[0]!.saga.state, 'compensating');
    assert.equal(orderStatusOf(r.decisions[0]!.saga), 'cancelling');
    assert.equal(r.saga.state, 'cancelled');
    assert.match(r.saga.reason!, /^out of stock: LAMP-001 \(2 requested, 1 available\)/);
    assert.deepEqual(r.events, ['order.cancelled']);
  });

  test('shipment failed: release, then void', () => {
    const r = run(sagaIn.shipping(), reply.shipmentFailed());
    assert.deepEqual(r.sent, ['inventory.release']);
    const next = run(r.saga, reply.released(), reply.voided());
    assert.deepEqual(next.sent, ['payments.void']);
    assert.equal(next.saga.state, 'cancelled');
    assert.equal(next.saga.reason, 'shipment failed: unsupported_country');
  });

  test('capture failed: cancel the shipment, release, void', () => {
    const r = run(sagaIn.capturing(), reply.captureFailed(), reply.shipmentCancelled(), reply.released(), reply.voided());
    assert.deepEqual(r.sent, ['shipping.cancel-shipment', 'inventory.release', 'payments.void']);
    assert.equal(r.saga.state, 'cancelled');
    assert.deepEqual(r.events, ['order.cancelled']);
  });

  test('the next compensation waits for the answer to the one in flight', () => {
    const r = run(sagaIn.capturing(), reply.captureFailed(), { type: 'deadline' });
    assert.deepEqual(r.sent, ['shipping.cancel-shipment']);
    assert.equal(r.saga.step, 'cancel-shipment');
  });

  test('nextCompensation: shipment before reservation before payment; refund only for captured money', () => {
    assert.equal(nextCompensation({ payment: 'capturing', reservation: 'reserved', shipment: 'creating' }), 'cancel-shipment');
    assert.equal(nextCompensation({ payment: 'capturing', reservation: 'reserving', shipment: 'failed' }), 'release-stock');
    assert.equal(nextCompensation({ payment: 'authorizing', reservation: 'rejected', shipment: 'none' }), 'void-payment');
    assert.equal(nextCompensation({ payment: 'captured', reservation: 'released', shipment: 'cancelled' }), 'refund-payment');
    assert.equal(nextCompensation({ payment: 'voided', reservation: 'released', shipment: 'dispatched' }), undefined);
    assert.equal(nextCompensation({ payment: 'declined', reservation: 'none', shipment: 'none' }), undefined);
  });
});

describe('deadlines', () => {
  const timeout = (saga: Saga, ms = STEP + 1) => run(saga, [{ type: 'deadline' }, later(ms)]);

  test('before the deadline nothing happens', () => {
    for (const state of ['authorizing', 'reserving', 'shipping', 'capturing', 'compensating'] as const) {
      const d = decide(sagaIn[state](), { type: 'deadline' }, ctx(later(STEP - 1)));
      assert.equal(d.changed, false, state);
    }
  });

  test('settled sagas have no deadline', () => {
    for (const state of ['confirmed', 'cancelled', 'rejected'] as const) {
      const saga = sagaIn[state]();
      assert.equal(saga.deadlineAt, null);
      assert.equal(decide(saga, { type: 'deadline' }, ctx(later(10 * STEP))).changed, false, state);
    }
  });

  const cases: [StateName, string[]][] = [
    // The step that timed out may have happened: it is compensated too (a tombstone if it had not).
    // Both unanswered: each is logged as timed out, the reservation released first, then the void.
    ['authorizing', ['inventory.release']],
    ['reserving', ['inventory.release']],
    ['shipping', ['shipping.cancel-shipment']],
    ['capturing', ['shipping.cancel-shipment']],
  ];
  for (const [state, first] of cases) {
    test(`missed at ${state}: the step is logged as timed out and compensation starts with ${first[0]}`, () => {
      const r = timeout(sagaIn[state]());
      assert.equal(r.saga.state, 'compensating');
      assert.deepEqual(r.sent, first);
      assert.equal(r.decisions[0]!.log[0]!.status, 'timed_out');
      assert.match(r.saga.reason!, /timed out$/);
    });
  }

  test('missed at authorizing (both unanswered): both logged as timed out, then the late answers are undone, order cancelled', () => {
    const r = run(sagaIn.authorizing(), [{ type: 'deadline' }, later(STEP)], reply.authorized(), reply.reserved(), reply.released(), reply.voided());
    assert.deepEqual(r.decisions[0]!.log.slice(0, 2).map((l) => `${l.step}:${l.status}`), ['authorize-payment:timed_out', 'reserve-stock:timed_out']);
    assert.equal(r.decisions[0]!.saga.reason, 'authorize payment and reserve stock timed out');
    assert.deepEqual(r.sent, ['inventory.release', 'payments.void']);
    assert.equal(r.saga.state, 'cancelled');
    assert.equal(r.saga.payment, 'voided');
    assert.equal(r.saga.reservation, 'released');
  });

  test('one of the two parallel steps misses the deadline: only it is timed out, everything held is undone', () => {
    // Reserved, the authorization unanswered.
    const pay = run(started(), reply.reserved(), [{ type: 'deadline' }, later(STEP)], reply.released(), reply.authorized(), reply.voided());
    assert.deepEqual(pay.decisions[1]!.log.filter((l) => l.status === 'timed_out').map((l) => l.step), ['authorize-payment']);
    assert.equal(pay.decisions[1]!.saga.reason, 'authorize payment timed out');
    assert.deepEqual(pay.sent, ['inventory.release', 'payments.void']);
    assert.equal(pay.decisions[3]!.log[0]!.status, 'late');
    assert.equal(pay.saga.state, 'cancelled');
    // Authorized, the reservation unanswered; it comes late, after its release: released again.
    const stock = run(started(), reply.authorized(), [{ type: 'deadline' }, later(STEP)], reply.released(), reply.voided(), reply.reserved());
    assert.deepEqual(stock.decisions[1]!.log.filter((l) => l.status === 'timed_out').map((l) => l.step), ['reserve-stock']);
    assert.equal(stock.decisions[1]!.saga.reason, 'reserve stock timed out');
    assert.deepEqual(stock.sent, ['inventory.release', 'payments.void', 'inventory.release']);
    assert.equal(stock.saga.state, 'cancelled');
    // Declined, the reservation unanswered: released, and the order is rejected (its payment was declined).
    const declined = run(started(), reply.declined(), [{ type: 'deadline' }, later(STEP)], reply.released());
    assert.deepEqual(declined.sent, ['inventory.release']);
    assert.equal(declined.saga.state, 'rejected');
    assert.deepEqual(declined.events, ['order.rejected']);
    assert.match(declined.saga.reason!, /^payment declined/);
  });

  test('missed at capturing, and the capture had happened: void refused, refunded instead', () => {
    const r = run(sagaIn.capturing(), [{ type: 'deadline' }, later(STEP)], reply.shipmentCancelled(), reply.released(), reply.voidFailed('already_captured'), reply.refunded());
    assert.deepEqual(r.sent, ['shipping.cancel-shipment', 'inventory.release', 'payments.void', 'payments.refund']);
    assert.equal(r.saga.state, 'cancelled');
    assert.equal(r.saga.payment, 'refunded');
  });

  test('a compensation past its deadline is sent again with the same ids, waiting longer each time', () => {
    const saga = run(sagaIn.shipping(), reply.shipmentFailed()).saga; // releasing
    const first = decide(saga, { type: 'deadline' }, ctx(later(STEP)));
    assert.equal(first.saga.attempt, 2);
    assert.deepEqual(first.commands, [{ type: 'inventory.release', payload: { reservationId: ids.reservationId, reason: 'shipment failed: unsupported_country' } }]);
    assert.deepEqual(first.saga.deadlineAt, later(STEP + 2 * STEP));
    assert.equal(first.log[0]!.status, 'retried');
    const second = decide(first.saga, { type: 'deadline' }, ctx(later(3 * STEP)));
    assert.equal(second.saga.attempt, 3);
    assert.deepEqual(second.saga.deadlineAt, later(3 * STEP + 4 * STEP));
    let s = second.saga;
    for (let i = 0; i < 10; i++) s = decide(s, { type: 'deadline' }, ctx(s.deadlineAt!)).saga;
    assert.equal(s.state, 'compensating');
    const gap = decide(s, { type: 'deadline' }, ctx(s.deadlineAt!)).saga.deadlineAt!.getTime() - s.deadlineAt!.getTime();
    assert.equal(gap, 16 * STEP, 'the wait is capped');
  });
});

describe('the customer cancels', () => {
  const cancel = (shippingStatus: string | null = 'pending') => ({ type: 'cancel' as const, shippingStatus });

  for (const [state, first] of [['authorizing', 'inventory.release'], ['reserving', 'inventory.release'], ['shipping', 'shipping.cancel-shipment'], ['capturing', 'shipping.cancel-shipment']] as const) {
    test(`during ${state}: the saga stops and compensates, starting with ${first}`, () => {
      const r = run(sagaIn[state](), cancel());
      assert.equal(r.saga.state, 'compensating');
      assert.equal(r.saga.reason, 'cancelled by the customer');
      assert.deepEqual(r.sent, [first]);
      assert.equal(orderStatusOf(r.saga), 'cancelling');
    });
  }

  test('mid-saga, and the reservation the saga was waiting for arrives: it is released, no shipment is asked for', () => {
    const r = run(sagaIn.reserving(), cancel(), reply.reserved(), reply.released(), reply.voided());
    assert.deepEqual(r.sent, ['inventory.release', 'payments.void']);
    assert.equal(r.saga.state, 'cancelled');
  });

  test('after confirmation: shipment cancelled, stock released, payment refunded', () => {
    const r = run(sagaIn.confirmed(), cancel('created'), reply.shipmentCancelled(), reply.released(), reply.refunded());
    assert.deepEqual(r.sent, ['shipping.cancel-shipment', 'inventory.release', 'payments.refund']);
    assert.equal(r.saga.state, 'cancelled');
    assert.deepEqual(r.events, ['order.cancelled']);
    const refund = r.decisions[2]!.commands[0]!;
    assert.deepEqual(refund.payload, { operationId: ids.refundOperationId, orderId: ORDER_ID, reason: 'cancelled by the customer' });
  });

  test('after dispatch (as the shipping copy says): refused, nothing changes', () => {
    for (const status of ['dispatched', 'delivered']) {
      const d = decide(sagaIn.confirmed(), cancel(status), ctx());
      assert.match(d.refused!, /dispatched/);
      assert.deepEqual(d.commands, []);
      assert.equal(d.saga.state, 'confirmed');
    }
  });

  test('after confirmation, but shipping finds the courier already has it: the order stays confirmed, nothing released or refunded', () => {
    const r = run(sagaIn.confirmed(), cancel('created'), reply.cancelRefused());
    assert.deepEqual(r.sent, ['shipping.cancel-shipment']);
    assert.equal(r.saga.state, 'confirmed');
    assert.equal(r.saga.afterConfirmation, false);
    assert.match(r.saga.reason!, /refused/);
    assert.equal(decide(r.saga, cancel('created'), ctx()).refused !== undefined, true, 'a second attempt is refused at once');
  });

  test('while cancelling or once cancelled, asking again changes nothing; a rejected order has nothing to cancel', () => {
    assert.equal(decide(sagaIn.compensating(), cancel(), ctx()).changed, false);
    assert.equal(decide(sagaIn.cancelled(), cancel(), ctx()).changed, false);
    assert.match(decide(sagaIn.rejected(), cancel(), ctx()).refused!, /rejected/);
  });
});

describe('late replies after the saga moved on', () => {
  test('payment.authorized after the order was cancelled (void found nothing held): void sent again', () => {
    const cancelled = run(sagaIn.authorizing(), { type: 'cancel', shippingStatus: 'pending' }, reply.released(), reply.voided('nothing_held')).saga;
    assert.equal(cancelled.state, 'cancelled');
    const late = decide(cancelled, reply.authorized(), ctx());
    assert.deepEqual(late.commands.map((c) => c.payload), [{ operationId: ids.voidOperationId, orderId: ORDER_ID, reason: 'cancelled by the customer' }]);
    assert.equal(late.log[0]!.status, 'late');
    assert.equal(late.saga.state, 'cancelled');
  });

  test('stock.reserved after the reservation was released: release sent again', () => {
    const cancelled = run(sagaIn.reserving(), [{ type: 'deadline' }, later(STEP)], reply.released(), reply.voided()).saga;
    assert.equal(cancelled.state, 'cancelled');
    const late = decide(cancelled, reply.reserved(), ctx());
    assert.deepEqual(late.commands.map((c) => c.type), ['inventory.release']);
  });

  test('shipment.created after the shipment was cancelled: cancellation sent again', () => {
    const cancelled = run(sagaIn.shipping(), { type: 'cancel', shippingStatus: 'pending' }, reply.shipmentCancelled('nothing_to_cancel'), reply.released(), reply.voided()).saga;
    assert.equal(cancelled.state, 'cancelled');
    const late = decide(cancelled, reply.created(), ctx());
    assert.deepEqual(late.commands.map((c) => c.type), ['shipping.cancel-shipment']);
    assert.equal(late.saga.shipment, 'cancelled');
  });

  test('a late decline after the deadline started compensation ends it without waiting for the void', () => {
    // Out of stock, the authorization unanswered past the deadline: void sent; the decline answers it.
    const r = run(sagaIn.authorizing(), reply.rejected(), [{ type: 'deadline' }, later(STEP)], reply.declined());
    assert.deepEqual(r.sent, ['payments.void']);
    assert.equal(r.saga.state, 'cancelled');
    assert.match(r.saga.reason!, /^out of stock/);
    const voidAnswer = decide(r.saga, reply.voided('nothing_held'), ctx());
    assert.equal(voidAnswer.changed, false);
  });

  test('once dispatched, a confirmed order stays confirmed whatever happens to its reservation', () => {
    const dispatched = run(sagaIn.confirmed(), reply.cancelRefused()).saga;
    assert.equal(dispatched.shipment, 'dispatched');
    const r = run(dispatched, reply.released('expired'));
    assert.equal(r.saga.state, 'confirmed');
    assert.deepEqual(r.sent, []);
  });

  test('a confirmed order whose reservation is released (expired) is cancelled and refunded', () => {
    const r = run(sagaIn.confirmed(), reply.released('expired'), reply.shipmentCancelled(), reply.refunded());
    assert.deepEqual(r.sent, ['shipping.cancel-shipment', 'payments.refund']);
    assert.equal(r.saga.state, 'cancelled');
    assert.equal(r.saga.reason, 'stock reservation released: expired');
  });
});

describe('operation ids', () => {
  test('derived from the order id: the same every time, different for every order and purpose', () => {
    assert.deepEqual(sagaIdsFor(ORDER_ID), ids);
    const other = sagaIdsFor('0195f0a4-1c2b-7d3e-8f40-5a6b7c8d9e10');
    const all = [...Object.values(ids), ...Object.values(other)];
    assert.equal(new Set(all).size, all.length);
    for (const id of all) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("the order's status is written only when a step may change it", () => {
  test('the forward steps keep the order pending and write nothing; confirmation, compensation and their ends write', () => {
    const path = [sagaIn.authorizing(), sagaIn.reserving(), sagaIn.shipping(), sagaIn.capturing()];
    for (let i = 1; i < path.length; i++) {
      assert.equal(orderStatusOf(path[i]!), 'pending');
      assert.equal(statusMayMove(path[i - 1]!, path[i]!), false, `${path[i - 1]!.state} → ${path[i]!.state}`);
    }
    assert.equal(statusMayMove(sagaIn.capturing(), sagaIn.confirmed()), true);
    assert.equal(statusMayMove(sagaIn.capturing(), sagaIn.compensating()), true);
    assert.equal(statusMayMove(sagaIn.compensating(), sagaIn.cancelled()), true);
    assert.equal(statusMayMove(sagaIn.authorizing(), sagaIn.rejected()), true);
  });

  test('a confirmed order is written on every step (its parcel may have moved); a changed reason alone is written', () => {
    assert.equal(statusMayMove(sagaIn.confirmed(), sagaIn.confirmed()), true);
    const compensating = sagaIn.compensating();
    assert.equal(statusMayMove(compensating, { ...compensating }), false);
    assert.equal(statusMayMove(compensating, { ...compensating, reason: `${compensating.reason ?? ''} (and later)` }), true);
  });
});
