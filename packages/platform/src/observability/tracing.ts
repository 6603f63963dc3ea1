import {
  ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, isSpanContextValid,
  type Attributes, type Context, type Span, type SpanContext,
} from '@opentelemetry/api';
import type { FastifyPluginCallback } from 'fastify';

/**
 * What the kit's own code needs from tracing: the spans it makes around messages, the traceparent it
 * writes into envelopes, the ids it adds to log lines. Everything goes through the OpenTelemetry API,
 * which does nothing until an SDK is registered (setup.ts, through the `--import` of register.ts): a
 * process without it, or with OTEL_SDK_DISABLED=true, pays for no span and behaves as before.
 */
export const tracer = trace.getTracer('@bazaar/platform');

/**
 * What the setup (setup.ts, loaded only by the `--import` of register.ts, so that a process without
 * tracing never loads the SDK) hands to the rest of the kit.
 */
export interface TracingRuntime {
  /** The Fastify plugin that makes a span per request. */
  fastifyPlugin: () => FastifyPluginCallback;
  /** Flushes the spans still buffered and stops. */
  shutdown: () => Promise<void>;
}

/**
 * Where the set-up leaves the runtime: on the global object, under a registered symbol, because a
 * service runs as a bundle (tools/bundle.mjs) holding its own copy of this module, beside the copy
 * the `--import` of register.ts loaded. (The OpenTelemetry API shares its globals the same way.)
 */
const RUNTIME = Symbol.for('@bazaar/platform/tracing-runtime');
const slot = globalThis as { [RUNTIME]?: TracingRuntime };

export function installTracingRuntime(value: TracingRuntime | undefined): void {
  slot[RUNTIME] = value;
}

/**
 * True once tracing is set up, outgoing HTTP calls included: the instrumentation then writes the
 * `traceparent` of its own client span, and a header the kit also set would be sent twice.
 */
export const httpClientInstrumented = (): boolean => slot[RUNTIME] !== undefined;

/** The Fastify plugin that makes a span per request, or undefined when tracing is not set up. */
export const fastifyTracingPlugin = (): FastifyPluginCallback | undefined => slot[RUNTIME]?.fastifyPlugin();

/** Sends the spans still buffered and stops tracing, if it was set up; for a service's shutdown. */
export async function shutdownTracing(): Promise<void> {
  const current = slot[RUNTIME];
  slot[RUNTIME] = undefined;
  await current?.shutdown();
}

const formatTraceparent = (span: SpanContext) => `00-${span.traceId}-${span.spanId}-${(span.traceFlags & 1) === 1 ? '01' : '00'}`;

/** The W3C traceparent of the active span, or undefined outside any (or when tracing is off). */
export function activeTraceparent(): string | undefined {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? formatTraceparent(span) : undefined;
}

/**
 * The trace context of a message written outside any span (by a timer, a job): a `create` span of its
 * own, so the work it causes is a trace whose root is where it began rather than a parent that never
 * existed. Undefined when tracing is off.
 */
export function originTraceparent(type: string): string | undefined {
  if (!slot[RUNTIME]) return undefined;
  const span = tracer.startSpan(`create ${type}`, { kind: SpanKind.PRODUCER, attributes: { [BazaarAttributes.messageType]: type } }, ROOT_CONTEXT);
  span.end();
  const spanContext = span.spanContext();
  return isSpanContextValid(spanContext) ? formatTraceparent(spanContext) : undefined;
}

/** The context a traceparent stands for, as the parent of spans made for the work it caused. */
export function contextOf(traceparent: string | undefined, base: Context = ROOT_CONTEXT): Context {
  return traceparent ? propagation.extract(base, { traceparent }) : base;
}

/** `trace_id` and `span_id` of the active span, for a log line; the traceparent's ids as a fallback. */
export function traceFields(fallbackTraceparent?: string): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  if (span && isSpanContextValid(span)) return { trace_id: span.traceId, span_id: span.spanId };
  if (fallbackTraceparent) return { trace_id: fallbackTraceparent.slice(3, 35), span_id: fallbackTraceparent.slice(36, 52) };
  return {};
}

/** Span attributes the kit adds where it knows them; the trace receiver searches by them. */
export const BazaarAttributes = {
  correlationId: 'bazaar.correlation_id',
  orderId: 'bazaar.order_id',
  messageType: 'bazaar.message.type',
  attempt: 'bazaar.message.attempt',
} as const;

/** The order a message is about, when its payload names one (most of the saga's do). */
export function orderIdOf(payload: unknown): string | undefined {
  const id = (payload as { orderId?: unknown } | null | undefined)?.orderId;
  return typeof id === 'string' && id.length <= 128 ? id : undefined;
}

export interface MessageSpanOptions {
  /** `rabbitmq` (the default) for the kit's messages; `bullmq` for a job queue's jobs. */
  system?: string;
  /** The message's type, or the job's name. */
  type: string;
  messageId: string;
  /** The exchange published to, or the queue consumed from. */
  destination: string;
  correlationId?: string;
  payload?: unknown;
  attributes?: Attributes;
}

function messageAttributes(operation: 'send' | 'process', options: MessageSpanOptions): Attributes {
  const orderId = orderIdOf(options.payload);
  return {
    'messaging.system': options.system ?? 'rabbitmq',
    'messaging.operation.type': operation,
    'messaging.operation.name': operation === 'send' ? 'publish' : 'process',
    'messaging.destination.name': options.destination,
    'messaging.message.id': options.messageId,
    [BazaarAttributes.messageType]: options.type,
    ...(options.correlationId ? { [BazaarAttributes.correlationId]: options.correlationId } : {}),
    ...(orderId ? { [BazaarAttributes.orderId]: orderId } : {}),
    ...options.attributes,
  };
}

/**
 * The relay's span for publishing one outbox row: a producer span in the trace of the code that wrote
 * the row (its context was stored in the envelope), so the time a message waited in the outbox shows
 * as the gap before it, and the consumer's span hangs below it.
 */
export function startPublishSpan(envelopeTraceparent: string | undefined, options: MessageSpanOptions): Span {
  const parent = contextOf(envelopeTraceparent);
  const creation = trace.getSpanContext(parent);
  return tracer.startSpan(`publish ${options.type}`, {
    kind: SpanKind.PRODUCER,
    attributes: messageAttributes('send', options),
    // The link names the context the message was created in even where a backend shows the span alone.
    ...(creation ? { links: [{ context: creation }] } : {}),
  }, parent);
}

/** The traceparent to send with a message published under `span`, or the envelope's when not tracing. */
export function traceparentOf(span: Span, fallback: string | undefined): string | undefined {
  const spanContext = span.spanContext();
  return isSpanContextValid(spanContext) ? formatTraceparent(spanContext) : fallback;
}

/**
 * Runs the handling of one delivered message in a consumer span, a child of the producer's context:
 * the relay's publish span when the delivery carries its traceparent header, else the one stored in
 * the envelope. The span ends when `fn` settles, marked as an error if it threw.
 *
 * A job queue's worker does the same with the traceparent its producer stored with the job
 * (`currentTraceparent()` when the job, or the row it is made from, was written), `system: 'bullmq'`.
 */
export async function withConsumerSpan<T>(parentTraceparent: string | undefined, options: MessageSpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const parent = contextOf(parentTraceparent);
  const span = tracer.startSpan(`process ${options.type}`, { kind: SpanKind.CONSUMER, attributes: messageAttributes('process', options) }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    recordError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks a span as failed with the error's message (never its stack in attributes: it may be long). */
export function recordError(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  if (error instanceof Error) span.recordException(error);
}
