import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ledgerMismatches } from '../src/stock/stock.store.js';
import { newSku, startInventory, type Harness } from './harness.js';

describe('the stock ledger', async () => {
  let h: Harness;
  before(async () => { h = await startInventory('ledger'); });
  after(() => h.close());

  test('movements cannot be updated, deleted or truncated, even by the owner of the table', async () => {
    const sku = newSku('AO');
    await h.givenStock(sku, 7);
    const { rows } = await h.pool.query<{ id: number }>('SELECT id FROM stock_movements WHERE sku = $1', [sku]);
    const id = rows[0]!.id;
    await assert.rejects(h.pool.query('UPDATE stock_movements SET quantity = 70 WHERE id = $1', [id]), /append-only: UPDATE/);
    await assert.rejects(h.pool.query('DELETE FROM stock_movements WHERE id = $1', [id]), /append-only: DELETE/);
    await assert.rejects(h.pool.query('TRUNCATE stock_movements CASCADE'), /append-only: TRUNCATE/);
    const still = await h.pool.query('SELECT quantity FROM stock_movements WHERE id = $1', [id]);
    assert.deepEqual(still.rows, [{ quantity: 7 }]);
  });

  test('the database refuses a snapshot below zero or reserving more than is on hand', async () => {
    const sku = newSku('CK');
    await h.givenStock(sku, 2);
    await assert.rejects(h.pool.query('UPDATE stock_items SET on_hand = -1 WHERE sku = $1', [sku]), /check constraint/);
    await assert.rejects(h.pool.query('UPDATE stock_items SET reserved = 3 WHERE sku = $1', [sku]), /stock_items_reserved_within_on_hand/);
  });

  test('the consistency check finds a snapshot that no longer matches its ledger', async () => {
    const sku = newSku('AU');
    await h.givenStock(sku, 4);
    assert.deepEqual(await ledgerMismatches(h.pool), []);
    await h.pool.query('UPDATE stock_items SET on_hand = on_hand + 1 WHERE sku = $1', [sku]);
    assert.deepEqual(await ledgerMismatches(h.pool), [
      { sku, onHand: 5, reserved: 0, ledgerOnHand: 4, ledgerReserved: 0, activeReserved: 0 },
    ]);
    await h.pool.query('UPDATE stock_items SET on_hand = on_hand - 1 WHERE sku = $1', [sku]);
    assert.deepEqual(await ledgerMismatches(h.pool), []);
  });

  test('the ledger records signed quantities from which both balances follow', async () => {
    const sku = newSku('SG');
    await h.givenStock(sku, 10);
    const { rows } = await h.pool.query(
      `SELECT kind, quantity, on_hand_delta, reserved_delta FROM stock_movements WHERE sku = $1 ORDER BY id`, [sku]);
    assert.deepEqual(rows, [{ kind: 'received', quantity: 10, on_hand_delta: 10, reserved_delta: 0 }]);
    await assert.rejects(
      h.pool.query(`INSERT INTO stock_movements (sku, kind, quantity, reservation_id) VALUES ($1, 'released', 3, gen_random_uuid())`, [sku]),
      /stock_movements_sign/,
    );
  });
});
