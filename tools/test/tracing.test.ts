// A checkout read back as one trace: the services export their spans over OTLP to the local trace
// receiver (as under npm start), and the trace of one order is checked for what a waterfall needs:
// one trace id for the whole saga, spans from every service on its path, the outbox hops connected
// (a consumer's span below the relay's publish span of another service, itself below the span that
// wrote the outbox row), notifications' job queue hop (the receipt's job added below the span that
// recorded it, sent below that, the SMTP exchange below the send), and no span whose parent is missing.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startSmtpSink, type SmtpSink } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop, type ShopCast } from '../src/testing/shop.js';
import { startTraceReceiver, type SpanRecord, type TraceReceiver } from '../src/trace-receiver.js';

const run = randomBytes(4).toString('hex');
const adminEmail = `ops-${run}@bazaar.test`;
const customerEmail = `customer-${run}@bazaar.test`;
const SERVICES = ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'notifications', 'gateway'];
/** The services a checkout passes through, from the gateway to the last saga step. */
const ON_THE_PATH = ['gateway', 'orders', 'payments', 'inventory', 'shipping'];

let receiver: TraceReceiver;
let sink: SmtpSink;
let system: TestSystem;
let shop: Shop;
let cast: ShopCast;

interface TraceSummary { traceId: string; root: { name: string; service: string }; services: string[]; orderIds: string[]; correlationIds: string[] }

const read = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const response = await fetch(`${receiver.url}${path}`);
  return { status: response.status, body: (await response.json()) as T };
};

before(async () => {
  receiver = await startTraceReceiver();
  sink = await startSmtpSink({ httpPort: null });
  // Every span exported (always_on), in small batches soon after it ends, so the test waits little.
  const tracing = { OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_TRACES_SAMPLER: 'always_on', OTEL_BSP_SCHEDULE_DELAY: '100' };
  system = await startTestSystem({
    services: SERVICES,
    parallel: true,
    env: Object.fromEntries(SERVICES.map((name) => [name, {
      ...tracing,
      ...(name === 'identity' ? { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024' } : {}),
      // Its request lines, to find the checkout's among them with its trace and span ids.
      ...(name === 'orders' ? { LOG_LEVEL: 'info' } : {}),
      // The receipt goes to a real SMTP server, and is added to the queue without waiting for a poll.
      ...(name === 'notifications' ? { NOTIFICATIONS_SMTP_URL: sink.url, NOTIFICATIONS_DISPATCH_INTERVAL_MS: '200' } : {}),
    }])),
  });
  shop = Shop.throughGateway(system);
  cast = await shop.furnish({ adminEmail, customerEmail, password: 'Tracing-Saga-2026', slug: `traced-${run}`, sku: `TRACE-${run.toUpperCase()}`, priceMinor: 1500, stock: 5 });
}, { timeout: 120_000 });

after(async () => {
  await system?.stop();
  await receiver?.close();
  await sink?.close();
});

test('a checkout is one connected trace from the gateway through the outbox to every service of the saga and the receipt\'s SMTP send', { timeout: 60_000 }, async () => {
  const placed = await shop.placeOrder(cast.customer, { items: [{ productId: cast.product.id, quantity: 1 }], paymentMethodId: cast.card });
  const orderId = placed.body.id as string;
  const correlationId = placed.headers.get('x-correlation-id');
  assert.ok(correlationId, 'the gateway answers with the correlation id');
  await eventually(async () => {
    const order = (await shop.call('gateway', 'GET', `/orders/${orderId}`, { token: cast.customer })).body;
    if (order.status !== 'pending' && order.status !== 'confirmed') throw new Error(`the order settled ${order.status} (${order.statusReason})`);
    return order.status === 'confirmed' && order.checkout.step === null;
  }, { timeoutMs: 30_000, intervalMs: 200, message: `order ${orderId} was never confirmed` });

  // The saga's work all carries the checkout's correlation id: it must all be in one trace.
  const byCorrelation = await eventually(async () => {
    const { body } = await read<{ items: TraceSummary[] }>(`/traces?correlationId=${correlationId}`);
    return body.items.length > 0 && ON_THE_PATH.every((s) => body.items[0]!.services.includes(s)) ? body.items : undefined;
  }, { timeoutMs: 15_000, intervalMs: 200, message: 'the checkout\'s spans never reached the receiver from every service' });
  assert.equal(byCorrelation.length, 1, `one trace for the checkout, not ${byCorrelation.map((t) => `${t.traceId} (${t.root.service} ${t.root.name})`).join(', ')}`);
  const traceId = byCorrelation[0]!.traceId;
  assert.deepEqual(byCorrelation[0]!.root, { name: 'POST /orders', service: 'gateway' });

  // Found by its order id too (the messages' payloads name it).
  const byOrder = await read<{ items: TraceSummary[] }>(`/traces?orderId=${orderId}&limit=1000`);
  assert.ok(byOrder.body.items.some((t) => t.traceId === traceId), 'the checkout trace is found by its order id');
  assert.ok(byOrder.body.items.find((t) => t.traceId === traceId)!.orderIds.includes(orderId));

  // Spans end (and are exported) in any order: a parent may come after its children. The trace is
  // read once every span's parent has arrived; one that never does is an orphan and fails here.
  const spans = await eventually(async () => {
    const { body } = await read<{ spans: SpanRecord[] }>(`/traces/${traceId}`);
    const ids = new Set(body.spans.map((s) => s.spanId));
    const orphans = body.spans.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId));
    const capture = body.spans.some((s) => s.service === 'payments' && s.kind === 'consumer' && /capture/.test(s.name));
    const smtp = body.spans.some((s) => s.service === 'notifications' && s.name === 'smtp send');
    return orphans.length === 0 && capture && smtp ? body.spans : undefined;
  }, { timeoutMs: 20_000, intervalMs: 200, message: `trace ${traceId} has spans whose parent never arrived, or payments never captured, or the receipt was never sent in it` });

  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const roots = spans.filter((s) => !s.parentSpanId);
  assert.deepEqual(roots.map((s) => `${s.service} ${s.name}`), ['gateway POST /orders'], 'only the gateway\'s request starts the trace');
  for (const service of [...ON_THE_PATH, 'notifications']) assert.ok(spans.some((s) => s.service === service), `${service} has spans in the trace`);
  assert.ok(spans.every((s) => s.traceId === traceId));

  // The HTTP hop: orders' request span below the gateway's call to it.
  const ordersRequest = spans.find((s) => s.service === 'orders' && s.kind === 'server' && s.name === 'POST /orders');
  assert.ok(ordersRequest, 'orders made a span for the checkout request');
  assert.equal(byId.get(ordersRequest.parentSpanId!)?.service, 'gateway');
  assert.equal(byId.get(ordersRequest.parentSpanId!)?.kind, 'client');

  // Its log line carries the trace and span ids beside the correlation id.
  const lines = readFileSync(system.services.orders!.logFile, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  const requestLine = lines.find((l) => l.msg === 'request' && l.correlationId === correlationId && l.method === 'POST');
  assert.ok(requestLine, 'orders logged the checkout request');
  assert.equal(requestLine.trace_id, traceId);
  assert.equal(requestLine.span_id, ordersRequest.spanId);

  // The outbox hops: every consumer span hangs below a publish span of another service's relay, and
  // that publish span below the span in which its outbox row was written (same service).
  const consumers = spans.filter((s) => s.kind === 'consumer' && s.attributes['messaging.system'] === 'rabbitmq');
  assert.ok(consumers.length >= 4, `the saga's messages were handled in the trace (${consumers.map((s) => `${s.service} ${s.name}`).join(', ')})`);
  for (const consumer of consumers) {
    const publish = byId.get(consumer.parentSpanId!)!;
    assert.equal(publish.kind, 'producer', `${consumer.service} ${consumer.name} is a child of a publish span`);
    assert.notEqual(publish.service, consumer.service, `${consumer.name}: the producer is another service`);
    assert.equal(publish.attributes['messaging.message.id'], consumer.attributes['messaging.message.id']);
    const writer = byId.get(publish.parentSpanId!)!;
    assert.equal(writer.service, publish.service, `${publish.name} continues the context stored with its outbox row`);
    assert.deepEqual(publish.links.map((l) => l.spanId), [writer.spanId], `${publish.name} links to the span that wrote it`);
  }
  const firstHop = consumers.find((s) => s.service === 'payments' && byId.get(s.parentSpanId!)!.service === 'orders');
  assert.ok(firstHop, 'orders → outbox → payments is connected');
  assert.equal(firstHop.attributes['bazaar.order_id'], orderId);
  assert.equal(firstHop.attributes['bazaar.correlation_id'], correlationId);
  // Database work is inside the spans that did it: the outbox row was written under orders' request.
  assert.ok(spans.some((s) => s.service === 'orders' && (s.attributes['db.system.name'] === 'postgresql' || s.attributes['db.system'] === 'postgresql')), 'pg spans are in the trace');

  // The receipt: order.confirmed handled by notifications, which recorded the message in that span;
  // the dispatcher's add below it (the context kept with the history row), the worker's send below
  // the add (the context the job carries), the SMTP exchange below the send.
  await eventually(async () => sink.to(customerEmail).some((m) => /receipt/i.test(m.subject)), { timeoutMs: 10_000, intervalMs: 100, message: 'no receipt in the SMTP sink' });
  const confirmedHandled = spans.find((s) => s.service === 'notifications' && s.kind === 'consumer' && s.name === 'process order.confirmed');
  assert.ok(confirmedHandled, 'notifications handled order.confirmed in the trace');
  assert.equal(byId.get(confirmedHandled.parentSpanId!)?.service, 'orders', 'below orders\' publish span');
  const added = spans.filter((s) => s.service === 'notifications' && s.kind === 'producer' && s.attributes['messaging.system'] === 'bullmq');
  assert.equal(added.length, 1, `one job added for the receipt (${added.map((s) => s.name).join(', ')})`);
  const add = added[0]!;
  assert.equal(add.parentSpanId, confirmedHandled.spanId, 'the job is added below the span that recorded its message');
  assert.equal(add.attributes['bazaar.order_id'], orderId);
  const sends = spans.filter((s) => s.service === 'notifications' && s.kind === 'consumer' && s.attributes['messaging.system'] === 'bullmq');
  assert.equal(sends.length, 1, 'one try, the SMTP sink accepting at once');
  const send = sends[0]!;
  assert.equal(send.parentSpanId, add.spanId, 'the send is below the add');
  assert.equal(send.attributes['messaging.message.id'], add.attributes['messaging.message.id'], 'the same job');
  assert.equal(send.attributes['bazaar.order_id'], orderId);
  const smtp = spans.find((s) => s.name === 'smtp send')!;
  assert.equal(smtp.kind, 'client');
  assert.equal(smtp.parentSpanId, send.spanId, 'the SMTP exchange is below the send');
  assert.equal(smtp.attributes['bazaar.email.recipient_domain'], 'bazaar.test');
  assert.equal(smtp.attributes['server.port'], Number(new URL(sink.url).port));
  // The address is nowhere in the trace: only its domain.
  const everything = JSON.stringify(spans);
  assert.ok(!everything.includes(customerEmail), 'no span carries the customer\'s address');
  // The saga's services ended the trace's root; notifications adds no root of its own.
  assert.deepEqual(spans.filter((s) => !s.parentSpanId).map((s) => s.service), ['gateway']);
});

test('the receiver refuses what it cannot read with a problem, never an error', async () => {
  const cases: [string, RequestInit | undefined, number][] = [
    ['/traces/not-a-trace-id', undefined, 400],
    [`/traces/${'0'.repeat(32)}`, undefined, 404],
    ['/traces?orderId=%00', undefined, 400],
    ['/traces?limit=0', undefined, 400],
    ['/traces?color=red', undefined, 400],
    ['/v1/traces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }, 400],
    ['/v1/traces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"xyz"}]}]}]}' }, 400],
    ['/v1/traces', { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: 'x' }, 415],
    ['/v1/traces', undefined, 405],
    ['/elsewhere', undefined, 404],
  ];
  for (const [path, init, status] of cases) {
    const response = await fetch(`${receiver.url}${path}`, init);
    assert.equal(response.status, status, `${init?.method ?? 'GET'} ${path}`);
    assert.equal(response.headers.get('content-type'), 'application/problem+json', path);
    await response.body?.cancel();
  }
});

const hex = (n: number, length: number) => n.toString(16).padStart(length, '0');

/** Sends one single-span trace, number `trace`, from orders, as the exporter would. */
async function sendTrace(to: TraceReceiver, trace: number, aboutAnOrder = true): Promise<void> {
  const start = 1_700_000_000_000_000_000n + BigInt(trace) * 1_000_000n;
  const attributes = { ...(aboutAnOrder ? { 'bazaar.order_id': `order-${trace}` } : {}), 'bazaar.correlation_id': `corr-${trace}` };
  const span = {
    traceId: hex(trace, 32), spanId: hex(trace, 16), name: `span ${trace}`, kind: 2,
    startTimeUnixNano: `${start}`, endTimeUnixNano: `${start + 2_500_000n}`,
    attributes: Object.entries(attributes).map(([key, value]) => ({ key, value: { stringValue: value } })),
  };
  const body = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'orders' } }] }, scopeSpans: [{ spans: [span] }] }] };
  const response = await fetch(`${to.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(response.status, 200);
  await response.body?.cancel();
}

const list = async (from: TraceReceiver, query = '') => ((await (await fetch(`${from.url}/traces${query}`)).json()) as { items: TraceSummary[] }).items;

test('the receiver keeps the most recent traces and finds them by trace, order and correlation id', async () => {
  const small = await startTraceReceiver({ maxTraces: 2 });
  try {
    for (const trace of [1, 2, 3]) await sendTrace(small, trace);
    assert.deepEqual((await list(small)).map((t) => t.traceId), [hex(3, 32), hex(2, 32)], 'the oldest trace made room, newest first');
    assert.deepEqual((await list(small, '?orderId=order-2')).map((t) => t.traceId), [hex(2, 32)]);
    assert.deepEqual((await list(small, '?correlationId=corr-3')).map((t) => t.root), [{ name: 'span 3', service: 'orders' }]);
    assert.deepEqual(await list(small, `?traceId=${hex(1, 32)}`), [], 'an evicted trace is gone');
    const one = (await (await fetch(`${small.url}/traces/${hex(3, 32)}`)).json()) as { spans: SpanRecord[] };
    assert.equal(one.spans.length, 1);
    assert.equal(one.spans[0]!.kind, 'server');
    assert.equal(one.spans[0]!.durationMs, 2.5);
    assert.equal(one.spans[0]!.attributes['bazaar.order_id'], 'order-3');
  } finally {
    await small.close();
  }
  const busy = await startTraceReceiver({ maxTraces: 2 });
  try {
    await sendTrace(busy, 1);
    for (const trace of [2, 3, 4]) await sendTrace(busy, trace, false);
    assert.deepEqual((await list(busy)).map((t) => t.traceId), [hex(4, 32), hex(1, 32)], 'routine traces go before one about an order');
  } finally {
    await busy.close();
  }
  const bounded = await startTraceReceiver({ maxTraces: 10, maxSpans: 2 });
  try {
    for (const trace of [1, 2, 3]) await sendTrace(bounded, trace);
    assert.deepEqual((await list(bounded)).map((t) => t.traceId), [hex(3, 32), hex(2, 32)], 'past the span budget, the oldest trace goes');
  } finally {
    await bounded.close();
  }
});
