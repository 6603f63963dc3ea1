// notifications' job queue in the trace of the event that caused a message, with a real OpenTelemetry
// SDK in this process (spans kept in memory) as `--import @bazaar/platform/register` sets one up in
// the service: the history row keeps the context it was recorded in, the dispatcher's add is a
// producer span below it, each try a consumer span below the add, the SMTP exchange a client span
// below the try. Retries and a job restored after Redis lost it stay in the same trace.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { eventually } from '@bazaar/platform/testing';
import { recipientDomain } from '../src/delivery/tracing.js';
import { confirmed, newOrder, newUser } from './fixtures.js';
import { historyOf, startNotifications, type Harness } from './support.js';

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
trace.setGlobalTracerProvider(provider);

const idsOf = (traceparent: string) => ({ traceId: traceparent.slice(3, 35), spanId: traceparent.slice(36, 52) });
const spans = (filter: (s: ReadableSpan) => boolean) => exporter.getFinishedSpans().filter(filter);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const named = (name: string, notificationId: string) => spans((s) => s.name === name && s.attributes['bazaar.notification.id'] === notificationId);

describe('notifications: tracing', () => {
  let h: Harness;
  before(async () => { h = await startNotifications('notifications_tracing'); });
  after(async () => {
    await h?.close();
    await provider.shutdown();
  });

  const delivered = (userId: string) => eventually(async () => {
    const rows = await historyOf(h.pool, userId);
    return rows.length > 0 && rows.every((r) => r.status === 'delivered') ? rows : undefined;
  }, { timeoutMs: 10_000, intervalMs: 50, message: `messages of ${userId} never delivered` });

  test('a receipt is added, sent and handed to SMTP in the trace of the event that recorded it', async () => {
    const user = newUser();
    await h.deliver('user.registered', user);
    const order = newOrder(user.userId);
    await h.deliver('order.placed', order);
    const { body: envelope } = await h.deliver('order.confirmed', confirmed(order));
    const rows = await delivered(user.userId);
    const receipt = rows.find((r) => r.kind === 'receipt')!;
    const { rows: [stored] } = await h.pool.query<{ traceparent: string }>('SELECT traceparent FROM notifications WHERE id = $1', [receipt.id]);
    // The handler ran with the event's context (no consumer span in this harness): the row keeps it.
    assert.equal(stored!.traceparent, envelope.traceparent);
    const recorded = idsOf(envelope.traceparent as string);

    const [add] = named('publish send', receipt.id);
    assert.ok(add, 'the dispatcher added the job in a span');
    assert.equal(add.kind, SpanKind.PRODUCER);
    assert.equal(add.spanContext().traceId, recorded.traceId, 'in the event\'s trace');
    assert.equal(parentOf(add), recorded.spanId, 'below the context kept with the row');
    assert.deepEqual(add.links.map((l) => l.context.spanId), [recorded.spanId]);
    assert.equal(add.attributes['messaging.system'], 'bullmq');
    assert.equal(add.attributes['messaging.message.id'], receipt.job_id);
    assert.equal(add.attributes['bazaar.order_id'], order.orderId);

    const [send] = named('process send', receipt.id);
    assert.ok(send, 'the worker sent in a span');
    assert.equal(send.kind, SpanKind.CONSUMER);
    assert.equal(parentOf(send), add.spanContext().spanId, 'below the add: the job carried its context');
    assert.equal(send.attributes['bazaar.order_id'], order.orderId);
    assert.equal(send.attributes['bazaar.message.attempt'], 1);

    const smtp = spans((s) => s.name === 'smtp send' && parentOf(s) === send.spanContext().spanId);
    assert.equal(smtp.length, 1, 'one SMTP exchange below the send');
    assert.equal(smtp[0]!.kind, SpanKind.CLIENT);
    assert.equal(smtp[0]!.attributes['bazaar.email.recipient_domain'], 'example.test');
    assert.equal(smtp[0]!.attributes['server.port'], Number(new URL(h.sink.url).port));
    assert.ok(!JSON.stringify(exporter.getFinishedSpans().map((s) => s.attributes)).includes(user.email), 'no span names the address');
  });

  test('a refused send retried by BullMQ, and a job restored after Redis lost it, stay in the same trace', async () => {
    // Retried: the first try refused (451), the second accepted, both below the one add.
    const user = newUser();
    h.sink.refuse({ count: 1 });
    const { body: envelope } = await h.deliver('user.registered', user);
    const [welcome] = await delivered(user.userId);
    const [add] = named('publish send', welcome!.id);
    const tries = named('process send', welcome!.id).sort((a, b) => Number(a.attributes['bazaar.message.attempt']) - Number(b.attributes['bazaar.message.attempt']));
    assert.deepEqual(tries.map((s) => s.attributes['bazaar.message.attempt']), [1, 2]);
    for (const attempt of tries) assert.equal(parentOf(attempt), add!.spanContext().spanId, 'every try below the same add');
    assert.equal(tries[0]!.status.code, SpanStatusCode.ERROR, 'the refused try is an error');
    const refused = spans((s) => s.name === 'smtp send' && parentOf(s) === tries[0]!.spanContext().spanId);
    assert.equal(refused[0]?.attributes['bazaar.smtp.response_code'], 451);
    assert.equal(tries[0]!.spanContext().traceId, idsOf(envelope.traceparent as string).traceId);

    // Restored: the job is lost with Redis before any try, added again from the history.
    await h.worker.pause();
    const other = newUser();
    try {
      const { body: otherEnvelope } = await h.deliver('user.registered', other);
      assert.ok(await h.redis.wipe() > 0);
      assert.equal(await h.dispatcher.requeue(0), 1);
      const [row] = await historyOf(h.pool, other.userId);
      const adds = named('publish send', row!.id);
      assert.equal(adds.length, 2, 'added, then added again');
      const recorded = idsOf(otherEnvelope.traceparent as string);
      for (const a of adds) assert.equal(parentOf(a), recorded.spanId, 'both adds below the context kept with the row');
      const restored = await h.queue.queue.getJob(row!.job_id);
      assert.equal(idsOf(restored!.data.traceparent!).spanId, adds[1]!.spanContext().spanId, 'the restored job carries the second add');
    } finally {
      await h.worker.resume();
    }
    const [row] = await delivered(other.userId);
    const [send] = named('process send', row!.id);
    assert.equal(send!.spanContext().traceId, idsOf((await h.pool.query<{ traceparent: string }>('SELECT traceparent FROM notifications WHERE id = $1', [row!.id])).rows[0]!.traceparent).traceId);
  });

  test('a span names the recipient\'s domain only', () => {
    assert.equal(recipientDomain('Ana.Pereira@Example.TEST'), 'example.test');
    assert.equal(recipientDomain('no-at-sign'), '');
  });
});
