// Shipping's orphan check against its real database: the couriers it asks identity about (all, but
// those whose user.deleted shipping already applied), and its rule: a courier whose account identity
// does not have is taken off shift, and nothing is erased (name, vehicle and the record stay). What
// happens to the parcels such a courier carried is in dispatch.test.ts.
// Identity's side (its lookup, an outage) is covered where identity runs (tools/test/orphans.test.ts
// for the same kit job against catalog).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { contracts } from '@bazaar/contracts';
import { createEnvelope, createLogger, createOrphanJob } from '@bazaar/platform';
import { deliverMessage } from '@bazaar/platform/testing';
import { createErasureHandlers } from '../src/events.js';
import { courierUserCheck } from '../src/orphans/courier-orphans.js';
import { setUpDatabase, setUpPositions, type TestDb } from './support.js';

describe("shipping's orphan check", () => {
  let db: TestDb;
  let live: Awaited<ReturnType<typeof setUpPositions>>;
  before(async () => { db = await setUpDatabase('shipping_orphans'); live = await setUpPositions('orphans'); });
  after(async () => { await live?.close(); await db?.close(); });

  const courier = async (userId: string, name: string, onShift: boolean) =>
    (await db.pool.query<{ id: string }>("INSERT INTO couriers (user_id_ref, name, vehicle, capacity, on_shift) VALUES ($1, $2, 'bicycle', 3, $3) RETURNING id", [userId, name, onShift])).rows[0]!.id;
  const stateOf = async (id: string) =>
    (await db.pool.query<{ name: string; on_shift: boolean }>('SELECT name, on_shift FROM couriers WHERE id = $1', [id])).rows[0];

  test('a courier whose account is gone is taken off shift; one already erased is not asked about; others stay', async () => {
    const [present, missed, missedOff, applied] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const kept = await courier(present, 'Ana Rider', true);
    const gone = await courier(missed, 'Ben Rider', true);
    const goneOff = await courier(missedOff, 'Cy Rider', false);
    await courier(applied, 'Dee Rider', true);
    const { duplicate } = await deliverMessage(
      { pool: db.pool, contracts, kind: 'events', handlers: createErasureHandlers({ publish: db.publish, positions: live.positions }) },
      createEnvelope('identity', 'user.deleted', 1, { userId: applied, deletedAt: new Date().toISOString(), deletedBy: 'admin' }),
    );
    assert.equal(duplicate, false);

    const asked: string[][] = [];
    const identity = {
      name: 'identity',
      request: async <T>({ path }: { path: string }) => {
        const ids = new URL(path, 'http://identity').searchParams.get('ids')!.split(',');
        asked.push(ids);
        return { status: 200, headers: {}, body: { found: ids.filter((id) => id === present) } as T };
      },
    };
    const job = createOrphanJob({ service: 'shipping', checks: [courierUserCheck(db.pool, identity, { publish: db.publish, positions: live.positions })], logger: createLogger('shipping', 'silent'), intervalMs: 60_000 });
    const [result] = await job.runOnce();
    assert.equal(result?.outcome, 'complete');
    assert.deepEqual(asked.flat().sort(), [present, missed, missedOff].sort(), 'the courier whose deletion was applied is not asked about');
    assert.deepEqual(result?.orphans.map((o) => [o.key, o.repaired]).sort(), [[gone, true], [goneOff, false]].sort(), 'one already off shift needs nothing');
    assert.deepEqual(await stateOf(gone), { name: 'Ben Rider', on_shift: false });
    assert.deepEqual(await stateOf(kept), { name: 'Ana Rider', on_shift: true });
  });
});
