// What orders relies on in identity's events, recorded as a message pact (orders ← identity): the
// user id of user.deleted, by which the customer's orders lose their personal fields. The example is
// delivered as orders' consumer delivers it and the order is read back through the API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { consumerPact, messageEnvelope, timestamp, uuid } from '@bazaar/contract-testing';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { erasureHandlers } from '../src/orders/erasure.handlers.js';
import { checkoutBody, startOrders, type Harness } from './support.js';

const CUSTOMER = '0195f0a4-1c2b-7d3e-8f40-0000000004a1';
const MESSAGE_ID = '0195f0a4-1c2b-7d3e-8f40-00000000e401';

describe('orders ← identity (message pact)', () => {
  let h: Harness;
  const pact = consumerPact({ consumer: 'orders', provider: 'identity' });
  before(async () => { h = await startOrders('pact_identity'); });
  after(() => h?.close());

  test("user.deleted: the customer's orders stay without their name or address, and orders confirms", async () => {
    const lamp = h.catalog.add().id;
    const token = await h.token(CUSTOMER);
    const placed = await h.app.inject({ method: 'POST', url: '/orders', payload: checkoutBody([lamp]), headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() } });
    assert.equal(placed.statusCode, 202, placed.body);
    // The checkout gave up before shipping had the address: nothing holds the deletion back.
    await h.pool.query("UPDATE checkout_sagas SET state = 'rejected', step = NULL, deadline_at = NULL WHERE order_id = $1", [placed.json().id]);
    await pact
      .addAsynchronousInteraction()
      .given('a user deletes their account')
      .expectsToReceive('a user.deleted event', (message) => message.withJSONContent(messageEnvelope({
        type: 'user.deleted', id: MESSAGE_ID, source: 'identity', correlationId: MESSAGE_ID, causationId: MESSAGE_ID,
        payload: { userId: uuid(CUSTOMER), deletedAt: timestamp('2026-03-14T10:00:00.000Z') },
      })))
      .executeTest(async (message) => {
        await deliverMessage({ pool: h.pool, contracts, kind: 'events', handlers: erasureHandlers(h.db.publish) }, message.contents.content);
        const order = await h.app.inject({ method: 'GET', url: `/orders/${placed.json().id}`, headers: { authorization: `Bearer ${token}` } });
        assert.equal(order.json().shippingAddress.name, '');
        assert.ok((await published(h.pool)).some((m) => m.type === 'user.erased' && m.payload.userId === CUSTOMER));
      });
  });
});
