// The saga against models of payments, inventory and shipping that behave as those services do
// (idempotent by operation id, one payment and one shipment per order, a compensation that comes
// first leaves a tombstone), with messages delivered in any order, some twice, deadlines firing at
// random and customers cancelling at random. After confirmation the parcel may travel: dispatched
// (inventory commits the reservation), picked up, then delivered or returned (inventory takes the
// items back), each event heard by orders and inventory in any order. Whatever happens, once
// everything is delivered: every saga has ended, and the invariants hold.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decide, startSaga } from '../src/checkout/saga.js';
import type { DeliveryEvent, Reply, Saga, SagaCommand, SagaMessage } from '../src/checkout/saga.types.js';
import { COURIER, ORDER_ID, PAYMENT_ID, SHIPMENT_ID, T0, ctx, facts, ids, settings } from './saga.fixtures.js';

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, chance: (p: number) => next() < p, pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]! };
}

interface Scenario {
  card: 'approve' | 'decline' | 'capture_declined';
  stock: number;
  shippable: boolean;
  cancelChance: number;
  dispatchChance: number;
  duplicateChance: number;
  deadlineChance: number;
}

const QTY = 2;

/** Payments as it behaves: operations recorded by id and replayed; void before authorize is a tombstone. */
class Payments {
  status: 'none' | 'authorized' | 'captured' | 'voided' | 'refunded' | 'declined' = 'none';
  version = 0;
  tombstone = false;
  captures = 0;
  private readonly answers = new Map<string, Reply>();
  constructor(private readonly card: Scenario['card']) {}

  handle(command: SagaCommand): Reply {
    const p = command.payload as { operationId: string };
    const recorded = this.answers.get(p.operationId);
    if (recorded) return recorded;
    const answer = this.decide(command);
    this.answers.set(p.operationId, answer);
    return answer;
  }

  private decide(command: SagaCommand): Reply {
    const operationId = (command.payload as { operationId: string }).operationId;
    const base = { operationId, orderId: ORDER_ID };
    const bump = () => ++this.version;
    switch (command.type) {
      case 'payments.authorize':
        if (this.tombstone) return { type: 'payment.declined', payload: { ...base, paymentId: null, reason: 'order_voided' as never, amountMinor: null, currency: null, version: null } };
        if (this.status === 'none') {
          this.status = this.card === 'decline' ? 'declined' : 'authorized';
          bump();
        }
        if (this.status === 'declined' || this.status === 'voided') return { type: 'payment.declined', payload: { ...base, paymentId: PAYMENT_ID, reason: 'card_declined' as never, amountMinor: 9800, currency: 'EUR', version: this.version } };
        return { type: 'payment.authorized', payload: { ...base, paymentId: PAYMENT_ID, amountMinor: 9800, currency: 'EUR', cardBrand: 'visa', cardLast4: '4242', version: this.version } };
      case 'payments.capture':
        if (this.status === 'authorized' && this.card !== 'capture_declined') {
          this.status = 'captured';
          this.captures += 1;
          return { type: 'payment.captured', payload: { ...base, paymentId: PAYMENT_ID, amountMinor: 9800, currency: 'EUR', version: bump() } };
        }
        return { type: 'payment.capture-failed', payload: { ...base, paymentId: PAYMENT_ID, reason: this.status === 'authorized' ? 'capture_declined' : 'not_authorized', version: this.version } };
      case 'payments.void':
        if (this.status === 'none') this.tombstone = true;
        if (this.status === 'authorized') {
          this.status = 'voided';
          return { type: 'payment.voided', payload: { ...base, paymentId: PAYMENT_ID, effect: 'voided', version: bump() } };
        }
        if (this.status === 'captured' || this.status === 'refunded') return { type: 'payment.void-failed', payload: { ...base, paymentId: PAYMENT_ID, reason: 'already_captured', version: this.version } };
        return { type: 'payment.voided', payload: { ...base, paymentId: null, effect: 'nothing_held', version: null } };
      default: // payments.refund
        if (this.status === 'captured') {
          this.status = 'refunded';
          return { type: 'payment.refunded', payload: { ...base, paymentId: PAYMENT_ID, amountMinor: 9800, currency: 'EUR', status: 'refunded', version: bump() } };
        }
        return { type: 'payment.refund-failed', payload: { ...base, paymentId: PAYMENT_ID, reason: this.status === 'refunded' ? 'exceeds_captured' : 'not_captured', version: this.version } };
    }
  }
}

/**
 * Inventory as it behaves: reserve all or nothing, idempotent by reservation id; release before
 * reserve is a tombstone; a release of a committed reservation is refused without an answer. The
 * parcel's dispatch commits an active reservation (its units leave), its return brings the units back
 * once.
 */
class Inventory {
  reservation: 'none' | 'active' | 'released' | 'rejected' | 'tombstone' | 'committed' = 'none';
  returned = false;
  constructor(public available: number) {}

  /** Units that left with a parcel and have not come back. */
  get shipped(): number {
    return this.reservation === 'committed' && !this.returned ? QTY : 0;
  }

  hear(event: 'dispatched' | 'returned'): void {
    if (event === 'dispatched' && this.reservation === 'active') this.reservation = 'committed';
    if (event === 'returned' && !this.returned) {
      this.returned = true;
      this.available += QTY;
    }
  }

  handle(command: SagaCommand): Reply[] {
    const reservationId = (command.payload as { reservationId: string }).reservationId;
    const base = { reservationId, orderId: ORDER_ID };
    if (command.type === 'inventory.reserve') {
      if (this.reservation === 'none') {
        if (this.available >= QTY) {
          this.available -= QTY;
          this.reservation = 'active';
        } else this.reservation = 'rejected';
      }
      if (this.reservation === 'active') return [{ type: 'stock.reserved', payload: { ...base, items: [{ sku: 'LAMP-001', quantity: QTY }] } }];
      if (this.reservation === 'rejected') return [{ type: 'stock.reservation-rejected', payload: { ...base, reason: 'insufficient_stock', shortages: [{ sku: 'LAMP-001', requested: QTY, available: this.available }] } }];
      return [{ type: 'stock.released', payload: { ...base, reason: 'released before it was reserved' } }];
    }
    // inventory.release: answered only when there was (or is) a reservation of an order to release.
    if (this.reservation === 'none') {
      this.reservation = 'tombstone';
      return [];
    }
    if (this.reservation === 'active') {
      this.available += QTY;
      this.reservation = 'released';
    }
    return this.reservation === 'released' ? [{ type: 'stock.released', payload: { ...base, reason: 'checkout compensation' } }] : [];
  }
}

/**
 * Shipping as it behaves: one shipment per order; a cancel before the create is a tombstone; a
 * cancel once a courier has the parcel is refused; each step of the journey is an event with the
 * shipment's next version.
 */
class Shipping {
  status: 'none' | 'created' | 'cancelled' | 'dispatched' | 'picked_up' | 'delivered' | 'returned' | 'tombstone' = 'none';
  version = 0;
  constructor(private readonly shippable: boolean) {}

  /** Moves the parcel one step on its journey; the event that tells of it. */
  travel(to: 'dispatched' | 'picked_up' | 'delivered' | 'returned'): DeliveryEvent {
    this.status = to;
    const ref = { shipmentId: SHIPMENT_ID, orderId: ORDER_ID, trackingNumber: 'BZ7K3M9QX2PA', version: ++this.version };
    const at = new Date().toISOString();
    switch (to) {
      case 'dispatched': return { type: 'shipment.dispatched', payload: { ...ref, courier: COURIER, dispatchedAt: at } };
      case 'picked_up': return { type: 'shipment.picked_up', payload: { ...ref, courier: COURIER, pickedUpAt: at } };
      case 'delivered': return { type: 'shipment.delivered', payload: { ...ref, courier: COURIER, deliveredAt: at } };
      case 'returned': return { type: 'shipment.returned', payload: { ...ref, reason: '3 failed delivery attempts', items: [{ sku: 'LAMP-001', quantity: QTY }], returnedAt: at } };
    }
  }

  handle(command: SagaCommand): Reply {
    if (command.type === 'shipping.create-shipment') {
      const shipmentRequestId = (command.payload as { shipmentRequestId: string }).shipmentRequestId;
      const failed = (reason: string): Reply => ({ type: 'shipment.failed', payload: { shipmentRequestId, orderId: ORDER_ID, reason, message: reason } });
      if (this.status === 'tombstone') return failed('order_cancelled');
      if (this.status === 'none') {
        if (!this.shippable) return failed('unsupported_country');
        this.status = 'created';
        this.version = 1;
      }
      return { type: 'shipment.created', payload: { shipmentRequestId, orderId: ORDER_ID, shipmentId: SHIPMENT_ID, trackingNumber: 'BZ7K3M9QX2PA', carrier: 'bazaar-courier', status: this.status, version: this.version } };
    }
    if (this.status === 'dispatched' || this.status === 'picked_up' || this.status === 'delivered') {
      const reason = this.status === 'delivered' ? 'already_delivered' : 'already_dispatched';
      return { type: 'shipment.cancel-refused', payload: { orderId: ORDER_ID, shipmentId: SHIPMENT_ID, reason, status: this.status, version: this.version } };
    }
    if (this.status === 'returned') return { type: 'shipment.cancelled', payload: { orderId: ORDER_ID, shipmentId: SHIPMENT_ID, effect: 'nothing_to_cancel', version: this.version } };
    if (this.status === 'created') {
      this.status = 'cancelled';
      this.version += 1;
      return { type: 'shipment.cancelled', payload: { orderId: ORDER_ID, shipmentId: SHIPMENT_ID, effect: 'cancelled', version: this.version } };
    }
    if (this.status === 'none') this.status = 'tombstone';
    return { type: 'shipment.cancelled', payload: { orderId: ORDER_ID, shipmentId: null, effect: 'nothing_to_cancel', version: null } };
  }
}

type Message = { to: 'orders'; reply: SagaMessage } | { to: 'services'; command: SagaCommand } | { to: 'inventory'; event: 'dispatched' | 'returned' };

function simulate(seed: number): { saga: Saga; payments: Payments; inventory: Inventory; shipping: Shipping; stock: number; trace: string[] } {
  const rng = prng(seed);
  const scenario: Scenario = {
    card: rng.pick(['approve', 'approve', 'decline', 'capture_declined']),
    stock: rng.pick([0, 1, 5]),
    shippable: rng.chance(0.75),
    cancelChance: rng.pick([0, 0.02, 0.1]),
    dispatchChance: rng.pick([0, 0.05, 0.3]),
    duplicateChance: rng.pick([0, 0.2]),
    deadlineChance: rng.pick([0, 0.02, 0.1]),
  };
  const payments = new Payments(scenario.card);
  const inventory = new Inventory(scenario.stock);
  const shipping = new Shipping(scenario.shippable);
  const trace: string[] = [JSON.stringify(scenario)];
  let now = ctx().now.getTime();
  const start = startSaga(facts, ids, settings, T0);
  let saga = start.saga;
  let everConfirmed = false;
  const inFlight: Message[] = start.commands.map((command) => ({ to: 'services', command }));

  const ordersDecide = (input: Parameters<typeof decide>[1]) => {
    const decision = decide(saga, input, ctx(new Date(now)));
    saga = decision.saga;
    if (saga.state === 'confirmed') everConfirmed = true;
    for (const command of decision.commands) inFlight.push({ to: 'services', command });
    trace.push(`${input.type} -> ${saga.state}/${saga.step ?? '-'} [${decision.commands.map((c) => c.type).join(',')}]${decision.refused ? ' refused' : ''}`);
  };
  const serve = (command: SagaCommand): Reply[] => {
    if (command.type.startsWith('payments.')) return [payments.handle(command)];
    if (command.type.startsWith('inventory.')) return inventory.handle(command);
    return [shipping.handle(command)];
  };
  const deliver = (index: number) => {
    const message = inFlight[index]!;
    // At-least-once: now and then a message is delivered and stays to be delivered again.
    if (!rng.chance(scenario.duplicateChance)) inFlight.splice(index, 1);
    if (message.to === 'orders') ordersDecide(message.reply);
    else if (message.to === 'inventory') inventory.hear(message.event);
    else for (const r of serve(message.command)) inFlight.push({ to: 'orders', reply: r });
    assert.ok(inventory.available >= 0, 'stock below zero');
  };
  /** The parcel's next step, if it has one: orders and inventory each hear of it, in any order. */
  const travel = () => {
    const next = shipping.status === 'created' ? 'dispatched' : shipping.status === 'dispatched' ? 'picked_up'
      : shipping.status === 'picked_up' ? (rng.chance(0.5) ? 'delivered' : 'returned') : undefined;
    if (!next) return;
    const event = shipping.travel(next);
    inFlight.push({ to: 'orders', reply: event });
    if (next === 'dispatched' || next === 'returned') inFlight.push({ to: 'inventory', event: next });
  };
  const fireDeadline = () => {
    if (!saga.deadlineAt) return;
    now = Math.max(now, saga.deadlineAt.getTime());
    ordersDecide({ type: 'deadline' });
  };

  // Messages are delivered, and a confirmed order's parcel may travel meanwhile, until both are done.
  const mayTravel = () => everConfirmed && scenario.dispatchChance > 0 && ['created', 'dispatched', 'picked_up'].includes(shipping.status);
  for (let i = 0; i < 60 && (inFlight.length > 0 || mayTravel()); i++) {
    if (rng.chance(scenario.cancelChance)) ordersDecide({ type: 'cancel', shippingStatus: shipping.status });
    if (rng.chance(scenario.deadlineChance)) fireDeadline();
    if (everConfirmed && rng.chance(scenario.dispatchChance)) travel();
    if (inFlight.length) deliver(Math.floor(rng.next() * inFlight.length));
  }
  // Then everything in flight is delivered (duplicates stop), and deadlines do their work.
  scenario.duplicateChance = 0;
  for (let rounds = 0; inFlight.length > 0 || saga.step !== null; rounds++) {
    assert.ok(rounds < 500, `the saga never ended: ${trace.join('\n')}`);
    if (inFlight.length) deliver(Math.floor(rng.next() * inFlight.length));
    else fireDeadline();
  }
  return { saga, payments, inventory, shipping, stock: scenario.stock, trace };
}

const ON_ITS_WAY = ['dispatched', 'picked_up', 'delivered'];

test('whatever the order of delivery, duplicates, deadlines and cancellations: every saga ends and the invariants hold', () => {
  const ends: Record<string, number> = {};
  let returned = 0;
  let travelled = 0;
  // Authorize and reserve go out together: their answers come in either order.
  let declinedAndReleased = 0;
  let reservedFirst = 0;
  for (let seed = 1; seed <= 3000; seed++) {
    const { saga, payments, inventory, shipping, stock, trace } = simulate(seed);
    const why = `seed ${seed}\n${trace.join('\n')}`;
    ends[saga.state] = (ends[saga.state] ?? 0) + 1;
    if (saga.state === 'rejected' && trace.some((line) => line.includes('inventory.release'))) declinedAndReleased += 1;
    if (trace[1]?.startsWith('stock.')) reservedFirst += 1;
    assert.ok(['confirmed', 'cancelled', 'rejected'].includes(saga.state), `ended ${saga.state}: ${why}`);
    assert.ok(payments.captures <= 1, `charged twice: ${why}`);
    assert.equal(inventory.available + (inventory.reservation === 'active' ? QTY : 0) + inventory.shipped, stock, `stock not conserved: ${why}`);
    if (saga.state === 'confirmed') {
      assert.equal(payments.status, 'captured', `confirmed without captured money: ${why}`);
      if (ON_ITS_WAY.includes(shipping.status)) travelled += 1;
      // Until dispatch the stock is held for the order; from dispatch it has left with the parcel.
      const stockFollows = shipping.status === 'created' ? inventory.reservation === 'active' : inventory.reservation === 'committed' && !inventory.returned;
      assert.ok(stockFollows, `confirmed, shipment ${shipping.status}, reservation ${inventory.reservation}: ${why}`);
      assert.ok(['created', ...ON_ITS_WAY].includes(shipping.status), `confirmed without a shipment: ${why}`);
    } else {
      assert.ok(!['captured', 'authorized'].includes(payments.status), `${saga.state} with money held (${payments.status}): ${why}`);
      assert.notEqual(inventory.reservation, 'active', `${saga.state} with stock held: ${why}`);
      assert.ok(!['created', ...ON_ITS_WAY].includes(shipping.status), `${saga.state} with a live shipment (${shipping.status}): ${why}`);
    }
    if (shipping.status === 'returned') {
      returned += 1;
      assert.deepEqual([saga.state, payments.status, inventory.returned], ['cancelled', 'refunded', true], `returned: ${why}`);
    }
  }
  // The scenarios reach every ending, so the checks above were all exercised.
  for (const state of ['confirmed', 'cancelled', 'rejected']) assert.ok((ends[state] ?? 0) > 50, `too few ${state}: ${JSON.stringify(ends)}`);
  assert.ok(returned > 20 && travelled > 20, `too few parcels travelled (${travelled}) or came back (${returned})`);
  assert.ok(declinedAndReleased > 20, `too few declined orders whose reservation was released (${declinedAndReleased})`);
  assert.ok(reservedFirst > 200, `too few checkouts whose reservation answered first (${reservedFirst})`);
});
