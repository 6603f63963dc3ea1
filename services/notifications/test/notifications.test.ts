// What a customer receives, read back from a real SMTP server: events delivered as the consumer
// delivers them (inbox and handler in one transaction), jobs on BullMQ under notifications' own Redis
// user, mail through nodemailer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '@bazaar/platform/testing';
import { messageIdOf } from '../src/notifications/notification.js';
import { confirmed, courier, delivery, newOrder, newUser, ref, updated } from './fixtures.js';
import { historyOf, startNotifications, type Harness } from './support.js';

describe('notifications: events to messages', () => {
  let h: Harness;
  before(async () => { h = await startNotifications('notifications_flow'); });
  after(async () => { await h?.close(); });

  const delivered = (userId: string, count: number) => eventually(async () => {
    const rows = await historyOf(h.pool, userId);
    return rows.length === count && rows.every((r) => r.status === 'delivered' || r.status === 'skipped') ? rows : undefined;
  }, { timeoutMs: 15_000, message: `${count} message(s) delivered` });

  test('a registration is welcomed by exactly one email, whose Message-ID is the notification id', async () => {
    const user = newUser();
    await h.deliver('user.registered', user);
    const [row] = await delivered(user.userId, 1);
    const mail = h.sink.to(user.email);
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.subject, 'Welcome to Bazaar, Ana');
    assert.equal(mail[0]!.messageId, messageIdOf(row!.id));
    assert.deepEqual({ kind: row!.kind, channel: row!.channel, attempts: row!.attempts }, { kind: 'welcome', channel: 'email', attempts: 1 });
    assert.match(row!.provider_id ?? '', /^sink-\d+$/);
  });

  test('a checkout: the receipt lists the items and the total, goes to the address in force, then the cancellation tells the reason and the refund', async () => {
    const user = newUser();
    await h.deliver('user.registered', user);
    const order = newOrder(user.userId);
    await h.deliver('order.placed', order);
    const moved = `moved-${user.email}`;
    await h.deliver('user.updated', updated(user, { email: moved, version: 2 }));
    await h.deliver('order.confirmed', confirmed(order));
    await delivered(user.userId, 2);
    const [receipt] = h.sink.to(moved);
    assert.equal(receipt?.subject, `Your receipt for order ${order.orderNumber}`);
    assert.match(receipt!.text, /2 × LAMP-001 at EUR 24\.99 = EUR 49\.98/);
    assert.match(receipt!.text, /1 × MUG-042 at EUR 11\.49 = EUR 11\.49/);
    assert.match(receipt!.text, /Total: EUR 61\.47/);
    assert.equal(h.sink.to(user.email).length, 1, 'only the welcome went to the old address');

    await h.deliver('order.cancelled', { ...ref(order), reason: 'cancelled by the customer', refundedMinor: 6147, cancelledAt: new Date().toISOString() });
    await delivered(user.userId, 3);
    const cancellation = h.sink.to(moved).find((m) => m.subject === `Order ${order.orderNumber} was cancelled`);
    assert.ok(cancellation, 'a cancellation email');
    assert.match(cancellation.text, /cancelled by the customer/);
    assert.match(cancellation.text, /We refunded EUR 61\.47 to your payment method/);
  });

  test("the parcel's journey: a courier on the way, handed back to another, a missed attempt, the delivery, each addressed through the order's copy", async () => {
    const user = newUser();
    await h.deliver('user.registered', user);
    const order = newOrder(user.userId);
    await h.deliver('order.placed', order);
    const shipment = delivery(order, 2);
    await h.deliver('shipment.dispatched', { ...shipment, courier, dispatchedAt: new Date().toISOString() });
    await h.deliver('shipment.handed_back', { ...shipment, version: 3, courier, reason: 'the courier ended the shift', handedBackAt: new Date().toISOString() });
    await h.deliver('shipment.attempt_failed', { ...shipment, version: 5, courier, reason: 'nobody home', attempt: 1, attemptsLeft: 2, failedAt: new Date().toISOString() });
    await h.deliver('shipment.delivered', { ...shipment, version: 7, courier, deliveredAt: new Date().toISOString() });
    await delivered(user.userId, 5);
    const mail = h.sink.to(user.email);
    assert.deepEqual(mail.map((m) => m.subject).sort(), [
      `Order ${order.orderNumber} was delivered`,
      `Order ${order.orderNumber}: a courier is on the way`,
      `Order ${order.orderNumber}: another courier will bring it`,
      `Order ${order.orderNumber}: we could not deliver it`,
      'Welcome to Bazaar, Ana',
    ].sort());
    const about = (subject: string) => mail.find((m) => m.subject === `Order ${order.orderNumber}: ${subject}`)!.text;
    assert.match(about('a courier is on the way'), /Joost de Vries is bringing order/);
    assert.match(about('another courier will bring it'), /will not bring it after all: the courier ended the shift\. It waits for the next courier/);
    assert.match(about('we could not deliver it'), /nobody home[\s\S]*2 more attempts/);
  });

  test('a stale user.updated (an older version than the copy) is ignored', async () => {
    const user = newUser({ version: 3 });
    await h.deliver('user.registered', user);
    await h.deliver('user.updated', updated(user, { email: `stale-${user.email}`, version: 2 }));
    const order = newOrder(user.userId);
    await h.deliver('order.placed', order);
    await h.deliver('order.confirmed', confirmed(order));
    await delivered(user.userId, 2);
    assert.equal(h.sink.to(`stale-${user.email}`).length, 0);
    assert.equal(h.sink.to(user.email).length, 2);
  });

  test('an opted-out channel is not used: SMS and push (simulators) only, SMS to the phone', async () => {
    const user = newUser({ phone: '+31612345678', notificationPreferences: { email: false, sms: true, push: true } });
    await h.deliver('user.registered', user);
    const rows = await delivered(user.userId, 2);
    assert.deepEqual(rows.map((r) => r.channel).sort(), ['push', 'sms']);
    assert.equal(rows.find((r) => r.channel === 'sms')!.recipient, '+31612345678');
    assert.ok(rows.every((r) => /^sim-(sms|push)-[0-9a-f]{20}$/.test(r.provider_id ?? '')));
    assert.equal(h.sink.to(user.email).length, 0);
  });

  test('SMS needs a phone: a user who allows SMS but has none gets email only', async () => {
    const user = newUser({ notificationPreferences: { email: true, sms: true, push: false } });
    await h.deliver('user.registered', user);
    const rows = await delivered(user.userId, 1);
    assert.deepEqual(rows.map((r) => r.channel), ['email']);
  });

  test('account emails (verification, password reset) go by email whatever the preferences', async () => {
    const user = newUser({ notificationPreferences: { email: false, sms: false, push: false } });
    await h.deliver('user.registered', user);
    const base = { userId: user.userId, email: user.email, firstName: 'Ana', expiresAt: new Date(Date.now() + 3600_000).toISOString(), requestedAt: new Date().toISOString() };
    await h.deliver('user.verification-requested', { ...base, verificationUrl: 'https://bazaar.test/verify-email?token=abc123' });
    await h.deliver('user.password-reset-requested', { ...base, resetUrl: 'https://bazaar.test/reset-password?token=def456' });
    await delivered(user.userId, 2);
    const mail = h.sink.to(user.email);
    assert.deepEqual(mail.map((m) => m.subject).sort(), ['Confirm your email address', 'Reset your Bazaar password']);
    assert.match(mail.find((m) => m.subject.startsWith('Confirm'))!.text, /https:\/\/bazaar\.test\/verify-email\?token=abc123/);
  });

  test('the same event delivered three times makes one message', async () => {
    const user = newUser();
    const first = await h.deliver('user.registered', user);
    const again = await h.deliver('user.registered', user, first.body as Record<string, unknown>);
    const third = await h.deliver('user.registered', user, first.body as Record<string, unknown>);
    assert.deepEqual([first.duplicate, again.duplicate, third.duplicate], [false, true, true]);
    const [row] = await delivered(user.userId, 1);
    assert.equal(row!.job_id, `${first.envelope.id}-email`);
    assert.equal(h.sink.to(user.email).length, 1);
  });

  test('an event about a user notifications has never heard of is recorded as skipped, not guessed at', async () => {
    const order = newOrder(newUser().userId);
    await h.deliver('order.confirmed', confirmed(order));
    const [row] = await historyOf(h.pool, order.userId);
    assert.equal(row?.status, 'skipped');
    assert.match(row!.last_error ?? '', /no contact details/);
  });
});
