// Verifies the pact identity holds on shipping's confirmation of an erasure (user.erased) against what
// shipping really writes: identity's user.deleted is delivered to shipping's own handler on a fresh,
// migrated database (its shipments' recipients blanked), and the confirmation is read back from the outbox, envelope and all.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { contracts, type Messages } from '@bazaar/contracts';
import { verifyPacts } from '@bazaar/contract-testing';
import { createEnvelope } from '@bazaar/platform';
import { deliverMessage, publishedMessages, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { createErasureHandlers } from '../src/events.js';
import { setUpDatabase, setUpPositions } from './support.js';

describe('shipping provides identity\'s pact on user.erased', () => {
  let db: ServiceTestDatabase<Messages>;
  let live: Awaited<ReturnType<typeof setUpPositions>>;
  before(async () => { db = await setUpDatabase('shipping_pact_erasure'); live = await setUpPositions('pact-erasure'); });
  after(async () => { await live?.close(); await db?.close(); });

  test("identity's pact is verified", async () => {
    let userId: string | undefined;
    const results = await verifyPacts({
      provider: 'shipping',
      consumers: ['identity'],
      kind: 'messages',
      stateHandlers: {
        // As the consumer delivers identity's user.deleted: the handler and the inbox row in one transaction.
        'a user was deleted': async () => {
          userId = randomUUID();
          await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers: createErasureHandlers({ publish: db.publish, positions: live.positions }) }, createEnvelope('identity', 'user.deleted', 1, { userId, deletedAt: new Date().toISOString() }));
        },
      },
      messageProviders: {
        'a user.erased event': async () => {
          const found = (await publishedMessages(db.pool, { type: 'user.erased' })).filter((m) => m.payload.userId === userId).at(-1);
          assert.ok(found, `shipping wrote no user.erased for ${userId}`);
          return found.envelope;
        },
      },
    });
    assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['identity', true]], results.map((r) => r.error).join('\n'));
  });
});
