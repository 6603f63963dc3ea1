// What shipping relies on in identity's events, recorded as a message pact (shipping ← identity):
// the user id and the time of user.deleted, by which the user's finished shipments lose the
// recipient. The example is delivered as shipping's consumer delivers it and the shipment read back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { consumerPact, messageEnvelope, timestamp, uuid } from '@bazaar/contract-testing';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { createErasureHandlers } from '../src/events.js';
import { createCommand, shipmentsOf, shippingWith } from './fixtures.js';
import { setUpDatabase, setUpPositions, type TestDb } from './support.js';

const RECIPIENT = '0195f0a4-1c2b-7d3e-8f40-0000000006a1';
const MESSAGE_ID = '0195f0a4-1c2b-7d3e-8f40-00000000e601';

describe('shipping ← identity (message pact)', () => {
  let db: TestDb;
  let live: Awaited<ReturnType<typeof setUpPositions>>;
  const pact = consumerPact({ consumer: 'shipping', provider: 'identity' });
  before(async () => { db = await setUpDatabase('shipping_pact_identity'); live = await setUpPositions('pact-identity'); });
  after(async () => { await live?.close(); await db?.close(); });

  test("user.deleted: the user's delivered shipment loses the recipient, and shipping confirms", async () => {
    const command = createCommand({ userId: RECIPIENT });
    await shippingWith(db).create(command);
    await db.pool.query("UPDATE shipments SET status = 'delivered' WHERE order_id_ref = $1", [command.orderId]);
    await pact
      .addAsynchronousInteraction()
      .given('a user deletes their account')
      .expectsToReceive('a user.deleted event', (message) => message.withJSONContent(messageEnvelope({
        type: 'user.deleted', id: MESSAGE_ID, source: 'identity', correlationId: MESSAGE_ID, causationId: MESSAGE_ID,
        payload: { userId: uuid(RECIPIENT), deletedAt: timestamp('2026-03-14T10:00:00.000Z') },
      })))
      .executeTest(async (message) => {
        await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers: createErasureHandlers({ publish: db.publish, positions: live.positions }) }, message.contents.content);
        assert.equal((await shipmentsOf(db.pool, command.orderId))[0]!.recipient_name, '');
        assert.ok((await published(db.pool)).some((m) => m.type === 'user.erased' && m.payload.userId === RECIPIENT));
      });
  });
});
