// The saga's I/O, kept small: load the saga (locked) and the order's facts, ask `decide`, and write
// the new state, the timeline, the commands and events and the order's status in the caller's
// transaction. A crash anywhere loses nothing: either all of it committed, or none of it did and the
// reply is delivered again (or the deadline job finds the saga).
import { events, type Messages } from '@bazaar/contracts';
import { afterCommit, payloadHandlers, type Logger, type PoolClient, type Publish, type Sends } from '@bazaar/platform';
import { decide, orderStatusOf, startSaga } from './saga.js';
import { sagaIdsFor } from './saga.ids.js';
import { appendSteps, insertSaga, lockSaga, lockSagaByReservation, updateSaga, type StoredSaga } from './saga.store.js';
import type {
  Decision, OrderEventType, OrderFacts, OrderStatus, ReplyOf, Saga, SagaCommandType, SagaInput, SagaMessage, SagaSettings, StepLogEntry,
} from './saga.types.js';

/** How the saga sends its commands and announces the order's events: each with its contract's payload. */
export type SagaPublish = Publish<Sends<Messages, SagaCommandType | OrderEventType>>;

/**
 * What the saga reads and writes of its order, on the caller's transaction. The order's tables are
 * orders/' own (orders/order-records.store.ts): the saga is given them, so checkout/ does not import orders/.
 */
export interface OrderRecords {
  /** What the saga's commands need of the order. */
  facts(client: PoolClient, orderId: string, paymentMethodRef: string): Promise<OrderFacts>;
  /**
   * The order's status, and the reason customers see, as the saga leaves it (a confirmed order's
   * status is refined there from its parcel).
   */
  setStatus(client: PoolClient, orderId: string, status: OrderStatus, reason: string | null): Promise<void>;
  /**
   * Brings the order's copy of the payment's or the shipment's status up to date from a reply or a
   * delivery event: whether the copy changed (a stale one changes nothing), and the timeline entries
   * the change makes (a delivery's news).
   */
  copyReply(client: PoolClient, orderId: string, reply: SagaMessage): Promise<{ changed: boolean; timeline: StepLogEntry[] }>;
}

export interface SagaRunnerDeps {
  settings: SagaSettings;
  now: () => Date;
  /** Where the saga's commands and the order's events go: the outbox's `publish`, or a test database's. */
  publish: SagaPublish;
  orders: OrderRecords;
  /** Whether a new checkout is screened for fraud (the flag, asked once per saga); none: never. */
  screening?: ScreeningPolicy;
  logger?: Pick<Logger, 'info' | 'warn' | 'debug'>;
}

/** Decides, when a checkout starts, whether it is screened for fraud (screening.ts: the `checkout-fraud-check` flag). */
export interface ScreeningPolicy {
  screens(facts: OrderFacts): Promise<boolean>;
  /** Called once a checkout that waits for its screening has committed: wakes the screening job. */
  queued?(): void;
}

/** The order's reason as customers see it: why it is cancelled or rejected, or why a cancellation was refused. */
const reasonOf = (saga: Saga): string | null => (saga.state === 'screening' || saga.state === 'authorizing' || saga.state === 'reserving' || saga.state === 'shipping' || saga.state === 'capturing' ? null : saga.reason);

/**
 * Writes a decision: the saga (new, or moved on from `previous`), its timeline, its commands and
 * events, the order's status.
 */
export async function recordDecision(
  client: PoolClient, deps: Pick<SagaRunnerDeps, 'publish' | 'orders'>, decision: Decision, at: Date,
  from: { insert: { paymentMethodRef: string } } | { previous: Saga },
): Promise<void> {
  const { saga } = decision;
  if ('insert' in from) await insertSaga(client, saga, from.insert.paymentMethodRef);
  else await updateSaga(client, saga);
  await appendSteps(client, saga.orderId, decision.log, at);
  for (const command of decision.commands) await deps.publish(client, command.type, command.payload);
  for (const event of decision.events) await deps.publish(client, event.type, event.payload);
  if ('insert' in from || statusMayMove(from.previous, saga)) await writeStatus(client, deps, saga);
}

/**
 * Whether a step from `previous` to `next` may change the order's status. Only the saga writes it
 * (writeStatus), from its state and reason and, once confirmed, from the parcel's copy, so a step that
 * leaves the first two alone (authorizing → reserving → shipping → capturing are all "pending") would
 * write what is there already: a round trip per step saved. A confirmed order is always written,
 * since the reply that confirmed it may have moved its parcel's copy in the same transaction.
 */
export function statusMayMove(previous: Saga, next: Saga): boolean {
  return orderStatusOf(next) === 'confirmed' || orderStatusOf(previous) !== orderStatusOf(next) || reasonOf(previous) !== reasonOf(next);
}

/**
 * Starts a new order's saga in the caller's transaction (the one that writes the order): whether it
 * screens for fraud is asked of the policy here, once, and kept with the saga.
 */
export async function startCheckout(
  client: PoolClient, deps: Pick<SagaRunnerDeps, 'publish' | 'orders' | 'settings' | 'screening'>, facts: OrderFacts, now: Date, paymentMethodRef: string,
): Promise<Decision> {
  const fraudCheck = deps.screening ? await deps.screening.screens(facts) : false;
  const decision = startSaga(facts, sagaIdsFor(facts.orderId), deps.settings, now, { fraudCheck });
  await recordDecision(client, deps, decision, now, { insert: { paymentMethodRef } });
  const queued = deps.screening?.queued;
  if (fraudCheck && queued) afterCommit(client, () => queued());
  return decision;
}

const writeStatus = (client: PoolClient, deps: Pick<SagaRunnerDeps, 'orders'>, saga: Saga) =>
  deps.orders.setStatus(client, saga.orderId, orderStatusOf(saga), reasonOf(saga));

/** Decides on one input for a saga locked by the caller, and records the decision unless it is a refusal. */
export async function applyToSaga(client: PoolClient, deps: SagaRunnerDeps, stored: StoredSaga, input: SagaInput): Promise<Decision> {
  const now = deps.now();
  const facts = await deps.orders.facts(client, stored.saga.orderId, stored.paymentMethodRef);
  const decision = decide(stored.saga, input, { ...deps.settings, now, facts });
  if (decision.changed && decision.refused === undefined) await recordDecision(client, deps, decision, now, { previous: stored.saga });
  return decision;
}

export type ReplyHandler = (client: PoolClient, reply: SagaMessage) => Promise<void>;

const isStockReply = (reply: SagaMessage): reply is ReplyOf<'stock.reserved' | 'stock.reservation-rejected' | 'stock.released'> => reply.type.startsWith('stock.');

/**
 * Handles one reply from payments, inventory or shipping, or one delivery event, inside the
 * consumer's (inbox) transaction: the saga is locked first (every change to one saga, its copies and
 * its order's status is serialised on that lock), the status copy is updated if the message carries
 * a newer version (with the timeline entry a delivery makes), then the saga decides. The order's
 * status follows the copy even when the saga has nothing to decide (a parcel delivered). A message
 * for no saga of ours is acknowledged and ignored.
 */
export function createReplyHandler(deps: SagaRunnerDeps): ReplyHandler {
  return async (client, reply) => {
    // A reservation's replies are found by its id (a release need not name the order).
    const stored = isStockReply(reply) ? await lockSagaByReservation(client, reply.payload.reservationId) : await lockSaga(client, reply.payload.orderId);
    if (!stored) {
      deps.logger?.warn({ type: reply.type, orderId: reply.payload.orderId }, 'a reply for no checkout of ours: ignored');
      return;
    }
    const orderId = stored.saga.orderId;
    const copied = await deps.orders.copyReply(client, orderId, reply);
    await appendSteps(client, orderId, copied.timeline, deps.now());
    const decision = await applyToSaga(client, deps, stored, reply);
    if (copied.changed && !decision.changed) await writeStatus(client, deps, decision.saga);
    deps.logger?.debug({ orderId, type: reply.type, changed: decision.changed, state: decision.saga.state, sent: decision.commands.map((c) => c.type) }, 'checkout reply applied');
  };
}

/**
 * The handlers to register with createMessaging: one per reply and delivery event type, each given
 * its contract's payload, all through `handle` (the kit binds orders' queue to each type named here).
 */
export function replyHandlers(handle: ReplyHandler) {
  return payloadHandlers(events, {
    'payment.authorized': (client, payload) => handle(client, { type: 'payment.authorized', payload }),
    'payment.declined': (client, payload) => handle(client, { type: 'payment.declined', payload }),
    'payment.captured': (client, payload) => handle(client, { type: 'payment.captured', payload }),
    'payment.capture-failed': (client, payload) => handle(client, { type: 'payment.capture-failed', payload }),
    'payment.voided': (client, payload) => handle(client, { type: 'payment.voided', payload }),
    'payment.void-failed': (client, payload) => handle(client, { type: 'payment.void-failed', payload }),
    'payment.refunded': (client, payload) => handle(client, { type: 'payment.refunded', payload }),
    'payment.refund-failed': (client, payload) => handle(client, { type: 'payment.refund-failed', payload }),
    'stock.reserved': (client, payload) => handle(client, { type: 'stock.reserved', payload }),
    'stock.reservation-rejected': (client, payload) => handle(client, { type: 'stock.reservation-rejected', payload }),
    'stock.released': (client, payload) => handle(client, { type: 'stock.released', payload }),
    'shipment.created': (client, payload) => handle(client, { type: 'shipment.created', payload }),
    'shipment.failed': (client, payload) => handle(client, { type: 'shipment.failed', payload }),
    'shipment.cancelled': (client, payload) => handle(client, { type: 'shipment.cancelled', payload }),
    'shipment.cancel-refused': (client, payload) => handle(client, { type: 'shipment.cancel-refused', payload }),
    'shipment.dispatched': (client, payload) => handle(client, { type: 'shipment.dispatched', payload }),
    'shipment.handed_back': (client, payload) => handle(client, { type: 'shipment.handed_back', payload }),
    'shipment.picked_up': (client, payload) => handle(client, { type: 'shipment.picked_up', payload }),
    'shipment.attempt_failed': (client, payload) => handle(client, { type: 'shipment.attempt_failed', payload }),
    'shipment.delivered': (client, payload) => handle(client, { type: 'shipment.delivered', payload }),
    'shipment.returned': (client, payload) => handle(client, { type: 'shipment.returned', payload }),
  });
}
