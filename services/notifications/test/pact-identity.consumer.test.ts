// What notifications relies on in identity's events, recorded as a message pact (notifications ←
// identity): the contact details and preferences of user.registered and user.updated, with the
// version that keeps the copy's newest, and the links of user.verification-requested and
// user.password-reset-requested. Each example is delivered as notifications' consumer delivers it,
// and what it recorded (the copy, the message) is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { consumerPact, messageEnvelope, MatchersV3, timestamp, uuid } from '@bazaar/contract-testing';
import { startPactConsumer } from './pact-support.js';

const { boolean, integer, regex, string } = MatchersV3;

const ANA = '0195f0a4-1c2b-7d3e-8f40-0000000007a1';
const BEN = '0195f0a4-1c2b-7d3e-8f40-0000000007a2';
const CAROL = '0195f0a4-1c2b-7d3e-8f40-0000000007a3';
const DAN = '0195f0a4-1c2b-7d3e-8f40-0000000007a4';
const ERIN = '0195f0a4-1c2b-7d3e-8f40-0000000007a5';
const FAY = '0195f0a4-1c2b-7d3e-8f40-0000000007a6';
const messageId = (n: number) => `0195f0a4-1c2b-7d3e-8f40-00000000e7${String(n).padStart(2, '0')}`;
const envelope = (type: string, n: number, payload: Record<string, unknown>) =>
  messageEnvelope({ type, id: messageId(n), source: 'identity', correlationId: messageId(n), causationId: messageId(n), payload });
const preferences = (email: boolean, sms: boolean, push: boolean) => ({ email: boolean(email), sms: boolean(sms), push: boolean(push) });
const link = (path: string) => regex('^https?://\\S+$', `https://bazaar.test/${path}?token=k9Qx2PaZ`);

describe('notifications ← identity (message pact)', () => {
  let h: Awaited<ReturnType<typeof startPactConsumer>>;
  const pact = consumerPact({ consumer: 'notifications', provider: 'identity' });
  before(async () => { h = await startPactConsumer('notifications_pact_identity'); });
  after(() => h.close());

  const registered = (userId: string, email: string, version = 1) => h.given('identity', 'user.registered', {
    userId, email, firstName: 'Ben', lastName: 'Adams', registeredAt: '2026-03-14T09:00:00.000Z', version, phone: null,
    notificationPreferences: { email: true, sms: false, push: false },
  });

  test('user.registered: the contact copy, and a welcome by the channels the user allows', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a person signs up')
      .expectsToReceive('a user.registered event', (message) => message.withJSONContent(envelope('user.registered', 1, {
        userId: uuid(ANA),
        email: string('ana@example.test'),
        firstName: string('Ana'),
        lastName: string('Pereira'),
        registeredAt: timestamp('2026-03-14T10:00:00.000Z'),
        version: integer(1),
        notificationPreferences: preferences(true, false, false),
      })))
      .executeTest(async (message) => {
        await h.receive(message.contents.content);
        const contact = await h.contactOf(ANA);
        assert.equal(contact?.email, 'ana@example.test');
        assert.equal(contact?.version, 1);
        const [welcome] = await h.messagesOf(ANA);
        assert.deepEqual([welcome?.kind, welcome?.channel, welcome?.recipient, welcome?.subject], ['welcome', 'email', 'ana@example.test', 'Welcome to Bazaar, Ana']);
      });
  });

  test('user.updated: a newer version replaces the contact details', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a user changes their name')
      .expectsToReceive('a user.updated event', (message) => message.withJSONContent(envelope('user.updated', 2, {
        userId: uuid(BEN),
        email: string('ben@example.test'),
        firstName: string('Ben'),
        lastName: string('Okafor'),
        updatedAt: timestamp('2026-03-14T10:00:00.000Z'),
        version: integer(2),
        notificationPreferences: preferences(true, false, false),
      })))
      .executeTest(async (message) => {
        await registered(BEN, 'ben@example.test');
        await h.receive(message.contents.content);
        const contact = await h.contactOf(BEN);
        assert.deepEqual([contact?.last_name, contact?.version], ['Okafor', 2]);
      });
  });

  test('user.updated: the channels a user allows follow their preferences', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a user changes their notification preferences')
      .expectsToReceive('a user.updated event with notification preferences', (message) => message.withJSONContent(envelope('user.updated', 3, {
        userId: uuid(CAROL),
        email: string('carol@example.test'),
        firstName: string('Carol'),
        lastName: string('Diaz'),
        updatedAt: timestamp('2026-03-14T10:00:00.000Z'),
        version: integer(2),
        notificationPreferences: preferences(false, false, true),
      })))
      .executeTest(async (message) => {
        await registered(CAROL, 'carol@example.test');
        await h.receive(message.contents.content);
        const contact = await h.contactOf(CAROL);
        assert.deepEqual([contact?.email_enabled, contact?.sms_enabled, contact?.push_enabled], [false, false, true]);
      });
  });

  test('user.verification-requested: the link is mailed to the address it is for', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a person signs up')
      .expectsToReceive('a user.verification-requested event', (message) => message.withJSONContent(envelope('user.verification-requested', 4, {
        userId: uuid(DAN),
        email: string('dan@example.test'),
        firstName: string('Dan'),
        verificationUrl: link('verify-email'),
        expiresAt: timestamp('2026-03-15T10:00:00.000Z'),
        requestedAt: timestamp('2026-03-14T10:00:00.000Z'),
      })))
      .executeTest(async (message) => {
        await h.receive(message.contents.content);
        const [mail] = await h.messagesOf(DAN);
        assert.deepEqual([mail?.kind, mail?.channel, mail?.recipient], ['email_verification', 'email', 'dan@example.test']);
        assert.match(mail!.body, /https:\/\/bazaar\.test\/verify-email\?token=k9Qx2PaZ/);
      });
  });

  test('user.password-reset-requested: the link is mailed, whatever the preferences', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a user asks to reset their password')
      .expectsToReceive('a user.password-reset-requested event', (message) => message.withJSONContent(envelope('user.password-reset-requested', 5, {
        userId: uuid(ERIN),
        email: string('erin@example.test'),
        firstName: string('Erin'),
        resetUrl: link('reset-password'),
        expiresAt: timestamp('2026-03-14T11:00:00.000Z'),
        requestedAt: timestamp('2026-03-14T10:00:00.000Z'),
      })))
      .executeTest(async (message) => {
        await h.receive(message.contents.content);
        const [mail] = await h.messagesOf(ERIN);
        assert.deepEqual([mail?.kind, mail?.channel, mail?.recipient, mail?.status], ['password_reset', 'email', 'erin@example.test', 'queued']);
        assert.match(mail!.body, /https:\/\/bazaar\.test\/reset-password\?token=k9Qx2PaZ/);
      });
  });

  test('user.deleted: the contact copy gone, nothing more sent to the user', async () => {
    await registered(FAY, 'fay@example.test');
    await pact
      .addAsynchronousInteraction()
      .given('a user deletes their account')
      .expectsToReceive('a user.deleted event', (message) => message.withJSONContent(envelope('user.deleted', 20, {
        userId: uuid(FAY),
        deletedAt: timestamp('2026-03-14T10:00:00.000Z'),
      })))
      .executeTest(async (message) => {
        await h.receive(message.contents.content);
        const contact = await h.contactOf(FAY);
        assert.deepEqual([contact?.email, contact?.first_name, contact?.email_enabled], ['', '', false]);
        assert.ok((await h.messagesOf(FAY)).every((m) => m.recipient === null && m.body === ''));
      });
  });
});
