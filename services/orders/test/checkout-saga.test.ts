// The checkout saga driven through orders' real reply handlers and database: each reply is delivered
// as the consumer delivers it (inbox row and effect in one transaction), built from the command orders
// actually wrote to its outbox, and what orders then wrote is checked.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReplyType } from '../src/checkout/saga.types.js';
import { checkoutBody, settings, startOrders, type Harness, type Sent } from './support.js';

let h: Harness;
let customer: string;
let lamp: string;

before(async () => {
  h = await startOrders('saga');
  customer = await h.token();
  lamp = h.catalog.add({ sku: 'LAMP-001', priceMinor: 4900 }).id;
});

after(async () => {
  await h?.close();
});

const PAYMENT_ID = '0195f0a4-1c2b-7d3e-8f40-000000000001';
const SHIPMENT_ID = '0195f0a4-1c2b-7d3e-8f40-000000000002';

/** One checkout under test: its id, what orders sent for it, and replies built from those commands. */
class Checkout {
  constructor(readonly id: string) {}

  async sent(): Promise<Sent[]> {
    return h.sent(this.id);
  }

  async types(): Promise<string[]> {
    return (await this.sent()).map((m) => m.type);
  }

  /** The last command of a type orders sent for this order (its payload). */
  async command(type: string): Promise<Record<string, unknown>> {
    const found = (await this.sent()).filter((m) => m.type === type).at(-1);
    assert.ok(found, `orders never sent ${type}`);
    return found.payload;
  }

  async view() {
    const response = await h.app.inject({ method: 'GET', url: `/orders/${this.id}`, headers: { authorization: `Bearer ${customer}` } });
    assert.equal(response.statusCode, 200);
    return response.json();
  }

  async cancel() {
    const response = await h.app.inject({ method: 'POST', url: `/orders/${this.id}/cancel`, headers: { authorization: `Bearer ${customer}` } });
    return { status: response.statusCode, body: response.json() };
  }

  async reply(type: ReplyType, extra: Record<string, unknown> = {}, messageId?: string): Promise<void> {
    await h.deliver(type, { ...(await this.payloadFor(type)), ...extra }, messageId);
  }

  private async payloadFor(type: ReplyType): Promise<Record<string, unknown>> {
    const orderId = this.id;
    const op = async (command: string) => ({ operationId: (await this.command(command)).operationId, orderId });
    const money = { amountMinor: 4900, currency: 'EUR' };
    switch (type) {
      case 'payment.authorized': return { ...(await op('payments.authorize')), paymentId: PAYMENT_ID, ...money, cardBrand: 'visa', cardLast4: '4242', version: 2 };
      case 'payment.declined': return { ...(await op('payments.authorize')), paymentId: PAYMENT_ID, reason: 'card_declined', ...money, version: 2 };
      case 'payment.captured': return { ...(await op('payments.capture')), paymentId: PAYMENT_ID, ...money, version: 3 };
      case 'payment.capture-failed': return { ...(await op('payments.capture')), paymentId: PAYMENT_ID, reason: 'capture_declined', version: 2 };
      case 'payment.voided': return { ...(await op('payments.void')), paymentId: PAYMENT_ID, effect: 'voided', version: 3 };
      case 'payment.void-failed': return { ...(await op('payments.void')), paymentId: PAYMENT_ID, reason: 'already_captured', version: 3 };
      case 'payment.refunded': return { ...(await op('payments.refund')), paymentId: PAYMENT_ID, ...money, status: 'refunded', version: 4 };
      case 'payment.refund-failed': return { ...(await op('payments.refund')), paymentId: PAYMENT_ID, reason: 'processor_error', version: 3 };
      case 'stock.reserved': {
        const reserve = await this.command('inventory.reserve');
        return { reservationId: reserve.reservationId, orderId, items: reserve.items };
      }
      case 'stock.reservation-rejected': {
        const reserve = await this.command('inventory.reserve');
        return { reservationId: reserve.reservationId, orderId, reason: 'insufficient_stock', shortages: [{ sku: 'LAMP-001', requested: 1, available: 0 }] };
      }
      case 'stock.released': return { reservationId: (await this.command('inventory.reserve')).reservationId, orderId, reason: 'checkout compensation' };
      case 'shipment.created': {
        const create = await this.command('shipping.create-shipment');
        return { shipmentRequestId: create.shipmentRequestId, orderId, shipmentId: SHIPMENT_ID, trackingNumber: 'BZ7K3M9QX2PA', carrier: 'bazaar-courier', status: 'created', version: 1 };
      }
      case 'shipment.failed': return { shipmentRequestId: (await this.command('shipping.create-shipment')).shipmentRequestId, orderId, reason: 'unsupported_country', message: 'we do not ship to XX' };
      case 'shipment.cancelled': return { orderId, shipmentId: SHIPMENT_ID, effect: 'cancelled', version: 2 };
      case 'shipment.cancel-refused': return { orderId, shipmentId: SHIPMENT_ID, reason: 'already_dispatched', status: 'dispatched', version: 3 };
    }
  }
}

async function checkout(): Promise<Checkout> {
  const response = await h.app.inject({
    method: 'POST', url: '/orders', payload: checkoutBody([lamp]),
    headers: { authorization: `Bearer ${customer}`, 'idempotency-key': randomUUID() },
  });
  assert.equal(response.statusCode, 202, response.body);
  return new Checkout(response.json().id);
}

/** A checkout taken to confirmation by its happy replies. */
async function confirmed(): Promise<Checkout> {
  const c = await checkout();
  for (const type of ['payment.authorized', 'stock.reserved', 'shipment.created', 'payment.captured'] as const) await c.reply(type);
  assert.equal((await c.view()).status, 'confirmed');
  return c;
}

/** The saga's commands only (events left out), in the order they were written. */
const commandsOf = (types: string[]) => types.filter((t) => !t.startsWith('order.'));

describe('the saga through its reply handlers', () => {
  test('happy path: authorize and reserve (together) → ship → capture → confirmed, with copies and a complete timeline', async () => {
    const c = await checkout();
    // Both asked when the order is placed, in the same transaction (one outbox write).
    assert.deepEqual(await c.types(), ['order.placed', 'payments.authorize', 'inventory.reserve']);
    const { rows: written } = await h.pool.query<{ xid: string }>('SELECT DISTINCT xmin::text AS xid FROM outbox WHERE id = ANY($1::uuid[])', [(await c.sent()).map((m) => m.id)]);
    assert.equal(written.length, 1, 'the order, the authorization and the reservation are written by one transaction');
    const reserve = await c.command('inventory.reserve');
    assert.deepEqual(reserve.items, [{ sku: 'LAMP-001', quantity: 1 }]);
    assert.equal(reserve.ttlSeconds, settings.reservationTtlSeconds);
    assert.deepEqual((await c.view()).checkout.step, 'authorize-payment');
    await c.reply('payment.authorized');
    assert.equal((await c.view()).checkout.step, 'reserve-stock');
    assert.equal((await c.types()).includes('shipping.create-shipment'), false, 'the shipment waits for the reservation');
    await c.reply('stock.reserved');
    const create = await c.command('shipping.create-shipment');
    assert.deepEqual(create.recipient, checkoutBody([]).shippingAddress);
    await c.reply('shipment.created');
    await c.reply('payment.captured');

    assert.deepEqual(await c.types(), ['order.placed', 'payments.authorize', 'inventory.reserve', 'shipping.create-shipment', 'payments.capture', 'order.confirmed']);
    const order = await c.view();
    assert.equal(order.status, 'confirmed');
    assert.equal(order.statusReason, null);
    assert.equal(order.checkout.state, 'confirmed');
    assert.equal(order.checkout.step, null);
    assert.deepEqual([order.payment.status, order.payment.capturedMinor, order.payment.card], ['captured', 4900, { brand: 'visa', last4: '4242' }]);
    assert.deepEqual([order.shipping.status, order.shipping.trackingNumber, order.shipping.carrier], ['created', 'BZ7K3M9QX2PA', 'bazaar-courier']);
    assert.deepEqual(order.timeline.map((e: { step: string; status: string }) => `${e.step}:${e.status}`), [
      'authorize-payment:started', 'reserve-stock:started', 'authorize-payment:succeeded', 'reserve-stock:succeeded',
      'create-shipment:started', 'create-shipment:succeeded', 'capture-payment:started', 'capture-payment:succeeded', 'confirm-order:succeeded',
    ]);
    const { rows } = await h.pool.query('SELECT finished_at FROM checkout_sagas WHERE order_id = $1', [c.id]);
    assert.ok(rows[0].finished_at);
  });

  test('declined card and out of stock: rejected once both answered, nothing to compensate', async () => {
    const c = await checkout();
    await c.reply('payment.declined');
    const waiting = await c.view();
    assert.deepEqual([waiting.status, waiting.statusReason, waiting.checkout.step], ['pending', null, 'reserve-stock']);
    await c.reply('stock.reservation-rejected');
    assert.deepEqual(await c.types(), ['order.placed', 'payments.authorize', 'inventory.reserve', 'order.rejected']);
    const order = await c.view();
    assert.equal(order.status, 'rejected');
    assert.equal(order.statusReason, 'payment declined: card_declined');
    assert.equal(order.payment.status, 'declined');
  });

  for (const first of ['payment.declined', 'stock.reserved'] as const) {
    test(`declined card, stock reserved (${first} first): the reservation is released, the order rejected`, async () => {
      const c = await checkout();
      await c.reply(first);
      await c.reply(first === 'payment.declined' ? 'stock.reserved' : 'payment.declined');
      assert.deepEqual(commandsOf(await c.types()), ['payments.authorize', 'inventory.reserve', 'inventory.release']);
      assert.equal((await c.view()).status, 'cancelling');
      await c.reply('stock.released');
      // Late and repeated answers: nothing more is asked, nothing announced twice.
      await c.reply('payment.declined');
      const types = await c.types();
      assert.deepEqual(commandsOf(types), ['payments.authorize', 'inventory.reserve', 'inventory.release']);
      assert.deepEqual(types.filter((t) => t.startsWith('order.')), ['order.placed', 'order.rejected']);
      const order = await c.view();
      assert.equal(order.status, 'rejected');
      assert.equal(order.statusReason, 'payment declined: card_declined');
      const timeline = order.timeline.map((e: { step: string; status: string }) => `${e.step}:${e.status}`);
      assert.deepEqual(timeline.slice(0, 2), ['authorize-payment:started', 'reserve-stock:started']);
      assert.ok(timeline.includes('reserve-stock:succeeded') && timeline.includes('authorize-payment:failed'), timeline.join(', '));
      assert.deepEqual(timeline.slice(-3), ['release-stock:succeeded', 'cancel-order:succeeded', 'reject-order:succeeded']);
    });
  }

  test('out of stock before the payment answered: nothing sent until it does, then the authorization is voided', async () => {
    const c = await checkout();
    await c.reply('stock.reservation-rejected');
    assert.deepEqual(commandsOf(await c.types()), ['payments.authorize', 'inventory.reserve']);
    assert.equal((await c.view()).status, 'pending');
    await c.reply('payment.authorized');
    assert.deepEqual(commandsOf(await c.types()), ['payments.authorize', 'inventory.reserve', 'payments.void']);
    await c.reply('payment.voided');
    const order = await c.view();
    assert.equal(order.status, 'cancelled');
    assert.match(order.statusReason, /^out of stock: LAMP-001/);
  });

  test('out of stock: cancelled, authorization voided', async () => {
    const c = await checkout();
    await c.reply('payment.authorized');
    await c.reply('stock.reservation-rejected');
    assert.equal((await c.view()).status, 'cancelling');
    assert.deepEqual((await c.command('payments.void')).operationId, (await h.pool.query('SELECT void_operation_id FROM checkout_sagas WHERE order_id = $1', [c.id])).rows[0].void_operation_id);
    await c.reply('payment.voided');
    assert.deepEqual(commandsOf(await c.types()), ['payments.authorize', 'inventory.reserve', 'payments.void']);
    const order = await c.view();
    assert.equal(order.status, 'cancelled');
    assert.match(order.statusReason, /^out of stock: LAMP-001/);
    assert.equal(order.payment.status, 'voided');
    assert.ok((await c.types()).includes('order.cancelled'));
  });

  test('shipment failure: reservation released, then payment voided', async () => {
    const c = await checkout();
    await c.reply('payment.authorized');
    await c.reply('stock.reserved');
    await c.reply('shipment.failed');
    assert.deepEqual(commandsOf(await c.types()).slice(-1), ['inventory.release']);
    await c.reply('stock.released');
    assert.deepEqual(commandsOf(await c.types()).slice(-1), ['payments.void']);
    await c.reply('payment.voided');
    const order = await c.view();
    assert.equal(order.status, 'cancelled');
    assert.equal(order.shipping.status, 'failed');
    assert.equal(order.statusReason, 'shipment failed: unsupported_country');
  });

  test('capture failure: shipment cancelled, reservation released, authorization voided', async () => {
    const c = await checkout();
    for (const type of ['payment.authorized', 'stock.reserved', 'shipment.created', 'payment.capture-failed', 'shipment.cancelled', 'stock.released', 'payment.voided'] as const) await c.reply(type);
    assert.deepEqual(commandsOf(await c.types()), [
      'payments.authorize', 'inventory.reserve', 'shipping.create-shipment', 'payments.capture', 'shipping.cancel-shipment', 'inventory.release', 'payments.void',
    ]);
    const order = await c.view();
    assert.equal(order.status, 'cancelled');
    assert.equal(order.shipping.status, 'cancelled');
    assert.equal(order.payment.status, 'voided');
  });

  test('a reply delivered twice (same message id) is absorbed; repeated under a new id it moves nothing', async () => {
    const c = await checkout();
    const messageId = randomUUID();
    await c.reply('payment.authorized', {}, messageId);
    await c.reply('payment.authorized', {}, messageId);
    await c.reply('payment.authorized');
    await c.reply('stock.reserved');
    await c.reply('stock.reserved');
    await c.reply('payment.authorized');
    assert.equal((await c.types()).filter((t) => t === 'inventory.reserve').length, 1);
    assert.equal((await c.types()).filter((t) => t === 'shipping.create-shipment').length, 1, 'the shipment is asked for once');
    const timeline = (await c.view()).timeline;
    assert.equal(timeline.filter((e: { step: string }) => e.step === 'authorize-payment').length, 2);
    assert.equal(timeline.filter((e: { step: string }) => e.step === 'reserve-stock').length, 2);
  });

  test('status copies keep the newest version: a stale payment event does not put an older status back', async () => {
    const c = await confirmed();
    await c.reply('payment.authorized', { version: 2 }); // replayed by payments after the capture
    const order = await c.view();
    assert.equal(order.payment.status, 'captured');
    assert.equal(order.status, 'confirmed');
  });

  test('a reply for an order orders does not have is acknowledged and ignored', async () => {
    await h.deliver('shipment.cancelled', { orderId: randomUUID(), shipmentId: null, effect: 'nothing_to_cancel', version: null });
    await h.deliver('stock.released', { reservationId: randomUUID(), orderId: null, reason: 'expired' });
  });
});

describe('deadlines', () => {
  const pastDeadline = async () => {
    h.clock.now = new Date(h.clock.now.getTime() + settings.stepTimeoutMs + 1);
    return h.deadlines.runOnce();
  };

  test('each forward step that misses its deadline is compensated, itself included', async () => {
    const at = {
      authorize: await checkout(),
      reserve: await checkout(),
      ship: await checkout(),
      capture: await checkout(),
    };
    await at.reserve.reply('payment.authorized');
    for (const type of ['payment.authorized', 'stock.reserved'] as const) await at.ship.reply(type);
    for (const type of ['payment.authorized', 'stock.reserved', 'shipment.created'] as const) await at.capture.reply(type);

    assert.ok((await pastDeadline()) >= 4);
    // Authorize and reserve both unanswered: each timed out; the reservation is released first.
    assert.deepEqual(commandsOf(await at.authorize.types()).slice(2), ['inventory.release']);
    assert.deepEqual(commandsOf(await at.reserve.types()).slice(2), ['inventory.release']);
    assert.deepEqual(commandsOf(await at.ship.types()).slice(3), ['shipping.cancel-shipment']);
    assert.deepEqual(commandsOf(await at.capture.types()).slice(4), ['shipping.cancel-shipment']);
    for (const c of Object.values(at)) {
      const order = await c.view();
      assert.equal(order.status, 'cancelling');
      assert.match(order.statusReason, /timed out$/);
      assert.ok(order.timeline.some((e: { status: string }) => e.status === 'timed_out'));
    }

    // The capture had in fact gone through: the void is refused and the money refunded.
    await at.capture.reply('shipment.cancelled');
    await at.capture.reply('stock.released');
    await at.capture.reply('payment.void-failed');
    await at.capture.reply('payment.refunded');
    assert.deepEqual(commandsOf(await at.capture.types()).slice(4), ['shipping.cancel-shipment', 'inventory.release', 'payments.void', 'payments.refund']);
    const refunded = await at.capture.view();
    assert.equal(refunded.status, 'cancelled');
    assert.equal(refunded.payment.status, 'refunded');

    const both = (await at.authorize.view()).timeline.filter((e: { status: string }) => e.status === 'timed_out').map((e: { step: string }) => e.step);
    assert.deepEqual(both, ['authorize-payment', 'reserve-stock']);
  });

  test('a compensation that misses its deadline is sent again with the same ids', async () => {
    const c = await checkout();
    await c.reply('payment.authorized');
    await c.reply('stock.reservation-rejected');
    await pastDeadline();
    const voids = (await c.sent()).filter((m) => m.type === 'payments.void');
    assert.equal(voids.length, 2);
    assert.deepEqual(voids[0]!.payload, voids[1]!.payload);
    const order = await c.view();
    assert.equal(order.checkout.attempt, 2);
    assert.equal(order.timeline.at(-1).status, 'retried');
  });

  test('the deadline job leaves alone what is not due, and what another transaction holds', async () => {
    const c = await checkout();
    assert.equal(await h.deadlines.runOnce(), 0);
    const client = await h.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT 1 FROM checkout_sagas WHERE order_id = $1 FOR UPDATE', [c.id]);
      h.clock.now = new Date(h.clock.now.getTime() + settings.stepTimeoutMs + 1);
      assert.equal(await h.deadlines.runOnce(), 0, 'a locked saga is skipped');
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    assert.equal(await h.deadlines.runOnce(), 1);
    assert.equal((await c.view()).status, 'cancelling');
  });

  test('one of the two parallel steps misses the deadline (the stock reserved, the payment unanswered): undone, and its late success too', async () => {
    const c = await checkout();
    await c.reply('stock.reserved');
    await pastDeadline();
    let order = await c.view();
    assert.equal(order.status, 'cancelling');
    assert.equal(order.statusReason, 'authorize payment timed out');
    assert.deepEqual(order.timeline.filter((e: { status: string }) => e.status === 'timed_out').map((e: { step: string }) => e.step), ['authorize-payment']);
    assert.deepEqual(commandsOf(await c.types()).slice(2), ['inventory.release']);
    await c.reply('stock.released');
    await c.reply('payment.authorized'); // late: the void that follows answers it
    assert.deepEqual(commandsOf(await c.types()).slice(2), ['inventory.release', 'payments.void']);
    await c.reply('payment.voided');
    order = await c.view();
    assert.equal(order.status, 'cancelled');
    assert.equal(order.payment.status, 'voided');
  });
});

describe('the customer cancels', () => {
  test('mid-saga: 202 cancelling; what was done is undone; the late reply to the step in flight is compensated', async () => {
    const c = await checkout();
    await c.reply('payment.authorized');
    const answer = await c.cancel();
    assert.equal(answer.status, 202);
    assert.equal(answer.body.status, 'cancelling');
    assert.deepEqual(commandsOf(await c.types()).slice(-1), ['inventory.release']);
    // The reserve was on its way: its answer arrives after the release went out.
    await c.reply('stock.reserved');
    assert.equal((await c.types()).filter((t) => t === 'shipping.create-shipment').length, 0);
    await c.reply('stock.released');
    await c.reply('payment.voided');
    const order = await c.view();
    assert.equal(order.status, 'cancelled');
    assert.equal(order.statusReason, 'cancelled by the customer');
    assert.equal((await c.cancel()).status, 202, 'cancelling again is harmless');
  });

  test('after confirmation: shipment cancelled, stock released, payment refunded', async () => {
    const c = await confirmed();
    const answer = await c.cancel();
    assert.equal(answer.status, 202);
    assert.equal(answer.body.status, 'cancelling');
    await c.reply('shipment.cancelled');
    await c.reply('stock.released');
    await c.reply('payment.refunded');
    assert.deepEqual(commandsOf(await c.types()).slice(-3), ['shipping.cancel-shipment', 'inventory.release', 'payments.refund']);
    const order = await c.view();
    assert.equal(order.status, 'cancelled');
    assert.deepEqual([order.payment.status, order.payment.refundedMinor], ['refunded', 4900]);
  });

  test('after dispatch: shipping refuses, the order stays confirmed (shown shipped: a courier has it), and a second attempt is 409', async () => {
    const c = await confirmed();
    assert.equal((await c.cancel()).status, 202);
    await c.reply('shipment.cancel-refused');
    const order = await c.view();
    assert.deepEqual([order.status, order.checkout.state], ['shipped', 'confirmed']);
    assert.equal(order.shipping.status, 'dispatched');
    assert.match(order.statusReason, /refused/);
    assert.equal((await c.types()).filter((t) => t === 'inventory.release' || t === 'payments.refund').length, 0);
    const again = await c.cancel();
    assert.equal(again.status, 409);
    assert.match(again.body.detail, /dispatched/);
  });

  test('payment.authorized arriving after the order was cancelled: void sent again', async () => {
    const c = await checkout();
    await c.cancel();
    await c.reply('stock.released');
    await h.deliver('payment.voided', { operationId: (await c.command('payments.void')).operationId, orderId: c.id, paymentId: null, effect: 'nothing_held', version: null });
    assert.equal((await c.view()).status, 'cancelled');
    await c.reply('payment.authorized');
    assert.equal((await c.sent()).filter((m) => m.type === 'payments.void').length, 2);
    assert.equal((await c.view()).timeline.at(-1).status, 'late');
  });

  test('a rejected order cannot be cancelled (409)', async () => {
    const c = await checkout();
    await c.reply('payment.declined');
    await c.reply('stock.reservation-rejected');
    assert.equal((await c.cancel()).status, 409);
  });
});
