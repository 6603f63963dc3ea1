// A deleted customer's orders (identity's user.deleted), through orders' real handler and database:
// kept for the books with the recipient's name, address and card digits blanked; a checkout still
// in flight holds the deletion back (transient) until shipping has the address; confirmed with
// user.erased in the same transaction.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { AppError, createEnvelope } from '@bazaar/platform';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { erasureHandlers } from '../src/orders/erasure.handlers.js';
import { checkoutBody, startOrders, type Harness } from './support.js';

let h: Harness;
let lamp: string;

before(async () => {
  h = await startOrders('erasure');
  lamp = h.catalog.add({ sku: 'LAMP-002', priceMinor: 4900 }).id;
});
after(async () => {
  await h?.close();
});

const money = { paymentId: '0195f0a4-1c2b-7d3e-8f40-000000000001', amountMinor: 4900, currency: 'EUR' };
const command = async (orderId: string, type: string) => {
  const found = (await h.sent(orderId)).filter((m) => m.type === type).at(-1);
  assert.ok(found, `orders never sent ${type}`);
  return found.payload;
};

async function place(token: string): Promise<string> {
  const placed = await h.app.inject({ method: 'POST', url: '/orders', payload: checkoutBody([lamp]), headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() } });
  assert.equal(placed.statusCode, 202, placed.body);
  return placed.json().id;
}

/** Drives the order's checkout to confirmed with the replies of payments, inventory and shipping. */
async function confirm(orderId: string): Promise<void> {
  await h.deliver('payment.authorized', { operationId: (await command(orderId, 'payments.authorize')).operationId, orderId, ...money, cardBrand: 'visa', cardLast4: '4242', version: 2 });
  const reserve = await command(orderId, 'inventory.reserve');
  await h.deliver('stock.reserved', { reservationId: reserve.reservationId, orderId, items: reserve.items });
  await h.deliver('shipment.created', {
    shipmentRequestId: (await command(orderId, 'shipping.create-shipment')).shipmentRequestId, orderId, shipmentId: randomUUID(),
    trackingNumber: 'BZ7K3M9QX2PB', carrier: 'bazaar-courier', status: 'created', version: 1,
  });
  await h.deliver('payment.captured', { operationId: (await command(orderId, 'payments.capture')).operationId, orderId, ...money, version: 3 });
}

const deleted = (userId: string) => createEnvelope('identity', 'user.deleted', 1, { userId, deletedAt: new Date().toISOString(), deletedBy: 'user' });
const deliverDeletion = (userId: string) => deliverMessage({ pool: h.pool, contracts, kind: 'events', handlers: erasureHandlers(h.db.publish) }, deleted(userId));
const view = async (orderId: string, token: string) => {
  const response = await h.app.inject({ method: 'GET', url: `/orders/${orderId}`, headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};

describe("a deleted customer's orders", () => {
  test('are kept with their amounts and statuses, the recipient and card digits blanked; other customers keep theirs', async () => {
    const userId = randomUUID();
    const token = await h.token(userId);
    const other = await h.token();
    const orderId = await place(token);
    await confirm(orderId);
    const kept = await place(other);
    const before = await view(orderId, token);
    assert.equal(before.shippingAddress.name, 'Ada Lovelace');
    assert.equal(before.payment.card.last4, '4242');

    await deliverDeletion(userId);
    const admin = await h.token(randomUUID(), ['customer', 'admin']);
    const after = await view(orderId, admin);
    assert.deepEqual(after.shippingAddress, { name: '', line1: '', line2: null, city: '', state: null, postalCode: '', country: 'GB' });
    assert.equal(after.payment.card, null);
    assert.deepEqual([after.number, after.status, after.totalMinor, after.items], [before.number, before.status, before.totalMinor, before.items]);
    assert.ok(!JSON.stringify(after).includes('Lovelace'));
    assert.equal((await view(kept, other)).shippingAddress.name, 'Ada Lovelace');

    const confirmations = (await published(h.pool)).filter((m) => m.type === 'user.erased');
    assert.equal(confirmations.length, 1);
    assert.deepEqual([confirmations[0]!.payload.userId, confirmations[0]!.payload.service], [userId, 'orders']);
  });

  test('a checkout in flight holds the deletion back as transient; once shipping has the address it goes through', async () => {
    const userId = randomUUID();
    const orderId = await place(await h.token(userId));
    await assert.rejects(deliverDeletion(userId), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'unavailable');
      assert.equal(error.options.extensions?.retryable, true);
      return true;
    });
    const { rows } = await h.pool.query('SELECT recipient_name FROM order_shipping WHERE order_id = $1', [orderId]);
    assert.equal(rows[0].recipient_name, 'Ada Lovelace', 'nothing was blanked');
    assert.equal((await published(h.pool)).filter((m) => m.type === 'user.erased' && m.payload.userId === userId).length, 0);

    await confirm(orderId);
    // The command carried the address to shipping before the deletion could blank it.
    assert.equal((await command(orderId, 'shipping.create-shipment') as { recipient: { name: string } }).recipient.name, 'Ada Lovelace');
    await deliverDeletion(userId);
    const after = await h.pool.query('SELECT recipient_name FROM order_shipping WHERE order_id = $1', [orderId]);
    assert.equal(after.rows[0].recipient_name, '');
  });

  test('a customer with no orders is confirmed at once', async () => {
    const userId = randomUUID();
    await deliverDeletion(userId);
    const confirmation = (await published(h.pool)).find((m) => m.type === 'user.erased' && m.payload.userId === userId);
    assert.match(String(confirmation?.payload.summary), /^0 orders/);
  });
});
