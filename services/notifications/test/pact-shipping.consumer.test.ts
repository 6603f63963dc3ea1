// What notifications relies on in shipping's delivery events, recorded as a message pact
// (notifications ← shipping): each names the order (notifications addresses the customer through its
// copy of order.placed), the courier's name on dispatch, the reason of a hand-back, the reason and
// attempts left of a failed attempt, the reason of a return. The states and descriptions are those orders' and inventory's pacts
// already name, so shipping verifies every consumer through the same journey. Each example is
// delivered as notifications' consumer delivers it, and the message it recorded is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { consumerPact, messageEnvelope, MatchersV3, text, timestamp, uuid } from '@bazaar/contract-testing';
import { startPactConsumer } from './pact-support.js';

const { eachLike, integer, regex } = MatchersV3;

const SHIPMENT_ID = '0195f0a4-1c2b-7d3e-8f40-00000000c901';
const TRACKING = regex('^BZ[2-9A-HJKMNP-TV-Z]{10}$', 'BZ7K3M9QX2PA');
const NUMBER = 'BZ-260314-9PLMQ';
const ids = (n: number) => ({
  messageId: `0195f0a4-1c2b-7d3e-8f40-00000000e9${n}0`,
  orderId: `0195f0a4-1c2b-7d3e-8f40-0000000009${n}0`,
  userId: `0195f0a4-1c2b-7d3e-8f40-0000000009${n}a`,
});
const envelope = (type: string, id: string, payload: Record<string, unknown>) =>
  messageEnvelope({ type, id, source: 'shipping', correlationId: id, causationId: id, payload });
const parcel = (orderId: string, version: number) => ({ shipmentId: uuid(SHIPMENT_ID), orderId: uuid(orderId), trackingNumber: TRACKING, version: integer(version) });
const courier = { courierId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000d901'), name: text('Ana Courier', 100) };

describe('notifications ← shipping (message pact)', () => {
  let h: Awaited<ReturnType<typeof startPactConsumer>>;
  const pact = consumerPact({ consumer: 'notifications', provider: 'shipping' });
  before(async () => { h = await startPactConsumer('notifications_pact_shipping'); });
  after(() => h.close());

  /** The customer and their order, as identity and orders told notifications before the parcel moved. */
  async function ordered(o: { orderId: string; userId: string }) {
    await h.given('identity', 'user.registered', { userId: o.userId, email: `${o.userId.slice(-4)}@example.test`, firstName: 'Ana', lastName: 'Pereira', registeredAt: '2026-03-14T09:00:00.000Z' });
    await h.given('orders', 'order.placed', {
      orderId: o.orderId, orderNumber: NUMBER, userId: o.userId, totalMinor: 4900, currency: 'EUR', placedAt: '2026-03-14T10:00:00.000Z',
      items: [{ productId: '0195f0a4-1c2b-7d3e-8f40-0000000009f1', sku: 'LAMP-001', quantity: 1, unitPriceMinor: 4900 }],
    });
  }
  const only = async (userId: string, kind: string) => {
    const found = (await h.messagesOf(userId)).filter((m) => m.kind === kind);
    assert.equal(found.length, 1, `one ${kind} message`);
    return found[0]!;
  };

  test('shipment.dispatched: the customer is told who is bringing the order', async () => {
    const o = ids(1);
    await pact
      .addAsynchronousInteraction()
      .given("a courier is on shift near the order's confirmed shipment", { orderId: o.orderId })
      .expectsToReceive('shipment.dispatched: a courier was given the parcel', (message) => message.withJSONContent(envelope('shipment.dispatched', o.messageId, {
        ...parcel(o.orderId, 2), courier, dispatchedAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await ordered(o);
        await h.receive(message.contents.content);
        const told = await only(o.userId, 'shipment_dispatched');
        assert.equal(told.subject, `Order ${NUMBER}: a courier is on the way`);
        assert.match(told.body, /Ana Courier is bringing order .* Track it with BZ7K3M9QX2PA/);
      });
  });

  test('shipment.attempt_failed: why, and how many attempts are left', async () => {
    const o = ids(2);
    await pact
      .addAsynchronousInteraction()
      .given("the courier has picked up the order's parcel", { orderId: o.orderId })
      .expectsToReceive('shipment.attempt_failed: a delivery attempt failed, more to come', (message) => message.withJSONContent(envelope('shipment.attempt_failed', o.messageId, {
        ...parcel(o.orderId, 4), courier, reason: text('nobody home', 200), attempt: integer(1), attemptsLeft: integer(2), failedAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await ordered(o);
        await h.receive(message.contents.content);
        assert.match((await only(o.userId, 'shipment_attempt_failed')).body, /nobody home[\s\S]*2 more attempts/);
      });
  });

  test('shipment.handed_back: the courier will not bring it after all, another will', async () => {
    const o = ids(5);
    await pact
      .addAsynchronousInteraction()
      .given("the courier has picked up the order's parcel", { orderId: o.orderId })
      .expectsToReceive('shipment.handed_back: the courier ended the shift with the parcel', (message) => message.withJSONContent(envelope('shipment.handed_back', o.messageId, {
        ...parcel(o.orderId, 4), courier, reason: text('the courier ended the shift', 200), handedBackAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await ordered(o);
        await h.receive(message.contents.content);
        const told = await only(o.userId, 'shipment_handed_back');
        assert.equal(told.subject, `Order ${NUMBER}: another courier will bring it`);
        assert.match(told.body, /will not bring it after all: the courier ended the shift\. It waits for the next courier/);
      });
  });

  test('shipment.delivered: the order has arrived', async () => {
    const o = ids(3);
    await pact
      .addAsynchronousInteraction()
      .given("the courier has picked up the order's parcel", { orderId: o.orderId })
      .expectsToReceive('shipment.delivered: the recipient has the parcel', (message) => message.withJSONContent(envelope('shipment.delivered', o.messageId, {
        ...parcel(o.orderId, 4), courier, deliveredAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await ordered(o);
        await h.receive(message.contents.content);
        assert.equal((await only(o.userId, 'shipment_delivered')).subject, `Order ${NUMBER} was delivered`);
      });
  });

  test('shipment.returned: the parcel is coming back, and why', async () => {
    const o = ids(4);
    await pact
      .addAsynchronousInteraction()
      .given("the courier has failed every delivery attempt of the order's parcel but the last", { orderId: o.orderId })
      .expectsToReceive('shipment.returned: the parcel came back undelivered', (message) => message.withJSONContent(envelope('shipment.returned', o.messageId, {
        ...parcel(o.orderId, 8), reason: text('3 failed delivery attempts', 200),
        items: eachLike({ sku: regex('^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', 'BZR-0001'), quantity: integer(2) }),
        returnedAt: timestamp(),
      })))
      .executeTest(async (message) => {
        await ordered(o);
        await h.receive(message.contents.content);
        assert.match((await only(o.userId, 'shipment_returned')).body, /on its way back to our warehouse: 3 failed delivery attempts/);
      });
  });
});
