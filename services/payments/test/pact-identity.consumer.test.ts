// What payments relies on in identity's events, recorded as a message pact (payments ← identity):
// the user id of user.deleted, by which the user's saved payment methods are removed. The example is
// delivered as payments' consumer delivers it and the methods are read back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { consumerPact, messageEnvelope, timestamp, uuid } from '@bazaar/contract-testing';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { createEventHandlers } from '../src/events.js';
import { setUpDatabase, type TestDb } from './support.js';

const PAYER = '0195f0a4-1c2b-7d3e-8f40-0000000005a1';
const MESSAGE_ID = '0195f0a4-1c2b-7d3e-8f40-00000000e501';

describe('payments ← identity (message pact)', () => {
  let db: TestDb;
  const pact = consumerPact({ consumer: 'payments', provider: 'identity' });
  before(async () => { db = await setUpDatabase('payments_pact_identity'); });
  after(() => db?.close());

  test("user.deleted: the user's saved payment methods are removed, and payments confirms", async () => {
    await db.pool.query("INSERT INTO payment_methods (user_id_ref, processor_token, brand, last4, exp_month, exp_year) VALUES ($1, 'sim_tok_pact', 'visa', '4242', 12, 2099)", [PAYER]);
    await pact
      .addAsynchronousInteraction()
      .given('a user deletes their account')
      .expectsToReceive('a user.deleted event', (message) => message.withJSONContent(messageEnvelope({
        type: 'user.deleted', id: MESSAGE_ID, source: 'identity', correlationId: MESSAGE_ID, causationId: MESSAGE_ID,
        payload: { userId: uuid(PAYER), deletedAt: timestamp('2026-03-14T10:00:00.000Z') },
      })))
      .executeTest(async (message) => {
        await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers: createEventHandlers(db.publish) }, message.contents.content);
        const { rowCount } = await db.pool.query('SELECT 1 FROM payment_methods WHERE user_id_ref = $1', [PAYER]);
        assert.equal(rowCount, 0);
        assert.ok((await published(db.pool)).some((m) => m.type === 'user.erased' && m.payload.userId === PAYER));
      });
  });
});
