// What notifications relies on in orders' events, recorded as a message pact (notifications ←
// orders): order.placed for the copy that addresses later events and lists a receipt's lines,
// order.confirmed for the receipt's total, order.cancelled for its reason and what was refunded,
// order.rejected for its reason. Each example is delivered as notifications' consumer delivers it
// (after the user's registration, and the order's placing where it is not the example), and the
// message it recorded is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { consumerPact, messageEnvelope, MatchersV3, text, timestamp, uuid } from '@bazaar/contract-testing';
import { startPactConsumer } from './pact-support.js';

const { eachLike, integer, regex } = MatchersV3;

const ids = (n: number) => ({
  messageId: `0195f0a4-1c2b-7d3e-8f40-00000000e8${n}0`,
  orderId: `0195f0a4-1c2b-7d3e-8f40-0000000008${n}0`,
  userId: `0195f0a4-1c2b-7d3e-8f40-0000000008${n}a`,
});
const NUMBER = 'BZ-260314-7KQ2M';
const orderRef = (o: { orderId: string; userId: string }) => ({ orderId: uuid(o.orderId), orderNumber: text(NUMBER, 40), userId: uuid(o.userId) });
const envelope = (type: string, o: { messageId: string }, payload: Record<string, unknown>) =>
  messageEnvelope({ type, id: o.messageId, source: 'orders', correlationId: o.messageId, causationId: o.messageId, payload });
const money = { totalMinor: integer(4900), currency: regex('^[A-Z]{3}$', 'EUR') };
const reason = (example: string) => text(example, 200);

describe('notifications ← orders (message pact)', () => {
  let h: Awaited<ReturnType<typeof startPactConsumer>>;
  const pact = consumerPact({ consumer: 'notifications', provider: 'orders' });
  before(async () => { h = await startPactConsumer('notifications_pact_orders'); });
  after(() => h.close());

  const registered = (userId: string) => h.given('identity', 'user.registered', {
    userId, email: `${userId.slice(-4)}@example.test`, firstName: 'Ana', lastName: 'Pereira', registeredAt: '2026-03-14T09:00:00.000Z',
  });
  const placed = (o: { orderId: string; userId: string }) => h.given('orders', 'order.placed', {
    orderId: o.orderId, orderNumber: NUMBER, userId: o.userId, totalMinor: 4900, currency: 'EUR', placedAt: '2026-03-14T10:00:00.000Z',
    items: [{ productId: '0195f0a4-1c2b-7d3e-8f40-0000000008f1', sku: 'LAMP-001', quantity: 1, unitPriceMinor: 4900 }],
  });
  const only = async (userId: string, kind: string) => {
    const found = (await h.messagesOf(userId)).filter((m) => m.kind === kind);
    assert.equal(found.length, 1, `one ${kind} message`);
    return found[0]!;
  };

  test('order.placed is copied: the receipt that follows lists its lines', async () => {
    const o = ids(1);
    await pact
      .addAsynchronousInteraction()
      .given('an order is placed')
      .expectsToReceive('an order.placed event', (message) => message.withJSONContent(envelope('order.placed', o, {
        ...orderRef(o), ...money,
        items: eachLike({ productId: uuid('0195f0a4-1c2b-7d3e-8f40-0000000008f1'), sku: regex('^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', 'LAMP-001'), quantity: integer(1), unitPriceMinor: integer(4900) }),
        placedAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await registered(o.userId);
        await h.receive(message.contents.content);
        await h.given('orders', 'order.confirmed', { orderId: o.orderId, orderNumber: NUMBER, userId: o.userId, totalMinor: 4900, currency: 'EUR', confirmedAt: '2026-03-14T10:01:00.000Z' });
        assert.match((await only(o.userId, 'receipt')).body, /1 × LAMP-001 at EUR 49\.00 = EUR 49\.00/);
      });
  });

  test('order.confirmed: a receipt with the total', async () => {
    const o = ids(2);
    await pact
      .addAsynchronousInteraction()
      .given('an order is confirmed')
      .expectsToReceive('an order.confirmed event', (message) => message.withJSONContent(envelope('order.confirmed', o, {
        ...orderRef(o), ...money, confirmedAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await registered(o.userId);
        await placed(o);
        await h.receive(message.contents.content);
        const receipt = await only(o.userId, 'receipt');
        assert.equal(receipt.subject, `Your receipt for order ${NUMBER}`);
        assert.match(receipt.body, /Total: EUR 49\.00/);
      });
  });

  test('order.cancelled: the reason and what was refunded', async () => {
    const o = ids(3);
    await pact
      .addAsynchronousInteraction()
      .given('a confirmed order is cancelled')
      .expectsToReceive('an order.cancelled event', (message) => message.withJSONContent(envelope('order.cancelled', o, {
        ...orderRef(o), reason: reason('cancelled by the customer'), cancelledAt: timestamp(), refundedMinor: integer(4900),
      })))
      .executeTest(async (message) => {
        await registered(o.userId);
        await placed(o);
        await h.receive(message.contents.content);
        const cancelled = await only(o.userId, 'order_cancelled');
        assert.match(cancelled.body, /cancelled by the customer/);
        assert.match(cancelled.body, /We refunded EUR 49\.00/);
      });
  });

  test('order.rejected: the reason', async () => {
    const o = ids(4);
    await pact
      .addAsynchronousInteraction()
      .given("an order's payment is declined")
      .expectsToReceive('an order.rejected event', (message) => message.withJSONContent(envelope('order.rejected', o, {
        ...orderRef(o), reason: reason('payment declined: card_declined'), rejectedAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await registered(o.userId);
        await h.receive(message.contents.content);
        const rejected = await only(o.userId, 'order_rejected');
        assert.match(rejected.body, /payment declined: card_declined/);
      });
  });
});
