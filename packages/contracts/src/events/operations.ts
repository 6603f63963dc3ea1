import { Type, type Static } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { Timestamp } from '../common.js';

/**
 * Operational events: not a domain fact but what happened to a message, announced by the service
 * kit itself so that one place (analytics) can keep the history that each service's dead-letter queue
 * only holds until it is replayed.
 */

/** A service's consumer parked a message in its dead-letter queue (after its last attempt, or refused at once). */
export const MessageDeadLetteredV1 = Type.Object({
  service: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 60 }),
  queue: Type.String({ minLength: 1, maxLength: 200, description: 'the work queue it failed on' }),
  messageId: Type.String({ minLength: 1, maxLength: 128 }),
  messageType: Type.String({ minLength: 1, maxLength: 100, description: "the parked message's type, or unknown when it was unreadable" }),
  reason: Type.String({ minLength: 1, maxLength: 2000 }),
  attempts: Type.Integer({ minimum: 1, maximum: 100_000, description: 'deliveries it had, the last included' }),
  outcome: Type.Union([Type.Literal('dead_lettered'), Type.Literal('invalid')], { description: 'dead_lettered: attempts used up; invalid: refused without retry' }),
  parkedAt: Timestamp,
});

export type MessageDeadLetteredPayload = Static<typeof MessageDeadLetteredV1>;

export const operationEvents = {
  'message.dead-lettered': { 1: MessageDeadLetteredV1 },
} as const satisfies MessageRegistry;
