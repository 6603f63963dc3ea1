import { MatchersV3 } from '@pact-foundation/pact';

const { regex } = MatchersV3;

// Anchored: pact's regex matcher accepts a match anywhere in the value otherwise.
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const TIMESTAMP = '^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$';
const TRACEPARENT = '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$';

/** Any uuid. */
export const uuid = (example: string) => regex(UUID, example);
/** Any RFC 3339 timestamp. */
export const timestamp = (example = '2026-03-14T10:00:00.000Z') => regex(TIMESTAMP, example);
/** Any non-empty text on one line, at most `max` characters when given. */
export const text = (example: string, max?: number) => regex(max ? `^.{1,${max}}$` : '^.+$', example);
/** Exactly one of `values` (which must be plain words, not patterns). */
export const oneOf = (values: readonly string[], example: string) => regex(`^(${values.join('|')})$`, example);
/** Any W3C traceparent. */
export const traceparent = (example = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01') => regex(TRACEPARENT, example);

export interface EnvelopeExample {
  /** The message type, matched exactly: it picks the contract. */
  type: string;
  /** The payload's version, matched exactly (default 1). */
  version?: number;
  /** The example id; fixed examples keep the recorded pact the same from run to run. */
  id: string;
  source: string;
  correlationId: string;
  causationId: string;
  /** The payload fields the consumer relies on, with their matchers. */
  payload: Record<string, unknown>;
}

/**
 * A message as a consumer's kit checks it on receipt (the platform's envelope): type and version
 * exactly, every other envelope field by its shape, and the payload as given.
 */
export function messageEnvelope(example: EnvelopeExample) {
  return {
    id: uuid(example.id),
    type: example.type,
    version: example.version ?? 1,
    source: text(example.source),
    occurredAt: timestamp(),
    correlationId: text(example.correlationId, 128),
    causationId: text(example.causationId, 128),
    traceparent: traceparent(),
    payload: example.payload,
  };
}

/**
 * A Verifier `requestFilter` that puts a valid token of the provider's own issuer where the pact
 * recorded an Authorization header (the recorded one was signed by the consumer's test key).
 * Requests without one (provider-state set-up calls, public routes) pass unchanged.
 */
export function replaceBearerToken(token: string | (() => string)) {
  return (request: { headers: Record<string, unknown> }, _response: unknown, next: () => void): void => {
    if (request.headers.authorization !== undefined) request.headers.authorization = `Bearer ${typeof token === 'function' ? token() : token}`;
    next();
  };
}
