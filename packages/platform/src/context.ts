import { AsyncLocalStorage } from 'node:async_hooks';
import { activeTraceparent, httpClientInstrumented } from './observability/tracing.js';

/** What travels with a unit of work (a request, a message) to the calls and messages it causes. */
export interface RequestContext {
  correlationId: string;
  /**
   * W3C trace context of the incoming request or message. With tracing on, the active span's context
   * is what is passed on (see {@link currentTraceparent}); this one only when no span is made.
   */
  traceparent?: string;
  /** The id of the message being handled, which becomes the causationId of messages it sends. */
  causationId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` visible to {@link currentContext} for everything it awaits. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller's correlation id only if it is short and plain, so it is safe in logs and headers. */
export function acceptCorrelationId(value: unknown): string | undefined {
  return typeof value === 'string' && CORRELATION_ID.test(value) ? value : undefined;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function acceptTraceparent(value: unknown): string | undefined {
  return typeof value === 'string' && TRACEPARENT.test(value) ? value : undefined;
}

/**
 * The trace context that work caused now should carry: the active span's, else (tracing off) the one
 * the request or message came with.
 */
export function currentTraceparent(context = currentContext()): string | undefined {
  return activeTraceparent() ?? context?.traceparent;
}

/**
 * Headers that carry the current context to an outgoing HTTP call. When tracing instruments the HTTP
 * client, `traceparent` is left to it (it sends its client span's); set here too, it would be sent twice.
 */
export function contextHeaders(context = currentContext()): Record<string, string> {
  if (!context) return {};
  const traceparent = httpClientInstrumented() ? undefined : currentTraceparent(context);
  return {
    'x-correlation-id': context.correlationId,
    ...(traceparent ? { traceparent } : {}),
  };
}
