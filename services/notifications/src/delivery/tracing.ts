// How notifications' asynchronous hops stay in the trace of the event that caused a message: the
// history row keeps the traceparent of the span that handled the event, the dispatcher adds each job
// in a producer span below it (the job carries that span's traceparent, as an AMQP message carries the
// relay's publish span), and the worker sends in a consumer span below that, with the SMTP exchange
// as a client span of its own. With tracing off the API makes no span and the row's traceparent is
// passed on unchanged.
import { ROOT_CONTEXT, SpanKind, isSpanContextValid, propagation, trace, type Link, type Span, type SpanContext } from '@opentelemetry/api';
import { BazaarAttributes, recordError } from '@bazaar/platform';

const tracer = trace.getTracer('@bazaar/notifications');

/** The job's name in BullMQ, also the message type its spans are named after (`publish send`, `process send`). */
export const JOB_NAME = 'send';

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** A traceparent read back from Redis or the history, only if it is one (job data is not trusted blindly). */
export const acceptedTraceparent = (value: unknown): string | undefined =>
  typeof value === 'string' && TRACEPARENT.test(value) ? value : undefined;

const format = (span: SpanContext) => `00-${span.traceId}-${span.spanId}-${(span.traceFlags & 1) === 1 ? '01' : '00'}`;

export interface Enqueued { id: string; jobId: string; orderId?: string | null; traceparent?: string | null }

/**
 * Opens one producer span per message about to be added to `queueName`, below the context stored with its row (and
 * linked to it, as the kit's relay does), and linked to the span that asked for the add when it is
 * another trace (an admin's retry). `traceparentOf(i)` is what the i-th job carries; `end` closes them
 * all once the add is done or failed.
 */
export function startAddSpans(queueName: string, messages: Enqueued[]): { traceparentOf: (i: number) => string | undefined; end: (error?: unknown) => void } {
  const asking = trace.getActiveSpan()?.spanContext();
  const spans: Span[] = messages.map((m) => {
    const stored = acceptedTraceparent(m.traceparent);
    const parent = stored ? propagation.extract(ROOT_CONTEXT, { traceparent: stored }) : ROOT_CONTEXT;
    const creation = trace.getSpanContext(parent);
    const links: Link[] = [];
    if (creation) links.push({ context: creation });
    if (asking && isSpanContextValid(asking) && asking.traceId !== creation?.traceId) links.push({ context: asking });
    return tracer.startSpan(`publish ${JOB_NAME}`, {
      kind: SpanKind.PRODUCER,
      links,
      attributes: {
        'messaging.system': 'bullmq',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'publish',
        'messaging.destination.name': queueName,
        'messaging.message.id': m.jobId,
        [BazaarAttributes.messageType]: JOB_NAME,
        'bazaar.notification.id': m.id,
        ...(m.orderId ? { [BazaarAttributes.orderId]: m.orderId } : {}),
      },
    }, parent);
  });
  return {
    traceparentOf(i) {
      const context = spans[i]?.spanContext();
      return context && isSpanContextValid(context) ? format(context) : acceptedTraceparent(messages[i]?.traceparent);
    },
    end(error) {
      for (const span of spans) {
        if (error !== undefined) recordError(span, error);
        span.end();
      }
    },
  };
}

/** The domain of an address, lower-cased and bounded: all of the recipient a span may name. */
export function recipientDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase().slice(0, 255);
}

export interface SmtpTarget { host: string; port: number }

/**
 * Runs one SMTP send in a client span `smtp send` below the active span (the worker's): nodemailer's
 * socket is not instrumented, so without it the time the server took would not show. It names the
 * server and the recipient's domain, never the address, and the server's reply code on failure.
 */
export async function withSmtpSpan<T>(server: SmtpTarget, recipient: string, fn: () => Promise<T>): Promise<T> {
  const span = tracer.startSpan('smtp send', {
    kind: SpanKind.CLIENT,
    attributes: {
      'network.protocol.name': 'smtp',
      'server.address': server.host,
      'server.port': server.port,
      'bazaar.email.recipient_domain': recipientDomain(recipient),
    },
  });
  try {
    return await fn();
  } catch (error) {
    const code = (error as { responseCode?: unknown }).responseCode;
    if (typeof code === 'number') span.setAttribute('bazaar.smtp.response_code', code);
    recordError(span, error);
    throw error;
  } finally {
    span.end();
  }
}
