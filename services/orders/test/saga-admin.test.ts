// The operators' view of the checkout sagas (GET /admin/sagas, GET /admin/sagas/:orderId), over sagas
// placed and driven through orders' own routes and replies: open, stuck, settled, paged.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkoutBody, settings, startOrders, type Harness } from './support.js';

let h: Harness;
let admin: { authorization: string };
const placed: Record<'declined' | 'overdue1' | 'overdue2' | 'waiting', { id: string; number: string }> = {} as never;

interface Page { items: { orderId: string; number: string; state: string; step: string | null; stuck: boolean; attempt: number }[]; nextCursor: string | null }

async function place(): Promise<{ id: string; number: string }> {
  const response = await h.app.inject({
    method: 'POST', url: '/orders', payload: checkoutBody([h.catalog.add().id]),
    headers: { authorization: `Bearer ${await h.token()}`, 'idempotency-key': randomUUID() },
  });
  assert.equal(response.statusCode, 202, response.body);
  return response.json();
}

const list = async (query: string) => {
  const response = await h.app.inject({ method: 'GET', url: `/admin/sagas${query}`, headers: admin });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<Page>();
};
const ids = (page: Page) => page.items.map((s) => s.orderId);

before(async () => {
  h = await startOrders('saga_admin');
  admin = { authorization: `Bearer ${await h.token(randomUUID(), ['admin'])}` };
  // In the order placed: one declined by payments and refused by inventory (settled), two left waiting past their deadline
  // (the deadline job not run: stuck), and one placed after that, still within its deadline.
  placed.declined = await place();
  const authorize = (await h.sent(placed.declined.id)).find((m) => m.type === 'payments.authorize')!;
  await h.deliver('payment.declined', {
    operationId: authorize.payload.operationId, orderId: placed.declined.id, paymentId: randomUUID(), reason: 'card_declined', amountMinor: 4900, currency: 'EUR', version: 2,
  });
  // The reservation went out with the authorization: the saga ends once it is answered too.
  const reserve = (await h.sent(placed.declined.id)).find((m) => m.type === 'inventory.reserve')!;
  await h.deliver('stock.reservation-rejected', {
    reservationId: reserve.payload.reservationId, orderId: placed.declined.id, reason: 'insufficient_stock', shortages: [{ sku: 'LAMP-001', requested: 1, available: 0 }],
  });
  placed.overdue1 = await place();
  placed.overdue2 = await place();
  h.clock.now = new Date(h.clock.now.getTime() + settings.stepTimeoutMs + 1);
  placed.waiting = await place();
});
after(() => h.close());

test('open lists the sagas waiting on a step, stuck those past its deadline, all every saga; newest first', async () => {
  const { declined, overdue1, overdue2, waiting } = placed;
  const open = await list('');
  assert.deepEqual(ids(open), [waiting.id, overdue2.id, overdue1.id], 'open is the default');
  assert.deepEqual(open.items.map((s) => s.stuck), [false, true, true]);
  assert.deepEqual(ids(await list('?state=stuck')), [overdue2.id, overdue1.id]);
  const all = await list('?state=all');
  assert.deepEqual(ids(all), [waiting.id, overdue2.id, overdue1.id, declined.id]);
  const rejected = all.items.at(-1)!;
  assert.deepEqual([rejected.state, rejected.step, rejected.stuck, rejected.number], ['rejected', null, false, declined.number]);
  assert.deepEqual([all.items[0]!.state, all.items[0]!.step], ['authorizing', 'authorize-payment']);
});

test('pages follow nextCursor to the end, each saga once', async () => {
  const first = await list('?state=all&limit=3');
  assert.equal(first.items.length, 3);
  assert.ok(first.nextCursor);
  const second = await list(`?state=all&limit=3&after=${first.nextCursor}`);
  assert.deepEqual(ids(second), [placed.declined.id]);
  assert.equal(second.nextCursor, null);
  // The same cursor with another filter continues that listing after the same saga.
  const stuck = await list(`?state=stuck&limit=1`);
  assert.deepEqual(ids(await list(`?state=stuck&limit=1&after=${stuck.nextCursor}`)), [placed.overdue1.id]);
});

test('a forged or foreign cursor is a 400 naming after, never a 5xx', async () => {
  const cursors = [
    'garbage',
    Buffer.from(JSON.stringify(['orders', placed.waiting.id])).toString('base64url'), // GET /orders' cursor
    Buffer.from(JSON.stringify(['sagas', 'not-a-uuid'])).toString('base64url'),
    Buffer.from(JSON.stringify(['sagas', placed.waiting.id.toUpperCase()])).toString('base64url'),
    Buffer.from('{"sagas":1}').toString('base64url'),
    '!!!',
  ];
  for (const cursor of cursors) {
    const response = await h.app.inject({ method: 'GET', url: `/admin/sagas?after=${encodeURIComponent(cursor)}`, headers: admin });
    assert.equal(response.statusCode, 400, `${cursor}: ${response.body}`);
    assert.match(response.body, /after/);
  }
  for (const query of ['?state=late', '?limit=0', '?limit=101', '?unknown=1']) {
    assert.equal((await h.app.inject({ method: 'GET', url: `/admin/sagas${query}`, headers: admin })).statusCode, 400, query);
  }
});

test('one saga: its state and its step log; an unknown order is a 404', async () => {
  const response = await h.app.inject({ method: 'GET', url: `/admin/sagas/${placed.declined.id}`, headers: admin });
  assert.equal(response.statusCode, 200, response.body);
  const saga = response.json<{ state: string; payment: string; reason: string | null; finishedAt: string | null; steps: { seq: number; step: string; kind: string; status: string }[] }>();
  assert.equal(saga.state, 'rejected');
  assert.equal(saga.payment, 'declined');
  assert.ok(saga.finishedAt);
  assert.deepEqual(saga.steps.map((s) => s.seq), saga.steps.map((_, i) => i + 1));
  assert.deepEqual(saga.steps.map((s) => [s.step, s.kind, s.status]), [
    ['authorize-payment', 'action', 'started'], ['reserve-stock', 'action', 'started'], ['authorize-payment', 'action', 'failed'],
    ['reserve-stock', 'action', 'failed'], ['reject-order', 'action', 'succeeded'],
  ]);

  const stuck = (await h.app.inject({ method: 'GET', url: `/admin/sagas/${placed.overdue1.id}`, headers: admin })).json<{ stuck: boolean; deadlineAt: string }>();
  assert.equal(stuck.stuck, true);
  assert.ok(new Date(stuck.deadlineAt) < h.clock.now);

  const unknown = await h.app.inject({ method: 'GET', url: `/admin/sagas/${randomUUID()}`, headers: admin });
  assert.equal(unknown.statusCode, 404);
  assert.match(String(unknown.headers['content-type']), /application\/problem\+json/);
});

test('only admins: 401 without a token, 403 for a customer', async () => {
  for (const url of ['/admin/sagas', `/admin/sagas/${placed.waiting.id}`]) {
    assert.equal((await h.app.inject({ method: 'GET', url })).statusCode, 401, url);
    assert.equal((await h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${await h.token()}` } })).statusCode, 403, url);
  }
});
