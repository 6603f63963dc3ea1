// The kit's SMTP sink as npm start and these tests use it: real SMTP in, what arrived out over HTTP,
// and refusals on demand, seen through notifications' own email adapter.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpSink, type SmtpSink } from '@bazaar/platform/testing';
import { SmtpEmail } from '../src/channels/email.js';
import type { Notification } from '../src/notifications/notification.store.js';

const message = (id: string, recipient: string): Notification => ({
  id, userId: '0195f0a4-1c2b-7d3e-8f40-000000000a01', orderId: null, channel: 'email', kind: 'welcome', eventId: id, eventType: 'user.registered',
  jobId: `${id}-email`, recipient, subject: 'Welcome <to> Bazaar', body: 'Hello & welcome', status: 'queued', attempts: 0,
  lastError: null, providerId: null, createdAt: new Date(), updatedAt: new Date(), sentAt: null,
});

describe('the SMTP sink', () => {
  let sink: SmtpSink;
  let email: SmtpEmail;
  before(async () => {
    sink = await startSmtpSink();
    email = new SmtpEmail({ smtpUrl: sink.url, from: 'Bazaar <no-reply@bazaar.test>' });
  });
  after(async () => {
    email.close();
    await sink.close();
  });

  test('keeps what it receives and lists it as JSON and as a page', async () => {
    const providerId = await email.send(message('0195f0a4-1c2b-7d3e-8f40-000000000b01', 'ana@example.test'));
    assert.match(providerId, /^sink-\d+$/);
    const [received] = sink.to('ANA@example.test');
    assert.deepEqual(
      [received?.from, received?.to, received?.subject, received?.text.trim(), received?.messageId],
      ['no-reply@bazaar.test', ['ana@example.test'], 'Welcome <to> Bazaar', 'Hello & welcome', '<0195f0a4-1c2b-7d3e-8f40-000000000b01@notifications.bazaar.local>'],
    );
    const listed = await (await fetch(`${sink.httpUrl}/messages`)).json() as { messages: { subject: string; receivedAt: string }[] };
    assert.equal(listed.messages[0]?.subject, 'Welcome <to> Bazaar');
    const page = await (await fetch(`${sink.httpUrl}/`)).text();
    assert.match(page, /Welcome &#60;to&#62; Bazaar/, 'escaped on the page');
    assert.equal((await fetch(`${sink.httpUrl}/nothing`)).status, 404);
  });

  test('refuses with a temporary failure when told to, a count at a time, and until told to accept', async () => {
    sink.refuse({ count: 1 });
    await assert.rejects(email.send(message('0195f0a4-1c2b-7d3e-8f40-000000000b02', 'ben@example.test')), (error: { responseCode?: number }) => error.responseCode === 451);
    await email.send(message('0195f0a4-1c2b-7d3e-8f40-000000000b02', 'ben@example.test'));
    sink.refuse();
    await assert.rejects(email.send(message('0195f0a4-1c2b-7d3e-8f40-000000000b03', 'cy@example.test')), /451|temporarily/);
    sink.accept();
    await email.send(message('0195f0a4-1c2b-7d3e-8f40-000000000b03', 'cy@example.test'));
    assert.deepEqual([sink.to('ben@example.test').length, sink.to('cy@example.test').length, sink.refused], [1, 1, 2]);
  });
});
