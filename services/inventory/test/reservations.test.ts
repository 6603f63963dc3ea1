import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createEnvelope, MessageValidationError } from '@bazaar/platform';
import { commit, release, reserve } from '../src/stock/reservation.service.js';
import { ledgerMismatches } from '../src/stock/stock.store.js';
import { newSku, receive, startInventory, type Harness } from './harness.js';

const reserveCommand = (items: { sku: string; quantity: number }[], extra: { reservationId?: string; orderId?: string } = {}) => ({
  reservationId: extra.reservationId ?? randomUUID(),
  orderId: extra.orderId ?? randomUUID(),
  items,
});

describe('reservations', async () => {
  let h: Harness;
  before(async () => { h = await startInventory('reservations', { poolSize: 20 }); });
  after(() => h.close());

  test('200 concurrent orders for the last 10 units: exactly 10 get one, stock ends at 0, never below', async () => {
    const sku = newSku('RUSH');
    await h.givenStock(sku, 10);
    const reserveHandler = h.handlers.commandHandlers['inventory.reserve'];
    const commands = Array.from({ length: 200 }, () => reserveCommand([{ sku, quantity: 1 }]));
    const results = await Promise.allSettled(commands.map((c) => h.tx((client) => reserveHandler(client, c))));
    assert.deepEqual(results.filter((r) => r.status === 'rejected'), [], 'no command fails: running out is an answer');

    const item = await h.item(sku);
    assert.deepEqual({ onHand: item.onHand, reserved: item.reserved, available: item.available }, { onHand: 10, reserved: 10, available: 0 });
    const { rows } = await h.pool.query<{ status: string; count: number }>('SELECT status, count(*)::int AS count FROM reservations GROUP BY status ORDER BY status');
    assert.deepEqual(rows, [{ status: 'active', count: 10 }, { status: 'rejected', count: 190 }]);

    const reserved = await h.published('stock.reserved');
    const refused = await h.published('stock.reservation-rejected');
    assert.equal(reserved.length, 10);
    assert.equal(refused.length, 190);
    for (const r of refused) {
      assert.equal(r.payload.reason, 'insufficient_stock');
      assert.deepEqual(r.payload.shortages, [{ sku, requested: 1, available: 0 }]);
    }
    const changes = (await h.published('stock.changed')).filter((e) => e.payload.sku === sku);
    assert.ok(changes.every((e) => (e.payload.available as number) >= 0), 'no announced state was ever below zero');
    assert.deepEqual(await ledgerMismatches(h.pool), [], 'the ledger sums to the snapshot');
    const ledger = await h.pool.query<{ on_hand: number; reserved: number }>(
      'SELECT sum(on_hand_delta)::int AS on_hand, sum(reserved_delta)::int AS reserved FROM stock_movements WHERE sku = $1', [sku]);
    assert.deepEqual(ledger.rows[0], { on_hand: 10, reserved: 10 });
  });

  test('a multi-line reservation is all or nothing', async () => {
    const [a, b, c] = [newSku('ML'), newSku('ML'), newSku('ML')];
    await h.givenStock(a, 5);
    await h.givenStock(b, 2);
    await h.givenStock(c, 9);
    const refused = await h.tx((client) => reserve(client, h.deps, reserveCommand([{ sku: a, quantity: 3 }, { sku: b, quantity: 3 }, { sku: c, quantity: 1 }])));
    assert.equal(refused.kind, 'rejected');
    assert.deepEqual(refused.kind === 'rejected' && refused.shortages, [{ sku: b, requested: 3, available: 2 }]);
    for (const sku of [a, b, c]) assert.equal((await h.item(sku)).reserved, 0, `${sku} holds nothing`);
    const { rows } = await h.pool.query('SELECT 1 FROM stock_movements WHERE sku = ANY($1) AND kind = $2', [[a, b, c], 'reserved']);
    assert.equal(rows.length, 0, 'no reserved movement was written');

    const granted = await h.tx((client) => reserve(client, h.deps, reserveCommand([{ sku: c, quantity: 1 }, { sku: a, quantity: 2 }, { sku: a, quantity: 1 }])));
    assert.equal(granted.kind, 'reserved');
    assert.deepEqual(granted.kind === 'reserved' && granted.items, [{ sku: a, quantity: 3 }, { sku: c, quantity: 1 }], 'one line per SKU');
    assert.equal((await h.item(a)).available, 2);
    assert.equal((await h.item(c)).available, 8);
  });

  test('an unknown SKU rejects the whole reservation as unknown_sku', async () => {
    const known = newSku('UK');
    await h.givenStock(known, 5);
    const outcome = await h.tx((client) => reserve(client, h.deps, reserveCommand([{ sku: known, quantity: 1 }, { sku: 'NO-SUCH-SKU', quantity: 2 }])));
    assert.equal(outcome.kind, 'rejected');
    assert.equal(outcome.kind === 'rejected' && outcome.reason, 'unknown_sku');
    assert.deepEqual(outcome.kind === 'rejected' && outcome.shortages, [{ sku: 'NO-SUCH-SKU', requested: 2, available: 0 }]);
    assert.equal((await h.item(known)).reserved, 0);
  });

  test('opposite line orders from many orders at once do not deadlock', async () => {
    const [a, b] = [newSku('DL'), newSku('DL')];
    await h.givenStock(a, 100);
    await h.givenStock(b, 100);
    const handler = h.handlers.commandHandlers['inventory.reserve'];
    await Promise.all(Array.from({ length: 60 }, (_, i) => h.tx((client) => handler(client, reserveCommand(
      i % 2 ? [{ sku: a, quantity: 1 }, { sku: b, quantity: 1 }] : [{ sku: b, quantity: 1 }, { sku: a, quantity: 1 }],
    )))));
    assert.equal((await h.item(a)).reserved, 60);
    assert.equal((await h.item(b)).reserved, 60);
  });

  test('reserve is idempotent by reservation id, also when the repeats race', async () => {
    const sku = newSku('ID');
    await h.givenStock(sku, 10);
    const command = reserveCommand([{ sku, quantity: 4 }]);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => h.tx((client) => reserve(client, h.deps, command))));
    assert.equal(outcomes.filter((o) => !o.replayed).length, 1, 'one reserve decided, the others replayed it');
    for (const o of outcomes) assert.deepEqual({ ...o, replayed: false }, { kind: 'reserved', reservationId: command.reservationId, orderId: command.orderId, items: [{ sku, quantity: 4 }], replayed: false });
    assert.equal((await h.item(sku)).reserved, 4, 'reserved once');
    const answers = (await h.published('stock.reserved')).filter((e) => e.payload.reservationId === command.reservationId);
    assert.equal(answers.length, 5, 'every repeat is answered the same way');

    const refusedCommand = reserveCommand([{ sku, quantity: 50 }]);
    const first = await h.tx((client) => reserve(client, h.deps, refusedCommand));
    await h.givenStock(sku, 100);
    const again = await h.tx((client) => reserve(client, h.deps, refusedCommand));
    assert.equal(first.kind, 'rejected');
    assert.deepEqual(again, { ...first, replayed: true }, 'a refused reserve stays refused even after restocking');
    assert.equal((await h.item(sku)).reserved, 4);
  });

  test('release gives the stock back once; repeats and unknown ids are harmless no-ops', async () => {
    const sku = newSku('RL');
    await h.givenStock(sku, 6);
    const command = reserveCommand([{ sku, quantity: 5 }]);
    await h.tx((client) => reserve(client, h.deps, command));
    const released = await h.tx((client) => release(client, h.deps, { reservationId: command.reservationId, reason: 'payment_failed' }));
    assert.deepEqual(released, { kind: 'released', reservationId: command.reservationId, orderId: command.orderId, reason: 'payment_failed', replayed: false });
    const releaseHandler = h.handlers.commandHandlers['inventory.release'];
    await h.tx((client) => releaseHandler(client, { reservationId: command.reservationId, reason: 'payment_failed' }));
    const repeat = await h.tx((client) => release(client, h.deps, { reservationId: command.reservationId, reason: 'again' }));
    assert.equal(repeat.kind === 'released' && repeat.replayed, true);
    const item = await h.item(sku);
    assert.deepEqual({ reserved: item.reserved, available: item.available }, { reserved: 0, available: 6 });
    const { rows } = await h.pool.query('SELECT quantity FROM stock_movements WHERE reservation_id = $1 AND kind = $2', [command.reservationId, 'released']);
    assert.deepEqual(rows, [{ quantity: -5 }], 'one released movement');

    const unknown = await h.tx((client) => release(client, h.deps, { reservationId: randomUUID(), reason: 'timeout' }));
    assert.equal(unknown.kind, 'noop');
    assert.deepEqual(await ledgerMismatches(h.pool), []);
  });

  test('a reserve that arrives after its release holds nothing', async () => {
    const sku = newSku('LATE');
    await h.givenStock(sku, 3);
    const command = reserveCommand([{ sku, quantity: 1 }]);
    await h.tx((client) => release(client, h.deps, { reservationId: command.reservationId, reason: 'saga_timeout' }));
    const late = await h.tx((client) => reserve(client, h.deps, command));
    assert.deepEqual(late, { kind: 'released', reservationId: command.reservationId, orderId: command.orderId, reason: 'saga_timeout', replayed: true });
    assert.equal((await h.item(sku)).reserved, 0);
  });

  test('commit ships reserved stock once; commit after release is a typed failure, release after commit too', async () => {
    const sku = newSku('CM');
    await h.givenStock(sku, 8);
    const kept = reserveCommand([{ sku, quantity: 3 }]);
    await h.tx((client) => reserve(client, h.deps, kept));
    const committed = await h.tx((client) => commit(client, h.deps, { reservationId: kept.reservationId }));
    assert.deepEqual(committed, { kind: 'committed', reservationId: kept.reservationId, orderId: kept.orderId, replayed: false });
    const repeat = await h.tx((client) => commit(client, h.deps, { reservationId: kept.reservationId }));
    assert.equal(repeat.kind === 'committed' && repeat.replayed, true);
    let item = await h.item(sku);
    assert.deepEqual({ onHand: item.onHand, reserved: item.reserved, available: item.available }, { onHand: 5, reserved: 0, available: 5 });
    const late = await h.tx((client) => release(client, h.deps, { reservationId: kept.reservationId, reason: 'cancelled' }));
    assert.deepEqual(late, { kind: 'failed', reservationId: kept.reservationId, reason: 'reservation_committed' });

    const dropped = reserveCommand([{ sku, quantity: 2 }]);
    await h.tx((client) => reserve(client, h.deps, dropped));
    await h.tx((client) => release(client, h.deps, { reservationId: dropped.reservationId, reason: 'cancelled' }));
    const refused = await h.tx((client) => commit(client, h.deps, { reservationId: dropped.reservationId }));
    assert.deepEqual(refused, { kind: 'failed', reservationId: dropped.reservationId, reason: 'reservation_released' });
    await h.tx((client) => h.handlers.commandHandlers['inventory.commit'](client, { reservationId: dropped.reservationId }));
    const unknown = await h.tx((client) => commit(client, h.deps, { reservationId: randomUUID() }));
    assert.equal(unknown.kind === 'failed' && unknown.reason, 'unknown_reservation');
    item = await h.item(sku);
    assert.deepEqual({ onHand: item.onHand, reserved: item.reserved }, { onHand: 5, reserved: 0 }, 'the refused commit shipped nothing');
    assert.equal((await h.published('stock.committed')).filter((e) => e.payload.reservationId === dropped.reservationId).length, 0);
    assert.deepEqual(await ledgerMismatches(h.pool), []);
  });

  test('a payload that breaks the contract is refused with the field named, and nothing is reserved', async () => {
    const reservationId = randomUUID();
    const command = createEnvelope('orders', 'inventory.reserve', 1, { reservationId, orderId: randomUUID(), items: [{ sku: 'bad sku', quantity: 0 }] });
    await assert.rejects(receive(h, 'commands', command), (error) => {
      assert.ok(error instanceof MessageValidationError, String(error));
      assert.deepEqual(error.errors.map((e) => e.split(' ')[0]).sort(), ['payload/items/0/quantity', 'payload/items/0/sku']);
      return true;
    });
    const { rows } = await h.pool.query('SELECT 1 FROM reservations WHERE id = $1', [reservationId]);
    assert.deepEqual(rows, [], 'the handler never ran');
  });
});
