import { randomBytes } from 'node:crypto';
import { Type, type Static } from 'typebox';
import { currentContext, currentTraceparent } from '../context.js';
import { originTraceparent } from '../observability/tracing.js';
import { uuidv7 } from './uuid.js';

/** The envelope every event and command travels in; its payload is checked against the contracts. */
export const EnvelopeSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  // Dotted lower-case words; a word may hold - or _ (shipment.picked_up, payment.capture-failed).
  type: Type.String({ pattern: '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+$' }),
  version: Type.Integer({ minimum: 1 }),
  source: Type.String({ minLength: 1 }),
  occurredAt: Type.String({ format: 'date-time' }),
  correlationId: Type.String({ minLength: 1, maxLength: 128 }),
  causationId: Type.String({ minLength: 1, maxLength: 128 }),
  traceparent: Type.String({ pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' }),
  payload: Type.Unknown(),
});

/** A message as sent and received. `T` is its type, `V` its version, `P` its payload. */
export type Envelope<T extends string = string, V extends number = number, P = unknown> = Omit<
  Static<typeof EnvelopeSchema>,
  'type' | 'version' | 'payload'
> & { type: T; version: V; payload: P };

const newTraceparent = () => `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;

/**
 * Wraps a payload for sending, taking the ids from the current context: the correlation id of the
 * request or message being handled, its message id as causation (or the correlation id when a
 * request caused it), and its trace context: the active span's, so the context is stored with the
 * outbox row and the consumer's span continues the trace. Outside any context the message starts a
 * new chain (and, with tracing on, a trace from a span of its own).
 */
export function createEnvelope<T extends string, V extends number, P>(
  source: string,
  type: T,
  version: V,
  payload: P,
): Envelope<T, V, P> {
  const id = uuidv7();
  const context = currentContext();
  const correlationId = context?.correlationId ?? id;
  return {
    id,
    type,
    version,
    source,
    occurredAt: new Date().toISOString(),
    correlationId,
    causationId: context?.causationId ?? correlationId,
    traceparent: currentTraceparent(context) ?? originTraceparent(type) ?? newTraceparent(),
    payload,
  };
}
