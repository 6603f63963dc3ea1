import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { contracts } from '@bazaar/contracts';
import { AppError, createEnvelope, MessageValidationError, withTransaction } from '@bazaar/platform';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { createCommandHandlers } from '../src/events.js';
import { setStatus } from '../src/shipments/shipment.store.js';
import { TRACKING_NUMBER } from '../src/shipments/tracking-number.js';
import { createCommand, settings, shipmentsOf, shippingWith } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

describe('shipping.create-shipment and shipping.cancel-shipment', () => {
  let db: TestDb;
  before(async () => { db = await setUpDatabase('shipping_commands'); });
  after(() => db.close());

  const last = async (orderId: string) => (await published(db.pool, orderId)).at(-1)!;

  test('creates a shipment with a tracking number, the address snapshot and the items', async () => {
    const shipping = shippingWith(db);
    const command = createCommand({ items: [{ sku: 'BZR-0001', quantity: 2 }, { sku: 'BZR-0001', quantity: 1 }] }, { country: 'nl', line2: 'Floor 3' });
    await shipping.create(command);
    const reply = await last(command.orderId);
    assert.equal(reply.type, 'shipment.created');
    assert.match(reply.payload.trackingNumber as string, TRACKING_NUMBER);
    assert.equal(reply.payload.carrier, 'bazaar-courier');
    const [row] = await shipmentsOf(db.pool, command.orderId);
    assert.deepEqual(
      [row?.id, row?.status, row?.country, row?.line2, row?.postal_code, row?.user_id_ref],
      [reply.payload.shipmentId, 'created', 'NL', 'Floor 3', '1012 AB', command.userId],
    );
    const { rows: items } = await db.pool.query('SELECT sku, quantity FROM shipment_items WHERE shipment_id = $1', [row?.id]);
    assert.deepEqual(items, [{ sku: 'BZR-0001', quantity: 3 }]);
  });

  test('is idempotent: the same order twice makes one shipment with one tracking number', async () => {
    const shipping = shippingWith(db);
    const command = createCommand();
    await shipping.create(command);
    await shipping.create(command);
    await shipping.create({ ...command, shipmentRequestId: randomUUID() });
    assert.equal((await shipmentsOf(db.pool, command.orderId)).length, 1);
    const replies = await published(db.pool, command.orderId);
    assert.deepEqual(replies.map((r) => r.type), ['shipment.created', 'shipment.created', 'shipment.created']);
    assert.equal(new Set(replies.map((r) => r.payload.trackingNumber)).size, 1);
    assert.deepEqual(replies[0]!.payload, replies[1]!.payload);
  });

  test('a request id reused for another order breaks the contract', async () => {
    const shipping = shippingWith(db);
    const command = createCommand();
    await shipping.create(command);
    await assert.rejects(shipping.create({ ...command, orderId: randomUUID() }), (e: unknown) => e instanceof AppError && e.code === 'invalid_data');
  });

  test('tracking numbers are unique across 1,000 shipments', async () => {
    const shipping = shippingWith(db);
    for (let batch = 0; batch < 100; batch++) {
      await Promise.all(Array.from({ length: 10 }, () => shipping.create(createCommand({ userId: '00000000-0000-4000-8000-000000001000' }))));
    }
    const { rows } = await db.pool.query<{ n: number; distinct: number; malformed: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT tracking_number)::int AS distinct,
              count(*) FILTER (WHERE tracking_number !~ '^BZ[2-9A-HJKMNP-TV-Z]{10}$')::int AS malformed
         FROM shipments WHERE user_id_ref = '00000000-0000-4000-8000-000000001000'`,
    );
    assert.deepEqual(rows[0], { n: 1000, distinct: 1000, malformed: 0 });
  });

  test('a tracking number already taken is drawn again', async () => {
    const draws = ['BZ2222222222', 'BZ2222222222', 'BZ3333333333'];
    const shipping = shippingWith(db, () => draws.shift()!);
    const first = createCommand();
    const second = createCommand();
    await shipping.create(first);
    await shipping.create(second);
    assert.equal((await last(first.orderId)).payload.trackingNumber, 'BZ2222222222');
    assert.equal((await last(second.orderId)).payload.trackingNumber, 'BZ3333333333');
  });

  const failing: [string, Parameters<typeof createCommand>[1], string][] = [
    ['country XX (test fixture)', { country: 'XX' }, 'unsupported_country'],
    ['postal code 00000 (test fixture)', { postalCode: '00000' }, 'undeliverable_address'],
    ['a country not shipped to', { country: 'BR' }, 'unsupported_country'],
    ['a country that is not a code', { country: 'Netherlands' }, 'invalid_address'],
    ['a blank street', { line1: '  ' }, 'invalid_address'],
  ];
  for (const [what, recipient, reason] of failing) {
    test(`${what}: shipment.failed (${reason}), the same every time, nothing stored`, async () => {
      const shipping = shippingWith(db);
      const command = createCommand({}, recipient);
      await shipping.create(command);
      await shipping.create(command);
      const replies = await published(db.pool, command.orderId);
      assert.deepEqual(replies.map((r) => [r.type, r.payload.reason]), [['shipment.failed', reason], ['shipment.failed', reason]]);
      assert.deepEqual(await shipmentsOf(db.pool, command.orderId), []);
    });
  }

  test('cancel is idempotent: cancelled once, then a no-op success', async () => {
    const shipping = shippingWith(db);
    const command = createCommand();
    await shipping.create(command);
    await shipping.cancel(command.orderId);
    await shipping.cancel(command.orderId);
    const replies = (await published(db.pool, command.orderId)).slice(1);
    assert.deepEqual(replies.map((r) => [r.type, r.payload.effect, r.payload.version]), [
      ['shipment.cancelled', 'cancelled', 2],
      ['shipment.cancelled', 'nothing_to_cancel', 2],
    ]);
    const [row] = await shipmentsOf(db.pool, command.orderId);
    assert.deepEqual([row?.status, row?.status_reason], ['cancelled', 'order cancelled']);
    await shipping.create(command);
    assert.deepEqual([(await last(command.orderId)).type, (await last(command.orderId)).payload.reason], ['shipment.failed', 'order_cancelled']);
  });

  test('cancel of an order without a shipment succeeds, and a late create for it fails', async () => {
    const shipping = shippingWith(db);
    const command = createCommand();
    await shipping.cancel(command.orderId);
    await shipping.cancel(command.orderId);
    await shipping.create(command);
    const replies = await published(db.pool, command.orderId);
    assert.deepEqual(replies.map((r) => [r.type, r.payload.shipmentId ?? null, r.payload.effect ?? r.payload.reason]), [
      ['shipment.cancelled', null, 'nothing_to_cancel'],
      ['shipment.cancelled', null, 'nothing_to_cancel'],
      ['shipment.failed', null, 'order_cancelled'],
    ]);
    assert.deepEqual(await shipmentsOf(db.pool, command.orderId), []);
  });

  test('cancel after dispatch is refused with a typed reply', async () => {
    const shipping = shippingWith(db);
    const command = createCommand();
    await shipping.create(command);
    const [row] = await shipmentsOf(db.pool, command.orderId);
    await withTransaction(db.pool, (client) => setStatus(client, row!.id as string, 'dispatched', null));
    await shipping.cancel(command.orderId);
    const reply = await last(command.orderId);
    assert.deepEqual([reply.type, reply.payload.reason, reply.payload.status], ['shipment.cancel-refused', 'already_dispatched', 'dispatched']);
    assert.equal((await shipmentsOf(db.pool, command.orderId))[0]?.status, 'dispatched');
  });

  test('a payload that breaks the contract is refused on receipt, naming the fields, and records nothing', async () => {
    // The consumer checks each command against its contract before any handler runs, and parks one
    // that breaks it: delivered as the consumer delivers it.
    const handlers = createCommandHandlers({ settings, publish: db.publish });
    const deliver = (type: string, payload: unknown) =>
      deliverMessage({ pool: db.pool, contracts, kind: 'commands', handlers }, createEnvelope('orders', type, 1, payload));
    const shipments = async () => (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM shipments')).rows[0]!.n;
    const before = await shipments();
    const command = { ...createCommand(), orderId: 'nope', items: [] };
    await assert.rejects(deliver('shipping.create-shipment', command), (error: unknown) => {
      assert.ok(error instanceof MessageValidationError);
      assert.deepEqual(error.errors.map((e) => e.split(' ')[0]).sort(), ['payload/items', 'payload/orderId']);
      return true;
    });
    const orderId = randomUUID();
    await assert.rejects(deliver('shipping.cancel-shipment', { orderId, reason: '' }), MessageValidationError);
    assert.deepEqual(await published(db.pool, orderId), []);
    assert.equal(await shipments(), before);
  });
});
