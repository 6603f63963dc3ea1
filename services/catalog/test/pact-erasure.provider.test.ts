// Verifies the pact identity holds on catalog's confirmation of an erasure (user.erased) against what
// catalog really writes: identity's user.deleted is delivered to catalog's own handler on a fresh,
// migrated database (its reviews' display name replaced), and the confirmation is read back from the outbox, envelope and all.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { contracts, type Messages } from '@bazaar/contracts';
import { verifyPacts } from '@bazaar/contract-testing';
import { createEnvelope } from '@bazaar/platform';
import { createServiceTestDatabase, deliverMessage, publishedMessages, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { payloadHandlers } from '@bazaar/platform';
import { MIGRATIONS_DIR } from '../src/app.js';
import { createEventHandlers } from '../src/events.js';

describe('catalog provides identity\'s pact on user.erased', () => {
  let db: ServiceTestDatabase<Messages>;
  before(async () => { db = await createServiceTestDatabase({ service: 'catalog', label: 'catalog_pact_erasure', migrationsDir: MIGRATIONS_DIR, contracts }); });
  after(() => db?.close());

  test("identity's pact is verified", async () => {
    let userId: string | undefined;
    const results = await verifyPacts({
      provider: 'catalog',
      consumers: ['identity'],
      kind: 'messages',
      stateHandlers: {
        // As the consumer delivers identity's user.deleted: the handler and the inbox row in one transaction.
        'a user was deleted': async () => {
          userId = randomUUID();
          await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers: payloadHandlers(contracts.events, createEventHandlers(db.publish)) }, createEnvelope('identity', 'user.deleted', 1, { userId, deletedAt: new Date().toISOString() }));
        },
      },
      messageProviders: {
        'a user.erased event': async () => {
          const found = (await publishedMessages(db.pool, { type: 'user.erased' })).filter((m) => m.payload.userId === userId).at(-1);
          assert.ok(found, `catalog wrote no user.erased for ${userId}`);
          return found.envelope;
        },
      },
    });
    assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['identity', true]], results.map((r) => r.error).join('\n'));
  });
});
