/**
 * The behaviour every messaging set-up must show, written once and run against each queue type
 * (as node-ts/bus runs one suite against every transport). Two services, each with its own
 * database: `identity` sends, `mailer` receives.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { AppError, createMessaging, runWithContext, withTransaction, type Envelope, type Messaging } from '../../src/index.js';
import { eventually } from '../../src/testing/index.js';
import {
  AMQP_URL, UUID_V7, deleteNamespace, logger, metricValue, newNamespace, publishRaw, serviceDatabase, sleep, testContracts, type ServiceDb,
} from './harness.js';

type TestMessaging = Messaging<typeof testContracts.events, typeof testContracts.commands>;

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

export function reliabilitySuite(label: string, options: { queueType: 'classic' | 'quorum' }): void {
  describe(`reliable messaging (${label})`, () => {
    const namespace = newNamespace();
    const metrics = new Registry();
    let senderDb: ServiceDb;
    let receiverDb: ServiceDb;
    let sender: TestMessaging;
    let receiver: TestMessaging;
    const attempts = new Map<string, number[]>();
    let crashAfterConfirm: string | undefined;
    let handlerFixed = false;

    const effectsOf = async (id: string) =>
      (await receiverDb.pool.query<{ attempt: number; envelope: Envelope }>('SELECT attempt, envelope FROM effects WHERE message_id = $1', [id])).rows;

    const send = (message: Parameters<TestMessaging['outbox']['enqueue']>[1]) =>
      withTransaction(senderDb.pool, (client) => sender.outbox.enqueue(client, message));

    before(async () => {
      [senderDb, receiverDb] = await Promise.all([serviceDatabase('msg_sender'), serviceDatabase('msg_receiver')]);
      const record = async (envelope: Envelope, client: { query: (sql: string, values: unknown[]) => Promise<unknown> }, attempt: number) => {
        await client.query('INSERT INTO effects (message_id, type, attempt, envelope) VALUES ($1, $2, $3, $4)', [envelope.id, envelope.type, attempt, JSON.stringify(envelope)]);
      };
      receiver = createMessaging({
        service: 'mailer',
        pool: receiverDb.pool,
        amqpUrl: AMQP_URL,
        logger,
        contracts: testContracts,
        namespace,
        metrics,
        queueType: options.queueType,
        retry: { maxAttempts: 3, delayMs: 200 },
        relay: { pollIntervalMs: 200 },
        handlers: {
          events: {
            'user.registered': async (envelope, client, delivery) => {
              await record(envelope, client, delivery.attempt);
              // A follow-up message sent while handling carries this message as its cause.
              if (envelope.payload.firstName === 'Chain') {
                const { userId, email, firstName, lastName } = envelope.payload;
                await receiver.outbox.enqueue(client, { type: 'user.updated', payload: { userId, email, firstName, lastName, updatedAt: new Date().toISOString() } });
              }
            },
            'test.happened': async (envelope, client, delivery) => {
              attempts.set(envelope.id, [...(attempts.get(envelope.id) ?? []), delivery.attempt]);
              if (envelope.payload.behaviour === 'fail-twice' && delivery.attempt <= 2) throw new Error(`transient failure on attempt ${delivery.attempt}`);
              if (envelope.payload.behaviour === 'always-fail' && !handlerFixed) throw new Error('the handler is broken: template missing');
              // "Not now": something else is in flight. Past maxAttempts (3) but within the transient budget.
              if (envelope.payload.behaviour === 'busy-five-times' && delivery.attempt <= 5) throw new AppError('unavailable', 'another operation is in flight', { extensions: { retryable: true } });
              await record(envelope, client, delivery.attempt);
            },
          },
          commands: {
            'mailer.send-test': async (envelope, client, delivery) => record(envelope, client, delivery.attempt),
          },
        },
      });
      sender = createMessaging({
        service: 'identity',
        pool: senderDb.pool,
        amqpUrl: AMQP_URL,
        logger,
        contracts: testContracts,
        namespace,
        relay: {
          pollIntervalMs: 200,
          afterConfirm: (ids) => {
            if (crashAfterConfirm && ids.includes(crashAfterConfirm)) {
              crashAfterConfirm = undefined;
              throw new Error('relay killed after the broker confirmed, before marking sent');
            }
          },
        },
      });
      await receiver.start(); // declares and binds the queues before anything is sent
      await sender.start();
    });

    after(async () => {
      await sender?.stop();
      await receiver?.stop();
      await deleteNamespace(namespace, ['mailer', 'identity']);
      await Promise.all([senderDb?.close(), receiverDb?.close()]);
    });

    const registered = (firstName: string) => ({
      userId: randomUUID(),
      email: `${firstName.toLowerCase()}@example.com`,
      firstName,
      lastName: 'Lovelace',
      registeredAt: new Date().toISOString(),
    });

    test('a rolled-back transaction publishes nothing; a committed one is delivered once, envelope intact', async () => {
      const rolledBack = registered('Ghost');
      await assert.rejects(
        withTransaction(senderDb.pool, async (client) => {
          await sender.outbox.enqueue(client, { type: 'user.registered', payload: rolledBack });
          throw new Error('the business rule failed after the event was written');
        }),
        /business rule failed/,
      );
      const payload = registered('Ada');
      const sent = await runWithContext({ correlationId: 'checkout-42', traceparent: TRACEPARENT }, () =>
        withTransaction(senderDb.pool, (client) => sender.outbox.enqueue(client, { type: 'user.registered', payload })),
      );
      await eventually(async () => (await effectsOf(sent.id)).length > 0, { message: 'the committed event was not handled' });
      const row = await senderDb.pool.query('SELECT sent_at FROM outbox WHERE id = $1', [sent.id]);
      await eventually(async () => (await senderDb.pool.query('SELECT 1 FROM outbox WHERE id = $1 AND sent_at IS NOT NULL', [sent.id])).rowCount === 1);
      await sleep(300); // room for a second delivery to show up, if there were one

      const effects = await effectsOf(sent.id);
      assert.equal(effects.length, 1, 'handled exactly once');
      const received = effects[0]!.envelope;
      assert.deepEqual(received, sent, 'the envelope arrives exactly as written');
      assert.match(received.id, UUID_V7);
      assert.equal(received.type, 'user.registered');
      assert.equal(received.version, 1);
      assert.equal(received.source, 'identity');
      assert.equal(received.occurredAt, new Date(received.occurredAt).toISOString(), 'occurredAt is an ISO 8601 time in UTC');
      assert.equal(received.correlationId, 'checkout-42');
      assert.equal(received.causationId, 'checkout-42', 'caused by the request it was written in');
      assert.equal(received.traceparent, TRACEPARENT);
      assert.deepEqual(received.payload, payload);
      assert.ok(row.rowCount === 1);

      const ghosts = await senderDb.pool.query("SELECT 1 FROM outbox WHERE envelope->'payload'->>'userId' = $1", [rolledBack.userId]);
      assert.equal(ghosts.rowCount, 0, 'nothing of the rolled-back transaction is in the outbox');
      const ghostEffects = await receiverDb.pool.query("SELECT 1 FROM effects WHERE envelope->'payload'->>'userId' = $1", [rolledBack.userId]);
      assert.equal(ghostEffects.rowCount, 0, 'nor was it delivered');
    });

    test('a message sent by a handler carries the handled message as its cause', async () => {
      const sent = await runWithContext({ correlationId: 'signup-7' }, () => send({ type: 'user.registered', payload: registered('Chain') }));
      const followUp = await eventually(async () => (await receiverDb.pool.query<{ envelope: Envelope }>("SELECT envelope FROM outbox WHERE type = 'user.updated' AND envelope->>'causationId' = $1", [sent.id])).rows[0]);
      assert.equal(followUp.envelope.correlationId, 'signup-7');
      assert.equal(followUp.envelope.source, 'mailer');
      assert.equal(followUp.envelope.traceparent, sent.traceparent);
    });

    test('a relay killed between the confirm and marking sent causes a duplicate with no second effect', async () => {
      const before = await metricValue(metrics, 'messages_handled_total', { outcome: 'duplicate' });
      const sent = await withTransaction(senderDb.pool, async (client) => {
        const envelope = await sender.outbox.enqueue(client, { type: 'test.happened', payload: { n: 1 } });
        crashAfterConfirm = envelope.id;
        return envelope;
      });
      await eventually(async () => (await metricValue(metrics, 'messages_handled_total', { outcome: 'duplicate' })) > before, { message: 'the duplicate never arrived' });
      await eventually(async () => (await senderDb.pool.query('SELECT 1 FROM outbox WHERE id = $1 AND sent_at IS NOT NULL', [sent.id])).rowCount === 1);
      assert.equal(crashAfterConfirm, undefined, 'the fault was injected');
      assert.equal((await effectsOf(sent.id)).length, 1, 'two deliveries, one effect');
    });

    test('a handler that fails twice then succeeds is handled once, on the third attempt', async () => {
      const sent = await send({ type: 'test.happened', payload: { n: 2, behaviour: 'fail-twice' } });
      const effects = await eventually(async () => {
        const rows = await effectsOf(sent.id);
        return rows.length > 0 ? rows : undefined;
      });
      await sleep(300);
      assert.equal((await effectsOf(sent.id)).length, 1);
      assert.equal(effects[0]!.attempt, 3);
      assert.deepEqual(attempts.get(sent.id), [1, 2, 3], 'attempts counted from x-death');
      assert.equal((await receiver.deadLetters.list()).some((m) => m.id === sent.id), false);
    });

    test('a transient refusal ("not now") is retried past maxAttempts instead of being parked', async () => {
      const sent = await send({ type: 'test.happened', payload: { n: 4, behaviour: 'busy-five-times' } });
      const effects = await eventually(async () => {
        const rows = await effectsOf(sent.id);
        return rows.length > 0 ? rows : undefined;
      }, { timeoutMs: 15_000 });
      assert.equal(effects[0]!.attempt, 6, 'handled on the sixth delivery, three more than maxAttempts allows a failure');
      assert.deepEqual(attempts.get(sent.id), [1, 2, 3, 4, 5, 6]);
      assert.equal((await receiver.deadLetters.list()).some((m) => m.id === sent.id), false);
    });

    test('a handler that always fails parks the message with its error; replayed after the fix, it is handled once', async () => {
      const sent = await send({ type: 'test.happened', payload: { n: 3, behaviour: 'always-fail' } });
      const parked = await eventually(async () => (await receiver.deadLetters.list()).find((m) => m.id === sent.id), { message: 'not parked' });
      assert.match(parked.error, /handler is broken: template missing/);
      assert.equal(parked.attempts, 3);
      assert.equal(parked.queue, receiver.names.queues.events);
      assert.equal(parked.exchange, receiver.names.exchanges.events);
      assert.equal(parked.routingKey, 'test.happened');
      assert.ok(parked.failedAt && !Number.isNaN(Date.parse(parked.failedAt)));
      assert.deepEqual(parked.envelope, sent);
      assert.deepEqual(attempts.get(sent.id), [1, 2, 3]);
      assert.equal((await effectsOf(sent.id)).length, 0);

      handlerFixed = true;
      assert.equal(await receiver.deadLetters.replay(sent.id), true);
      await eventually(async () => (await effectsOf(sent.id)).length > 0, { message: 'not handled after replay' });
      await sleep(300);
      assert.equal((await effectsOf(sent.id)).length, 1);
      assert.equal((await effectsOf(sent.id))[0]!.attempt, 1, 'a replay starts a fresh count');
      assert.equal(await receiver.deadLetters.depth(), 0);
      assert.equal(await receiver.deadLetters.replay(sent.id), false, 'nothing left to replay');
    });

    test('a message that breaks its contract goes straight to the dead-letter queue, with the reason', async () => {
      const id = randomUUID();
      const envelope = { id, type: 'test.happened', version: 1, source: 'rogue', occurredAt: new Date().toISOString(), correlationId: id, causationId: id, traceparent: TRACEPARENT, payload: { n: 'four' } };
      await publishRaw(receiver.names.exchanges.events, 'test.happened', JSON.stringify(envelope), { messageId: id });
      const parked = await eventually(async () => (await receiver.deadLetters.list()).find((m) => m.id === id), { message: 'not parked' });
      assert.match(parked.error, /payload\/n/);
      assert.match(parked.error, /does not match its contract/);
      assert.equal(parked.attempts, 1, 'no retries');
      assert.equal(attempts.has(id), false, 'the handler never saw it');
      await receiver.deadLetters.replayAll(); // replayed as is, it is refused again, once
      await eventually(async () => (await receiver.deadLetters.list()).some((m) => m.id === id));
      assert.equal(attempts.has(id), false);
    });

    test('a message that is not JSON is parked too', async () => {
      const id = randomUUID();
      await publishRaw(receiver.names.exchanges.events, 'test.happened', 'not json at all', { messageId: id });
      const parked = await eventually(async () => (await receiver.deadLetters.list()).find((m) => m.id === id));
      assert.match(parked.error, /not JSON/);
      assert.equal(parked.body, 'not json at all');
    });

    test('a command travels through the commands exchange to the service it names', async () => {
      const sent = await send({ type: 'mailer.send-test', payload: { to: 'grace@example.com' } });
      await eventually(async () => (await effectsOf(sent.id)).length > 0);
      const row = await senderDb.pool.query('SELECT exchange, routing_key FROM outbox WHERE id = $1', [sent.id]);
      assert.deepEqual(row.rows[0], { exchange: sender.names.exchanges.commands, routing_key: 'mailer.send-test' });
    });

    test('a command no service is bound to receive stays in the outbox with the reason, instead of vanishing', async () => {
      const sent = await send({ type: 'nobody.do-thing', payload: {} });
      const row = await eventually(async () => (await senderDb.pool.query<{ attempts: number; last_error: string | null; sent_at: Date | null }>('SELECT attempts, last_error, sent_at FROM outbox WHERE id = $1 AND attempts > 0', [sent.id])).rows[0]);
      assert.equal(row.sent_at, null);
      assert.match(row.last_error ?? '', /no queue is bound/);
    });

    test('a payload that breaks its contract is refused when written', async () => {
      await assert.rejects(
        send({ type: 'user.registered', payload: { ...registered('Bad'), email: 'not-an-email' } }),
        (error: Error & { errors?: string[] }) => error.name === 'MessageValidationError' && /payload\/email/.test(error.message),
      );
    });
  });
}
