/** Envelopes, ids and contracts: no broker needed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commands, events } from '@bazaar/contracts';
import { ContractValidator, MessageValidationError, createEnvelope, runWithContext, uuidv7 } from '../../src/index.js';
import { UUID_V7 } from './harness.js';

test('uuidv7 ids are version 7, unique, and sort in the order they were made', () => {
  const ids = Array.from({ length: 10_000 }, () => uuidv7());
  for (const id of ids.slice(0, 100)) assert.match(id, UUID_V7);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids);
});

test('the first 48 bits of a uuidv7 are the Unix time in ms it was made at; an envelope is dated then too', (t) => {
  // A fake clock ahead of the real one: ids are monotonic per process, so none made earlier may be newer.
  const now = Date.now() + 60_000;
  t.mock.timers.enable({ apis: ['Date'], now });
  const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
  assert.equal(msOf(uuidv7()), now);
  t.mock.timers.tick(1_000);
  assert.equal(msOf(uuidv7()), now + 1_000);
  const envelope = createEnvelope('identity', 'user.updated', 1, {});
  assert.equal(msOf(envelope.id), now + 1_000);
  assert.equal(envelope.occurredAt, new Date(now + 1_000).toISOString());
});

test('an envelope takes correlation, causation and trace from the context it is made in', () => {
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const inRequest = runWithContext({ correlationId: 'req-1', traceparent }, () => createEnvelope('identity', 'user.updated', 1, {}));
  assert.equal(inRequest.correlationId, 'req-1');
  assert.equal(inRequest.causationId, 'req-1');
  assert.equal(inRequest.traceparent, traceparent);
  const inHandler = runWithContext({ correlationId: 'req-1', causationId: inRequest.id, traceparent }, () => createEnvelope('mailer', 'user.updated', 1, {}));
  assert.equal(inHandler.causationId, inRequest.id);
  const alone = createEnvelope('identity', 'user.updated', 1, {});
  assert.equal(alone.correlationId, alone.id, 'outside any context a message starts its own chain');
  assert.match(alone.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
});

test('the contracts hold user.registered and user.updated v1, checked both ways', () => {
  const validator = new ContractValidator({ events, commands });
  assert.equal(validator.kindOf('user.registered'), 'events');
  assert.equal(validator.latestVersion('user.updated'), 1);
  const payload = { userId: '0190a8a4-8a4c-7cde-8f00-0a1b2c3d4e5f', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', registeredAt: new Date().toISOString() };
  validator.assertPayload('user.registered', 1, payload);
  validator.assertPayload('user.registered', 1, { ...payload, addedLater: true }); // a tolerant reader

  assert.throws(() => validator.assertPayload('user.registered', 1, { ...payload, email: 'nope', lastName: undefined }), (error: MessageValidationError) => {
    assert.ok(error instanceof MessageValidationError);
    assert.ok(error.errors.some((e) => e.startsWith('payload/email')));
    assert.ok(error.errors.some((e) => e.includes('lastName')));
    return true;
  });
  assert.throws(() => validator.assertPayload('user.registered', 2, payload), /version 2 is not one of 1/);
  assert.throws(() => validator.assertPayload('user.renamed', 1, {}), /unknown message type/);

  const body = JSON.stringify(createEnvelope('identity', 'user.registered', 1, payload));
  assert.deepEqual(validator.parse(Buffer.from(body)).payload, payload);
  assert.throws(() => validator.parse('{"id":"x"}'), /envelope is malformed/);
  assert.throws(() => validator.parse('nope'), /not JSON/);
});

test('every message type in the contracts fits the envelope, so each one sent can also be received', () => {
  const validator = new ContractValidator({ events, commands });
  for (const type of [...Object.keys(events), ...Object.keys(commands)]) {
    // An envelope the receiver rejects fails before its payload is looked at: an empty one shows which.
    assert.throws(() => validator.parse(JSON.stringify(createEnvelope('test', type, 1, {}))), (error: MessageValidationError) => {
      assert.ok(!error.message.includes('envelope is malformed'), `${type}: ${error.errors.join('; ')}`);
      return true;
    }, type);
  }
  assert.throws(() => validator.parse(JSON.stringify(createEnvelope('test', 'Shipment.Picked Up', 1, {}))), /envelope is malformed/);
});

test('a type may not be both an event and a command', () => {
  assert.throws(() => new ContractValidator({ events, commands: { 'user.updated': events['user.updated'] } }), /either events or commands/);
});
