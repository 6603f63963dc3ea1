// What identity relies on in each service's confirmation of an erasure (user.erased), recorded as one
// message pact per service (identity ← catalog, orders, payments, shipping, notifications,
// analytics): the user id, the service's name and when it erased. Each example is delivered as
// identity's consumer delivers it, and the operators' view of the erasure is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { consumerPact, messageEnvelope, MatchersV3, timestamp, uuid } from '@bazaar/contract-testing';
import { payloadHandlers } from '@bazaar/platform';
import { deliverMessage } from '@bazaar/platform/testing';
import { identityEventHandlers } from '../src/events.js';
import { PASSWORD, bearer, signUp, startIdentity, uniqueEmail, type Harness, type Session } from './harness.js';

const { string } = MatchersV3;
const SERVICES = ['catalog', 'orders', 'payments', 'shipping', 'notifications', 'analytics'] as const;
const EXAMPLE_USER = '0195f0a4-1c2b-7d3e-8f40-0000000009a1';
const messageId = (n: number) => `0195f0a4-1c2b-7d3e-8f40-00000000e9${String(n).padStart(2, '0')}`;

describe('identity ← every erasing service (message pacts on user.erased)', () => {
  let h: Harness;
  let operator: Session;
  const adminEmail = uniqueEmail('operator');
  before(async () => {
    h = await startIdentity('pact_erasure', { settings: { adminEmails: [adminEmail.toLowerCase()] } });
    operator = await signUp(h.app, { email: adminEmail });
  });
  after(() => h.close());

  SERVICES.forEach((service, n) => {
    test(`${service}'s user.erased is recorded against the deleted user`, async () => {
      const pact = consumerPact({ consumer: 'identity', provider: service });
      const user = await signUp(h.app);
      assert.equal((await h.app.inject({ method: 'DELETE', url: '/users/me', headers: bearer(user.token), payload: { password: PASSWORD } })).statusCode, 204);
      await pact
        .addAsynchronousInteraction()
        .given('a user was deleted')
        .expectsToReceive('a user.erased event', (message) => message.withJSONContent(messageEnvelope({
          type: 'user.erased', id: messageId(n), source: service, correlationId: messageId(n), causationId: messageId(n),
          payload: { userId: uuid(EXAMPLE_USER), service: string(service), erasedAt: timestamp('2026-03-14T10:00:00.000Z') },
        })))
        .executeTest(async (message) => {
          // identity keeps confirmations of its own deleted users only: the example's id becomes this run's deleted user.
          const body = message.contents.content as { payload: Record<string, unknown> };
          await deliverMessage({ pool: h.pool, contracts, kind: 'events', handlers: payloadHandlers(contracts.events, identityEventHandlers) }, { ...body, payload: { ...body.payload, userId: user.user.id } });
          const erasure = (await h.app.inject({ method: 'GET', url: `/users/${user.user.id}/erasure`, headers: bearer(operator.token) })).json();
          assert.ok(!erasure.pending.includes(service), JSON.stringify(erasure));
        });
    });
  });
});
