// Verifies the pact identity holds on analytics' confirmation of an erasure (user.erased) against
// what analytics really sends: identity's user.deleted is folded into a warehouse through analytics'
// inbox, and the confirmation the announcer would publish for the erasure it owes is built by the
// announcer's own code.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { verifyPacts } from '@bazaar/contract-testing';
import { createEnvelope, type DeliveryInfo } from '@bazaar/platform';
import { confirmationOf } from '../src/ingest/erasure.announcer.js';
import { pendingErasures } from '../src/ingest/erasure.js';
import { createEventHandlers } from '../src/ingest/handlers.js';
import { WarehouseInbox } from '../src/ingest/inbox.js';
import { Warehouse } from '../src/warehouse/warehouse.js';

describe("analytics provides identity's pact on user.erased", () => {
  let warehouse: Warehouse;
  let inbox: WarehouseInbox;
  const handlers = createEventHandlers();
  const delivery: DeliveryInfo = { kind: 'events', attempt: 1, redelivered: false };
  before(async () => {
    warehouse = await Warehouse.open(':memory:');
    inbox = new WarehouseInbox(warehouse, { lingerMs: 1 });
  });
  after(() => warehouse.close());

  test("identity's pact is verified", async () => {
    let userId: string | undefined;
    const results = await verifyPacts({
      provider: 'analytics',
      consumers: ['identity'],
      kind: 'messages',
      stateHandlers: {
        'a user was deleted': async () => {
          userId = randomUUID();
          const deleted = createEnvelope('identity', 'user.deleted', 1, { userId, deletedAt: new Date().toISOString() });
          await inbox.apply(deleted, handlers['user.deleted']!, delivery);
        },
      },
      messageProviders: {
        'a user.erased event': async () => {
          const owed = await pendingErasures(warehouse);
          assert.ok(userId && owed.includes(userId), `analytics owes no confirmation for ${userId}`);
          return confirmationOf(userId, new Date());
        },
      },
    });
    assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['identity', true]], results.map((r) => r.error).join('\n'));
  });
});
