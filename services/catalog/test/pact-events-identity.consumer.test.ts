// What catalog relies on in identity's events, recorded as a message pact (catalog ← identity).
// Catalog reads userId, firstName, lastName and the event's time (registeredAt, updatedAt) to show
// reviewers by display name; it keeps no email, but the contract requires one and catalog's kit
// checks the message against it, so the example carries one, matched by type only. The example is
// then delivered as catalog's consumer delivers it, and what a reader of the reviews sees is asserted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { consumerPact, messageEnvelope, MatchersV3, timestamp, uuid } from '@bazaar/contract-testing';
import { contracts } from '@bazaar/contracts';
import { createEnvelope, payloadHandlers } from '@bazaar/platform';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { createEventHandlers } from '../src/events.js';
import { addCategory, addProduct, bearer, receive, startCatalog, type Harness } from './harness.js';

const { string } = MatchersV3;

const REGISTERED_ID = '0195f0a4-1c2b-7d3e-8f40-00000000e201';
const UPDATED_ID = '0195f0a4-1c2b-7d3e-8f40-00000000e202';
const ANA = '0195f0a4-1c2b-7d3e-8f40-0000000000a1';
const BEN = '0195f0a4-1c2b-7d3e-8f40-0000000000a2';
const CAI = '0195f0a4-1c2b-7d3e-8f40-0000000000a3';
const DELETED_ID = '0195f0a4-1c2b-7d3e-8f40-00000000e203';

const envelope = (type: string, id: string, payload: Record<string, unknown>) =>
  messageEnvelope({ type, id, source: 'identity', correlationId: id, causationId: id, payload });

describe('catalog ← identity (message pact)', () => {
  let h: Harness;
  let productId: string;
  const pact = consumerPact({ consumer: 'catalog', provider: 'identity' });
  before(async () => {
    h = await startCatalog('pact_events_identity');
    productId = (await addProduct(h, { categoryId: (await addCategory(h, 'lamps')).id })).id;
  });
  after(() => h.close());

  /** The reviewer's name as a reader of the product's reviews sees it, after `userId` reviews it. */
  const shownNameOf = async (userId: string) => {
    const written = await h.app.inject({ method: 'POST', url: `/products/${productId}/reviews`, headers: bearer(await h.identity.token({ userId })), payload: { rating: 5 } });
    assert.equal(written.statusCode, 201, written.body);
    const reviews = (await h.app.inject({ method: 'GET', url: `/products/${productId}/reviews` })).json();
    return (reviews.items as { id: string; reviewer: { displayName: string } }[]).find((r) => r.id === written.json().id)?.reviewer.displayName;
  };

  test('user.registered gives reviews their author\'s display name', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a person signs up')
      .expectsToReceive('a user.registered event', (message) => message.withJSONContent(envelope('user.registered', REGISTERED_ID, {
        userId: uuid(ANA),
        email: string('ana@example.test'),
        firstName: string('Ana'),
        lastName: string('Pereira'),
        registeredAt: timestamp('2026-03-14T10:00:00.000Z'),
      })))
      .executeTest(async (message) => {
        await receive(h, message.contents.content);
        assert.equal(await shownNameOf(ANA), 'Ana P.');
      });
  });

  test('user.updated changes the name reviews show', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a user changes their name')
      .expectsToReceive('a user.updated event', (message) => message.withJSONContent(envelope('user.updated', UPDATED_ID, {
        userId: uuid(BEN),
        email: string('ben@example.test'),
        firstName: string('Ben'),
        lastName: string('Okafor'),
        updatedAt: timestamp('2026-03-14T10:00:00.000Z'),
      })))
      .executeTest(async (message) => {
        const earlier = { userId: BEN, email: 'ben@example.test', firstName: 'Benjamin', lastName: 'Adams', registeredAt: '2026-01-01T00:00:00.000Z' };
        await receive(h, createEnvelope('identity', 'user.registered', 1, earlier));
        await receive(h, message.contents.content);
        assert.equal(await shownNameOf(BEN), 'Ben O.');
      });
  });

  test('user.deleted: the reviews stay, shown as by a former customer, and catalog confirms', async () => {
    await receive(h, createEnvelope('identity', 'user.registered', 1, { userId: CAI, email: 'cai@example.test', firstName: 'Cai', lastName: 'Moss', registeredAt: '2026-01-01T00:00:00.000Z' }));
    assert.equal(await shownNameOf(CAI), 'Cai M.');
    await pact
      .addAsynchronousInteraction()
      .given('a user deletes their account')
      .expectsToReceive('a user.deleted event', (message) => message.withJSONContent(envelope('user.deleted', DELETED_ID, {
        userId: uuid(CAI),
        deletedAt: timestamp('2026-03-14T10:00:00.000Z'),
      })))
      .executeTest(async (message) => {
        await deliverMessage({ pool: h.pool, contracts, kind: 'events', handlers: payloadHandlers(contracts.events, createEventHandlers(h.publish)) }, message.contents.content);
        const reviews = (await h.app.inject({ method: 'GET', url: `/products/${productId}/reviews` })).json().items as { reviewer: { displayName: string } }[];
        assert.ok(reviews.some((r) => r.reviewer.displayName === 'Former customer'));
        assert.ok((await published(h.pool)).some((m) => m.type === 'user.erased' && m.payload.userId === CAI));
      });
  });
});
