// A deleted user's shipments at shipping (identity's user.deleted), on the real database: finished
// ones blanked at once, a parcel on its way kept until it ends and then blanked by the database, a
// deleted courier's name replaced and position forgotten (their parcels: dispatch.test.ts); confirmed
// with user.erased in the inbox's transaction.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { contracts } from '@bazaar/contracts';
import { createEnvelope } from '@bazaar/platform';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { createErasureHandlers } from '../src/events.js';
import { FORMER_COURIER } from '../src/shipments/erasure.handlers.js';
import { createCommand, shipmentsOf, shippingWith } from './fixtures.js';
import { setUpDatabase, setUpPositions, type TestDb } from './support.js';

describe("a deleted user's shipments", () => {
  let db: TestDb;
  let live: Awaited<ReturnType<typeof setUpPositions>>;
  before(async () => {
    db = await setUpDatabase('shipping_erasure');
    live = await setUpPositions('erasure');
  });
  after(async () => { await live?.close(); await db?.close(); });

  const deleteUser = (userId: string) => deliverMessage(
    { pool: db.pool, contracts, kind: 'events', handlers: createErasureHandlers({ publish: db.publish, positions: live.positions }) },
    createEnvelope('identity', 'user.deleted', 1, { userId, deletedAt: new Date().toISOString(), deletedBy: 'user' }),
  );
  const ship = async (userId: string) => {
    const command = createCommand({ userId });
    await shippingWith(db).create(command);
    return command.orderId;
  };
  // How the courier routes and the dispatcher move a shipment: an update of its status.
  const setStatus = (orderId: string, status: string) => db.pool.query('UPDATE shipments SET status = $2, latitude = 52.37, longitude = 4.9 WHERE order_id_ref = $1', [orderId, status]);
  const recipientOf = async (orderId: string) => {
    const [s] = await shipmentsOf(db.pool, orderId);
    return [s!.recipient_name, s!.line1, s!.city, s!.postal_code, s!.country, s!.latitude];
  };

  test('finished shipments lose the recipient now, a parcel on its way when it ends; other users keep theirs', async () => {
    const userId = randomUUID();
    const delivered = await ship(userId);
    await setStatus(delivered, 'delivered');
    const onTheWay = await ship(userId);
    await setStatus(onTheWay, 'dispatched');
    const someoneElse = await ship(randomUUID());
    await setStatus(someoneElse, 'delivered');

    await deleteUser(userId);
    assert.deepEqual(await recipientOf(delivered), ['', '', '', '', 'NL', null]);
    assert.deepEqual(await recipientOf(onTheWay), ['Ada Lovelace', '12 Market Street', 'Amsterdam', '1012 AB', 'NL', 52.37], 'the courier still needs the address');
    assert.deepEqual(await recipientOf(someoneElse), ['Ada Lovelace', '12 Market Street', 'Amsterdam', '1012 AB', 'NL', 52.37]);

    await db.pool.query("UPDATE shipments SET status = 'picked_up' WHERE order_id_ref = $1", [onTheWay]);
    assert.equal((await recipientOf(onTheWay))[0], 'Ada Lovelace', 'still on its way');
    await db.pool.query("UPDATE shipments SET status = 'delivered' WHERE order_id_ref = $1", [onTheWay]);
    assert.deepEqual(await recipientOf(onTheWay), ['', '', '', '', 'NL', null]);
    // Ending another user's parcel leaves it alone.
    const stillShipping = await ship(randomUUID());
    await setStatus(stillShipping, 'returned');
    assert.equal((await recipientOf(stillShipping))[0], 'Ada Lovelace');

    const confirmation = (await published(db.pool)).find((m) => m.type === 'user.erased' && m.payload.userId === userId);
    assert.equal(confirmation?.payload.service, 'shipping');
    assert.equal(confirmation?.payload.summary, '1 finished shipment blanked; 1 under way, blanked when delivered or returned');
  });

  test("a deleted courier's name is replaced, they go off shift and their last position is forgotten", async () => {
    const userId = randomUUID();
    const { id } = (await db.pool.query<{ id: string }>("INSERT INTO couriers (user_id_ref, name, vehicle, capacity, on_shift) VALUES ($1, 'Cato Rider', 'bicycle', 3, true) RETURNING id::text", [userId])).rows[0]!;
    await live.positions.startShift(userId, id);
    assert.equal(await live.positions.record(userId, { latitude: 52.37, longitude: 4.9 }), true);
    assert.ok(await live.positions.positionOf(id));
    await deleteUser(userId);
    const { rows } = await db.pool.query('SELECT name, on_shift FROM couriers WHERE user_id_ref = $1', [userId]);
    assert.deepEqual(rows, [{ name: FORMER_COURIER, on_shift: false }]);
    assert.equal(await live.positions.positionOf(id), undefined);
    assert.equal(await live.positions.record(userId, { latitude: 52.37, longitude: 4.9 }), false, 'no longer on shift as far as Redis knows');
    const confirmation = (await published(db.pool)).find((m) => m.type === 'user.erased' && m.payload.userId === userId);
    assert.equal(confirmation?.payload.summary, '0 finished shipments blanked; courier name and position removed');
  });
});
