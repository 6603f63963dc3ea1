// What analytics relies on in identity's events, recorded as a message pact (analytics ← identity):
// the user id of user.deleted, by which identity's raw events about the user are cut to the id and
// times. The example is delivered as analytics' consumer delivers it (checked against the contracts,
// then folded through its inbox) and the raw registration is read back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { consumerPact, messageEnvelope, timestamp, uuid } from '@bazaar/contract-testing';
import { checkMessage, ContractValidator, createEnvelope, type DeliveryInfo } from '@bazaar/platform';
import { pendingErasures } from '../src/ingest/erasure.js';
import { createEventHandlers } from '../src/ingest/handlers.js';
import { WarehouseInbox } from '../src/ingest/inbox.js';
import { Warehouse } from '../src/warehouse/warehouse.js';

const USER = '0195f0a4-1c2b-7d3e-8f40-0000000008a1';
const MESSAGE_ID = '0195f0a4-1c2b-7d3e-8f40-00000000e801';

describe('analytics ← identity (message pact)', () => {
  let warehouse: Warehouse;
  let inbox: WarehouseInbox;
  const validator = new ContractValidator(contracts);
  const handlers = createEventHandlers();
  const delivery: DeliveryInfo = { kind: 'events', attempt: 1, redelivered: false };
  const pact = consumerPact({ consumer: 'analytics', provider: 'identity' });
  before(async () => {
    warehouse = await Warehouse.open(':memory:');
    inbox = new WarehouseInbox(warehouse, { lingerMs: 1 });
  });
  after(() => warehouse.close());

  const receive = async (body: unknown) => {
    const envelope = checkMessage(validator, 'events', Buffer.from(JSON.stringify(body)));
    await inbox.apply(envelope, handlers[envelope.type]!, delivery);
  };

  test("user.deleted: identity's raw events about the user lose the personal fields; a confirmation is owed", async () => {
    await receive(createEnvelope('identity', 'user.registered', 1, { userId: USER, email: 'gus@example.test', firstName: 'Gus', lastName: 'Hale', registeredAt: '2026-03-01T10:00:00.000Z' }));
    await pact
      .addAsynchronousInteraction()
      .given('a user deletes their account')
      .expectsToReceive('a user.deleted event', (message) => message.withJSONContent(messageEnvelope({
        type: 'user.deleted', id: MESSAGE_ID, source: 'identity', correlationId: MESSAGE_ID, causationId: MESSAGE_ID,
        payload: { userId: uuid(USER), deletedAt: timestamp('2026-03-14T10:00:00.000Z') },
      })))
      .executeTest(async (message) => {
        await receive(message.contents.content);
        const rows = await warehouse.all<{ payload: string }>("SELECT payload::VARCHAR AS payload FROM raw_events WHERE type = 'user.registered'");
        assert.equal(rows.length, 1);
        assert.doesNotMatch(rows[0]!.payload, /gus@example\.test|Gus|Hale/);
        assert.deepEqual(await pendingErasures(warehouse), [USER]);
      });
  });
});
