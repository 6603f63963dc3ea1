// The saga's I/O, kept small: load the saga (locked) and the order's facts, ask `decide`, and write
// the new state, the timeline, the commands and events and the order's status in the caller's
// transaction. A crash anywhere loses nothing: either all of it committed, or none of it did and the
// reply is delivered again (or the deadline job finds the saga).
import type { Logger, PoolClient } from '@bazaar/platform';
import type { Publish } from '../events.js';
import { linesBySku } from '../orders/order.js';
import { findItems, findOrder, findRecipient, setOrderStatus } from '../orders/order.store.js';
import { copyPaymentEvent, copyShipmentEvent } from '../orders/status-copies.store.js';
import { decide, orderStatusOf } from './saga.js';
import { appendSteps, insertSaga, lockSaga, lockSagaByReservation, updateSaga, type StoredSaga } from './saga.store.js';
import type { Decision, OrderFacts, Reply, ReplyType, Saga, SagaInput, SagaSettings } from './saga.types.js';

export interface SagaRunnerDeps {
  settings: SagaSettings;
  now: () => Date;
  publish: Publish;
  logger?: Pick<Logger, 'info' | 'warn' | 'debug'>;
}

/** What the saga's commands need of the order, read from orders' own tables. */
export async function loadFacts(client: PoolClient, orderId: string, paymentMethodRef: string): Promise<OrderFacts> {
  // One after another: a client runs one query at a time.
  const order = await findOrder(client, orderId);
  const items = await findItems(client, orderId);
  const recipient = await findRecipient(client, orderId);
  if (!order || !recipient) throw new Error(`order ${orderId} has a saga but no order or recipient`);
  return {
    orderId, orderNumber: order.number, userId: order.userId, totalMinor: order.totalMinor, currency: order.currency,
    paymentMethodId: paymentMethodRef, lines: linesBySku(items), recipient,
  };
}

/** The order's reason as customers see it: why it is cancelled or rejected, or why a cancellation was refused. */
const reasonOf = (saga: Saga): string | null => (saga.state === 'authorizing' || saga.state === 'reserving' || saga.state === 'shipping' || saga.state === 'capturing' ? null : saga.reason);

/** Writes a decision: the saga, its timeline, its commands and events, the order's status. */
export async function recordDecision(
  client: PoolClient, deps: Pick<SagaRunnerDeps, 'publish'>, decision: Decision, at: Date, insert?: { paymentMethodRef: string },
): Promise<void> {
  const { saga } = decision;
  if (insert) await insertSaga(client, saga, insert.paymentMethodRef);
  else await updateSaga(client, saga);
  await appendSteps(client, saga.orderId, decision.log, at);
  for (const command of decision.commands) await deps.publish(client, command.type, command.payload);
  for (const event of decision.events) await deps.publish(client, event.type, event.payload);
  await setOrderStatus(client, saga.orderId, orderStatusOf(saga), reasonOf(saga));
}

/** Decides on one input for a saga locked by the caller, and records the decision unless it is a refusal. */
export async function applyToSaga(client: PoolClient, deps: SagaRunnerDeps, stored: StoredSaga, input: SagaInput): Promise<Decision> {
  const now = deps.now();
  const facts = await loadFacts(client, stored.saga.orderId, stored.paymentMethodRef);
  const decision = decide(stored.saga, input, { ...deps.settings, now, facts });
  if (decision.changed && decision.refused === undefined) await recordDecision(client, deps, decision, now);
  return decision;
}

export type ReplyHandler = (client: PoolClient, reply: Reply) => Promise<void>;

/**
 * Handles one reply from payments, inventory or shipping inside the consumer's (inbox) transaction:
 * the saga is locked first (every change to one saga is serialised on that lock), the status copy
 * is updated if the reply carries a newer version, then the saga decides. A reply for no saga of ours
 * is acknowledged and ignored.
 */
export function createReplyHandler(deps: SagaRunnerDeps): ReplyHandler {
  return async (client, reply) => {
    const stored = reply.type.startsWith('stock.')
      ? await lockSagaByReservation(client, (reply.payload as { reservationId: string }).reservationId)
      : await lockSaga(client, reply.payload.orderId!);
    if (!stored) {
      deps.logger?.warn({ type: reply.type, orderId: reply.payload.orderId }, 'a reply for no checkout of ours: ignored');
      return;
    }
    const orderId = stored.saga.orderId;
    if (reply.type.startsWith('payment.')) await copyPaymentEvent(client, orderId, reply as Parameters<typeof copyPaymentEvent>[2]);
    if (reply.type.startsWith('shipment.')) await copyShipmentEvent(client, orderId, reply as Parameters<typeof copyShipmentEvent>[2]);
    const decision = await applyToSaga(client, deps, stored, reply);
    deps.logger?.debug({ orderId, type: reply.type, changed: decision.changed, state: decision.saga.state, sent: decision.commands.map((c) => c.type) }, 'checkout reply applied');
  };
}

/** The handlers to register with createMessaging: one per reply type, all through `handle`. */
export function replyHandlers(handle: ReplyHandler, types: readonly ReplyType[]): Record<ReplyType, (envelope: { type: string; payload: unknown }, client: PoolClient) => Promise<void>> {
  return Object.fromEntries(
    types.map((type) => [type, (envelope: { type: string; payload: unknown }, client: PoolClient) => handle(client, { type, payload: envelope.payload } as Reply)]),
  ) as Record<ReplyType, (envelope: { type: string; payload: unknown }, client: PoolClient) => Promise<void>>;
}
