// Notifications end to end: every service its own process, notifications on a Redis server of its
// own (another port, nothing on disk, its ACL user from the server's configuration), mail through a
// real SMTP server (the kit's sink) and read back from it.
//
// The first test is a customer's mail as they would live it, every call through the gateway: the
// welcome and the verification link on sign-up (the link verifies the address, once), an address
// change that the next receipt follows, a receipt and the delivery's messages, SMS while it is
// allowed and not after it is turned off, a password reset by mailed link that ends every session.
//
// The second puts the delivery under faults: the SMTP server refusing for a while (retried with
// backoff, then delivered), refusing for longer than every attempt (recorded failed, then retried by
// an operator), notifications SIGKILLed while it is sending, its Redis server restarted with jobs
// waiting (everything in it lost), and identity's events delivered three times. Afterwards every
// event has exactly one message per address in the sink, counted by Message-ID, none missing.
import { randomBytes } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { eventually, startSmtpSink, type SinkMessage, type SmtpSink } from '@bazaar/platform/testing';
import { databaseUrlOf, startTestSystem, type TestSystem } from '../src/testing/system.js';
import { requestJson, type JsonAnswer, type JsonRequestOptions } from '../src/testing/http.js';
import { Shop, type ShopCourier } from '../src/testing/shop.js';
import { RedisServer } from '../src/testing/redis-server.js';
import { redisAclRules } from '../src/provision.js';

const run = randomBytes(4).toString('hex');
const adminEmail = `ops-${run}@bazaar.test`;
const password = 'Notify-Me-2026!';
const SETTLE_MS = 60_000;
const CITY = { latitude: 52.3676, longitude: 4.9041 };
const ADDRESS = { name: 'Grace Hopper', line1: '7 Keizersgracht', city: 'Amsterdam', postalCode: '1015 CJ', country: 'NL' };
/** BullMQ's attempts and first backoff in this run: three tries over 0.3 + 0.6 s. */
const ATTEMPTS = 3;
const BACKOFF_MS = 300;
const say = (line: string) => console.log(`[notifications] ${line}`);

let system: TestSystem;
let sink: SmtpSink;
let redis: RedisServer;
let shop: Shop;
let admin: string;
let notificationsDb: pg.Pool;
let identityDb: pg.Pool;

const call = (method: string, path: string, options: JsonRequestOptions = {}): Promise<JsonAnswer> => shop.call('gateway', method, path, options);
const ok = (answer: JsonAnswer, status: number, what: string) => {
  assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
  return answer.body;
};
const settle = <T>(what: string, probe: () => Promise<T | undefined | false>) => eventually(probe, { timeoutMs: SETTLE_MS, intervalMs: 150, message: what });

/** Distinct messages (by Message-ID) the sink holds for an address, by subject. */
function inbox(address: string): Map<string, SinkMessage[]> {
  const byId = new Map<string, SinkMessage>();
  for (const message of sink.to(address)) byId.set(message.messageId, message);
  const bySubject = new Map<string, SinkMessage[]>();
  for (const message of byId.values()) bySubject.set(message.subject, [...(bySubject.get(message.subject) ?? []), message]);
  return bySubject;
}
const subjectsOf = (address: string) => [...inbox(address).entries()].flatMap(([subject, list]) => list.map(() => subject)).sort();
const linkToken = (message: SinkMessage) => {
  const token = /[?&]token=([A-Za-z0-9_-]+)/.exec(message.text)?.[1];
  assert.ok(token, `no link with a token in: ${message.text}`);
  return token;
};
const mailTo = (address: string, subject: RegExp) => settle(`no "${subject.source}" mail to ${address} (it has: ${subjectsOf(address).join(' | ')})`, async () =>
  [...inbox(address).entries()].find(([s]) => subject.test(s))?.[1][0]);

/** What notifications' history says of a user's messages, by status. */
async function historyOf(userId: string): Promise<{ channel: string; kind: string; status: string; orderId: string | null }[]> {
  const { rows } = await notificationsDb.query('SELECT channel, kind, status, order_id_ref FROM notifications WHERE user_id_ref = $1 ORDER BY created_at', [userId]);
  return rows.map((r) => ({ channel: r.channel as string, kind: r.kind as string, status: r.status as string, orderId: r.order_id_ref as string | null }));
}
/** Waits until nothing of the user's is still to send; the history then. */
const settledHistory = (userId: string) => settle(`messages of ${userId} still being sent`, async () => {
  const history = await historyOf(userId);
  return history.length > 0 && history.every((m) => m.status !== 'queued' && m.status !== 'sending') ? history : undefined;
});

async function signUp(email: string, name: string): Promise<{ id: string; token: string }> {
  const body = ok(await call('POST', '/auth/register', { body: { email, password, name } }), 201, 'sign-up');
  return { id: body.user.id as string, token: body.token as string };
}

before(async () => {
  sink = await startSmtpSink({ httpPort: null });
  const redisUser = { name: 'notifications', password: randomBytes(12).toString('hex'), rules: redisAclRules('notifications') };
  redis = await RedisServer.start([redisUser]);
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'notifications', 'gateway'],
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600', IDENTITY_PUBLIC_URL: 'http://shop.bazaar.test' },
      shipping: { SHIPPING_DISPATCH_INTERVAL_MS: '200' },
      notifications: {
        NOTIFICATIONS_SMTP_URL: sink.url,
        // A second Redis server: notifications' queue lives there, with the same ACL rules.
        NOTIFICATIONS_REDIS_URL: redis.url(redisUser.name),
        NOTIFICATIONS_JOB_ATTEMPTS: String(ATTEMPTS),
        NOTIFICATIONS_JOB_BACKOFF_MS: String(BACKOFF_MS),
        NOTIFICATIONS_DISPATCH_INTERVAL_MS: '200',
        NOTIFICATIONS_REQUEUE_AFTER_MS: '2000',
        NOTIFICATIONS_REQUEUE_INTERVAL_MS: '500',
        // A job whose worker was killed is taken up again once its lock runs out.
        NOTIFICATIONS_LOCK_DURATION_MS: '2000',
      },
    },
  });
  shop = Shop.throughGateway(system);
  notificationsDb = new pg.Pool({ connectionString: databaseUrlOf(system, 'notifications'), max: 2 });
  identityDb = new pg.Pool({ connectionString: databaseUrlOf(system, 'identity'), max: 2 });
  admin = await shop.register(adminEmail, password, 'Mail Ops');
}, { timeout: 240_000 });

after(async () => {
  await notificationsDb?.end();
  await identityDb?.end();
  await system?.stop();
  await redis?.stop();
  await sink?.close();
});

test("a customer's mail: welcome and a verification link, receipts to the address in force, the delivery, SMS until turned off, a password reset", { timeout: 180_000 }, async () => {
  const first = `grace-${run}@bazaar.test`;
  const user = await signUp(first, 'Grace Hopper');

  // Sign-up: a welcome and a link that verifies the address once.
  await mailTo(first, /^Welcome to Bazaar/);
  const verification = await mailTo(first, /^Confirm your email address$/);
  const verified = ok(await call('POST', '/auth/verify-email', { body: { token: linkToken(verification) } }), 200, 'verify');
  assert.deepEqual([verified.email, verified.emailVerified], [first, true]);
  assert.equal((await call('POST', '/auth/verify-email', { body: { token: linkToken(verification) } })).status, 400, 'a link works once');

  // A new address and a phone, SMS allowed: the receipt follows the address in force, by both channels.
  const second = `grace.hopper-${run}@bazaar.test`;
  ok(await call('PATCH', '/users/me', { token: user.token, body: { email: second, phone: '+31612345678' } }), 200, 'new address');
  ok(await call('PUT', '/users/me/notification-preferences', { token: user.token, body: { email: true, sms: true, push: false } }), 200, 'allow SMS');
  await mailTo(second, /^Confirm your email address$/);

  const category = ok(await call('POST', '/categories', { token: admin, body: { slug: `mail-${run}`, name: 'Mail' } }), 201, 'category').id as string;
  const product = await shop.createProduct(admin, { categoryId: category, sku: `MAIL-${run.toUpperCase()}`, priceMinor: 1999, stock: 10, name: 'Lamp of many letters' });
  const card = await shop.saveCard(user.token, '4242 4242 4242 4242');
  const courier: ShopCourier = await shop.newCourier(admin, { email: `courier-${run}@bazaar.test`, password, name: 'Ana' });
  const placed = await shop.placeOrder(user.token, { items: [{ productId: product.id, quantity: 2 }], paymentMethodId: card, shippingAddress: ADDRESS });
  const orderId = placed.body.id as string;
  const orderNumber = placed.body.number as string;
  const receipt = await mailTo(second, new RegExp(`^Your receipt for order ${orderNumber}$`));
  assert.match(receipt.text, new RegExp(`MAIL-${run.toUpperCase()}`), 'the receipt lists the items');
  assert.match(receipt.text, /39[.,]98/, 'and the total (2 × 19.99)');
  assert.equal(inbox(first).has(receipt.subject), false, 'nothing to the old address');

  // The courier delivers it: on the way, then delivered.
  await shop.startShift(courier, CITY);
  const shipment = await settle('never dispatched', async () => {
    const s = (await call('GET', `/couriers/me/shipments`, { token: courier.token })).body.items?.[0] as { id: string } | undefined;
    return s;
  });
  ok(await call('POST', `/couriers/me/shipments/${shipment.id}/pickup`, { token: courier.token }), 200, 'pickup');
  ok(await call('POST', `/couriers/me/shipments/${shipment.id}/delivered`, { token: courier.token }), 200, 'delivered');
  await mailTo(second, new RegExp(`^Order ${orderNumber}: a courier is on the way$`));
  await mailTo(second, new RegExp(`^Order ${orderNumber} was delivered$`));
  ok(await call('PUT', '/couriers/me/shift', { token: courier.token, body: { onShift: false } }), 200, 'the courier goes home');

  // SMS turned off: the next order's receipt goes by email only.
  ok(await call('PUT', '/users/me/notification-preferences', { token: user.token, body: { email: true, sms: false, push: false } }), 200, 'no more SMS');
  const again = await shop.placeOrder(user.token, { items: [{ productId: product.id, quantity: 1 }], paymentMethodId: card, shippingAddress: ADDRESS });
  await mailTo(second, new RegExp(`^Your receipt for order ${again.body.number as string}$`));

  const history = await settledHistory(user.id);
  const receipts = (id: string) => history.filter((m) => m.kind === 'receipt' && m.orderId === id).map((m) => `${m.channel}:${m.status}`).sort();
  assert.deepEqual(receipts(orderId), ['email:delivered', 'sms:delivered'], 'first order: email and SMS');
  assert.deepEqual(receipts(again.body.id as string), ['email:delivered'], 'second order: SMS turned off, not used');
  assert.ok(!history.some((m) => m.channel === 'push'), 'push never allowed, never used');

  // A password reset: the same answer for an unknown address, a link to the known one only.
  const known = ok(await call('POST', '/auth/password-reset', { body: { email: second } }), 202, 'reset');
  const unknown = ok(await call('POST', '/auth/password-reset', { body: { email: `nobody-${run}@bazaar.test` } }), 202, 'reset of an unknown address');
  assert.deepEqual(unknown, known);
  const reset = await mailTo(second, /^Reset your Bazaar password$/);
  ok(await call('POST', '/auth/password-reset/confirm', { body: { token: linkToken(reset), password: 'A-Brand-New-Secret-42' } }), 204, 'new password');
  // The gateway hears of revoked sessions within its refresh interval; identity itself refuses at once.
  assert.equal((await requestJson(`${system.url('identity')}/users/me`, 'GET', { token: user.token })).status, 401, 'the old session ended');
  assert.equal((await call('POST', '/auth/password-reset/confirm', { body: { token: linkToken(reset), password: 'Another-Secret-43' } })).status, 400, 'a reset link works once');

  // Exactly the expected mail, once each, by Message-ID.
  await settledHistory(user.id);
  assert.deepEqual(subjectsOf(first), ['Confirm your email address', 'Welcome to Bazaar, Grace'].sort());
  assert.deepEqual(subjectsOf(second), [
    'Confirm your email address', `Your receipt for order ${orderNumber}`, `Order ${orderNumber}: a courier is on the way`, `Order ${orderNumber} was delivered`,
    `Your receipt for order ${again.body.number as string}`, 'Reset your Bazaar password',
  ].sort());
  assert.equal(sink.to(`nobody-${run}@bazaar.test`).length, 0);
  const signedIn = ok(await call('POST', '/auth/login', { body: { email: second, password: 'A-Brand-New-Secret-42' } }), 200, 'sign-in');
  const mine = ok(await call('GET', '/notifications?limit=100', { token: signedIn.token as string }), 200, 'my messages');
  assert.equal((mine.items as unknown[]).length, (await historyOf(user.id)).length, 'the user sees their whole history');
});

test('faults: SMTP refusing, attempts exhausted then retried by an operator, the worker killed mid-batch, Redis restarted, events delivered three times; every message exactly once', { timeout: 300_000 }, async () => {
  const people: { email: string; id: string }[] = [];
  const signUps = async (n: number, tag: string) => {
    for (let i = 0; i < n; i++) {
      const email = `faults-${tag}-${i}-${run}@bazaar.test`;
      people.push({ email, id: (await signUp(email, `Fault ${tag}${i}`)).id });
    }
  };
  const pending = async () => (await notificationsDb.query<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE status IN ('queued', 'sending')")).rows[0]!.n;
  const statusCounts = async () => Object.fromEntries((await notificationsDb.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM notifications GROUP BY status')).rows.map((r) => [r.status, r.n]));

  // 1. The server refuses a few messages, fewer than the attempts: retried with backoff, then delivered.
  const refusedAtStart = sink.refused;
  sink.refuse({ count: 3 });
  await signUps(4, 'a');
  await settle('the first batch never arrived', async () => people.every((p) => subjectsOf(p.email).length === 2) && (await pending()) === 0);
  say(`the first batch arrived after ${sink.refused - refusedAtStart} refusals: ${JSON.stringify(await statusCounts())}`);
  assert.equal(sink.refused - refusedAtStart, 3);

  // 2. Refusing for longer than every attempt: recorded failed, then retried by an operator.
  sink.refuse();
  await signUps(3, 'b');
  const failed = await settle('never recorded failed', async () => {
    const page = (await call('GET', '/notifications/failed?limit=100', { token: admin })).body;
    return (page.items as unknown[] | undefined)?.length === 6 ? page : undefined;
  });
  say(`refusing for good: ${(failed.items as unknown[]).length} messages recorded failed after ${ATTEMPTS} attempts each; ${sink.refused} refusals in all`);
  sink.accept();
  const retried = ok(await call('POST', '/notifications/failed/retry', { token: admin }), 202, 'retry every failed message');
  assert.equal(retried.retried, 6);

  // 3. A batch in flight when notifications is SIGKILLed, then its Redis restarted with jobs waiting.
  sink.refuse({ forMs: 1_500 }); // keeps jobs retrying (waiting and delayed) while the faults strike
  await signUps(6, 'c');
  await settle('nothing in flight to kill', async () => (await pending()) > 0);
  await system.services.notifications!.kill();
  say(`SIGKILL notifications with ${await pending()} messages to send`);
  await system.restart('notifications');
  await redis.restart();
  say(`Redis restarted (its keys gone) with ${await pending()} messages to send`);

  // 4. identity's events for this batch published again, twice, under the same ids.
  for (let i = 0; i < 2; i++) {
    const { rowCount } = await identityDb.query(
      "UPDATE outbox SET sent_at = NULL, next_attempt_at = now() WHERE sent_at IS NOT NULL AND envelope -> 'payload' ->> 'email' LIKE $1",
      [`faults-c-%-${run}@bazaar.test`],
    );
    say(`identity's outbox: ${rowCount} events of the last batch marked unsent (delivery ${i + 2})`);
    await settle('the outbox never sent them again', async () => (await identityDb.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')).rows[0]!.n === 0);
  }

  // Every message of every event delivered, once per address by Message-ID, none missing.
  await settle(`messages never sent: ${JSON.stringify(await statusCounts())}`, async () => (await pending()) === 0 && (await statusCounts()).failed === undefined);
  const missing: string[] = [];
  const doubled: string[] = [];
  for (const person of people) {
    const subjects = subjectsOf(person.email);
    const expected = ['Confirm your email address', `Welcome to Bazaar, Fault`].sort();
    if (subjects.length !== 2 || !subjects.some((s) => s.startsWith('Welcome to Bazaar')) || !subjects.includes('Confirm your email address')) missing.push(`${person.email}: ${subjects.join(' | ') || 'nothing'} (expected ${expected.join(' | ')})`);
    const rows = await historyOf(person.id);
    if (rows.length !== 2 || rows.some((r) => r.status !== 'delivered')) doubled.push(`${person.email}: history ${JSON.stringify(rows)}`);
  }
  const copies = sink.messages.filter((m) => people.some((p) => m.to.includes(p.email))).length;
  say(`${people.length} sign-ups, ${people.length * 2} messages expected; ${copies} SMTP deliveries received (a resend after a kill keeps its Message-ID), ${sink.refused} refusals; history ${JSON.stringify(await statusCounts())}`);
  assert.deepEqual(missing, [], 'each address has its welcome and its verification, once each by Message-ID');
  assert.deepEqual(doubled, [], 'each event made exactly one message per channel, delivered');
});
