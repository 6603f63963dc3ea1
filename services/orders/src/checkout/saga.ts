// The checkout saga as pure decisions: (saga, input, context) => new saga, commands to send, events
// to announce and timeline lines to record. No I/O and no clock: the runner (saga.runner.ts) loads
// the saga under a row lock, calls `decide` and writes everything it returns in one transaction.
//
//   authorize-payment ┐
//     and reserve-stock ├─both succeeded─▶ shipping ──created──▶ capturing ──captured──▶ confirmed
//     (sent together)   ┘                     │                      │                      │
//          │                               failed,              capture failed,        customer cancels
//   either failed (once both answered),    deadline,              deadline,           (before dispatch),
//   deadline, cancel                       cancel                 cancel              reservation lost
//          └──────────────────────────────────┴──────────────────────┴──────────────────────┘
//                                                              ▼
//                                    compensating: cancel-shipment → release-stock → void-payment | refund-payment
//                                                              ▼
//                                             cancelled (or confirmed again, if a cancellation after
//                                             confirmation finds the shipment already dispatched;
//                                             rejected if the payment was declined)
//
// Authorizing the payment and reserving the stock do not depend on each other: both commands are sent
// in one decision (one transaction, one outbox write) and the saga waits for both answers. While it
// waits, its state names the step it still waits on: `authorizing` (step `authorize-payment`) while
// the payment's answer is due, whatever the reservation's, then `reserving` (step `reserve-stock`)
// when only the reservation's is; one deadline covers both (they were sent together). A failure of
// one does not compensate at once: the saga waits for the other's answer (or the deadline), then
// - both succeeded: create the shipment;
// - payment declined, stock reserved: release the stock, then the order is rejected;
// - stock refused, payment authorized: void the payment, then the order is cancelled (as before);
// - both failed: nothing is held, the order is rejected.
// A deadline gives up on whichever of the two is still unanswered and compensates everything that may
// be held, as for any forward step; a late success is undone by the late-reply rules below.
//
// A saga the `checkout-fraud-check` flag screens (decided when it starts, kept in `fraudCheck`) begins
// one step earlier, in `screening`, waiting on `screen-fraud`: the screening job (screening.job.ts)
// asks the fraud scorer and hands its verdict to the saga. Nothing is held yet, so a rejection ends
// the order `rejected` at once (nothing to compensate); a pass, or no verdict in time, goes on to
// authorizing the payment and reserving the stock as above (fail open, see screening.ts).
//
//   screening ──passed, or scorer unavailable / deadline──▶ authorizing (authorize-payment and reserve-stock)
//       │
//   fraud suspected ──▶ rejected (nothing charged or reserved); customer cancels ──▶ cancelled
//
// After confirmation shipping's delivery events (shipment.dispatched … delivered) tell the saga the
// goods have left: from then on nothing is undone, except that a parcel returned undelivered turns a
// confirmed order to compensating with the refund alone (its stock came back through inventory).
//
// The saga keeps what it knows of each thing it asked for (Resources). A forward step that fails or
// misses its deadline turns the saga to compensating; compensations run one at a time, the latest
// step's first, each chosen from what is still held when the previous one answers. A step that timed
// out is compensated too: its outcome is unknown, and every receiver treats a compensation that comes
// before its action as a tombstone (the late action is refused). A compensation that misses its
// deadline is sent again with the same id, with backoff, until it is answered: the invariants depend
// on it. Late replies are learnt (saga.replies.ts); one that finds its thing already undone sends the
// compensation again.
import { clip, commandFor, orderEvent } from './saga.commands.js';
import type { SagaIds } from './saga.ids.js';
import { concernsSaga, DECLINED, learn } from './saga.replies.js';
import {
  isForwardStep, type CommandStep, type CompensationStep, type Decision, type ForwardStep, type OrderEvent, type OrderFacts, type OrderStatus,
  type Resources, type Saga, type SagaContext, type SagaInput, type SagaSettings, type SagaStart, type SagaState, type SagaStep, type Screening,
  type StepLogEntry,
} from './saga.types.js';

export * from './saga.types.js';

/** A compensation is sent again after the step timeout times this backoff, at most 16 times the timeout. */
const RETRY_BACKOFF_CAP = 16;

/**
 * The reason of an order the fraud screening rejects, as the customer reads it (order page, mail)
 * and `order.rejected` carries it; `fraud-suspected` is the part to match on.
 */
export const FRAUD_REJECTION = 'the order did not pass the fraud screening (fraud-suspected)';

/** The reason a customer's cancellation gives the order. */
const CUSTOMER_CANCELLATION = 'cancelled by the customer';

/** Whether the saga waits on the payment's authorization and the stock's reservation, sent together. */
const inParallelSteps = (s: Pick<Saga, 'state'>): boolean => s.state === 'authorizing' || s.state === 'reserving';

/** Decisions are computed on a draft; the input saga is never changed. */
class Draft {
  readonly saga: Saga;
  readonly commands: Decision['commands'] = [];
  readonly events: OrderEvent[] = [];
  readonly log: StepLogEntry[] = [];
  refused?: string;

  constructor(original: Saga, readonly ctx: SagaContext) {
    this.saga = { ...original, ids: { ...original.ids } };
  }

  send(step: CommandStep): void {
    this.commands.push(commandFor(step, this.saga, this.ctx.facts, this.ctx));
  }

  /** Makes `step` the one awaited, sends its command and records that it started. */
  begin(step: SagaStep): void {
    this.saga.step = step;
    this.saga.attempt = 1;
    this.saga.deadlineAt = new Date(this.ctx.now.getTime() + this.ctx.stepTimeoutMs);
    // The screening sends nothing: the screening job finds the saga in `screening` and calls the scorer.
    if (step !== 'screen-fraud') this.send(step);
    this.log.push({ step, kind: isForwardStep(step) ? 'action' : 'compensation', status: 'started', detail: null });
  }

  /**
   * Asks payments to authorize and inventory to reserve, both at once (same decision, same outbox
   * write): the saga waits in `authorizing` for both answers, one deadline for the two.
   */
  beginPaymentAndStock(): void {
    const s = this.saga;
    s.state = 'authorizing';
    s.payment = 'authorizing';
    s.reservation = 'reserving';
    this.begin('authorize-payment');
    this.send('reserve-stock');
    this.log.push({ step: 'reserve-stock', kind: 'action', status: 'started', detail: null });
  }

  settle(state: SagaState): void {
    this.saga.state = state;
    this.saga.step = null;
    this.saga.deadlineAt = null;
    this.saga.attempt = 1;
  }

  announce(type: OrderEvent['type']): void {
    this.events.push(orderEvent(type, this.ctx.facts, this.ctx.now, this.saga.reason, this.saga.payment));
  }

  result(original: Saga): Decision {
    const changed = this.commands.length > 0 || this.log.length > 0 || this.refused !== undefined || JSON.stringify(this.saga) !== JSON.stringify(original);
    return {
      saga: changed ? this.saga : original,
      changed,
      commands: this.commands,
      events: this.events,
      log: this.log,
      ...(this.refused !== undefined ? { refused: this.refused } : {}),
    };
  }
}

/**
 * A new order's saga: it asks payments to authorize the order's total and inventory to reserve its
 * lines, both at once, or first waits for the fraud screening when `start.fraudCheck` says this
 * checkout is screened (kept with the saga for good).
 */
export function startSaga(facts: OrderFacts, ids: SagaIds, settings: SagaSettings, now: Date, start: SagaStart = { fraudCheck: false }): Decision {
  const saga: Saga = {
    orderId: facts.orderId, state: 'screening', step: null, deadlineAt: null, attempt: 1,
    payment: 'none', reservation: 'none', shipment: 'none', afterConfirmation: false, reason: null,
    fraudCheck: start.fraudCheck, ids,
  };
  const draft = new Draft(saga, { ...settings, now, facts });
  if (start.fraudCheck) draft.begin('screen-fraud');
  else draft.beginPaymentAndStock();
  return { ...draft.result(saga), changed: true };
}

export function decide(saga: Saga, input: SagaInput, ctx: SagaContext): Decision {
  const draft = new Draft(saga, ctx);
  switch (input.type) {
    case 'deadline':
      onDeadline(draft);
      break;
    case 'cancel':
      onCancel(draft, input.shippingStatus);
      break;
    case 'screened':
      onScreened(draft, input.screening);
      break;
    default: {
      if (!concernsSaga(saga, input)) break;
      const learned = learn(saga, input);
      Object.assign(draft.saga, learned.resources);
      draft.log.push(...learned.log);
      if (learned.resend) draft.send(learned.resend);
      drive(draft, learned.failure, Object.keys(learned.resources).length > 0);
    }
  }
  return draft.result(saga);
}

/** The order's status as the saga sees it; a confirmed order's parcel refines it (`withDelivery`, orders/). */
export function orderStatusOf(saga: Pick<Saga, 'state'>): OrderStatus {
  switch (saga.state) {
    case 'screening': case 'authorizing': case 'reserving': case 'shipping': case 'capturing': return 'pending';
    case 'compensating': return 'cancelling';
    default: return saga.state;
  }
}

/** What still has to be undone, latest step first; undefined when nothing is held any more. */
export function nextCompensation(resources: Resources): CompensationStep | undefined {
  if (resources.shipment === 'creating' || resources.shipment === 'created') return 'cancel-shipment';
  if (resources.reservation === 'reserving' || resources.reservation === 'reserved') return 'release-stock';
  if (resources.payment === 'authorizing' || resources.payment === 'authorized' || resources.payment === 'capturing') return 'void-payment';
  if (resources.payment === 'captured') return 'refund-payment';
  return undefined;
}

/**
 * Moves the saga on from what it now knows. `failure` is why the awaited step failed, if it did;
 * `learnt` whether the reply changed what the saga knows.
 */
function drive(draft: Draft, failure: string | undefined, learnt: boolean): void {
  const s = draft.saga;
  switch (s.state) {
    case 'screening':
      return; // nothing has been asked of anyone yet: no reply moves it (the screening's verdict does)
    case 'authorizing':
    case 'reserving':
      return driveParallelSteps(draft, failure);
    case 'shipping':
      if (s.payment !== 'authorized' || s.reservation !== 'reserved') return compensate(draft, failure ?? 'a previous step was undone');
      if (s.shipment === 'created') return advance(draft, 'capturing', 'capture-payment');
      if (s.shipment !== 'creating') return compensate(draft, failure ?? 'the shipment could not be created');
      return;
    case 'capturing':
      if (s.reservation !== 'reserved' || s.shipment !== 'created') return compensate(draft, failure ?? 'a previous step was undone');
      if (s.payment === 'captured') return confirm(draft);
      if (s.payment !== 'capturing') return compensate(draft, failure ?? 'the payment could not be captured');
      return;
    case 'confirmed':
      // A confirmed order must keep its reservation and shipment until dispatch; one that loses either
      // before is cancelled (and refunded). Once dispatched, the goods are on their way: nothing to
      // undo, whatever a late reply says, unless the parcel comes back: then the customer is refunded
      // (the shipment is over and the items are back in stock, so the refund is all there is to do).
      if (s.shipment === 'returned') {
        s.afterConfirmation = true;
        return compensate(draft, failure ?? 'the parcel was returned');
      }
      if (s.shipment !== 'dispatched' && (s.reservation !== 'reserved' || s.shipment !== 'created')) {
        s.afterConfirmation = true;
        return compensate(draft, failure ?? 'the order lost its stock or shipment');
      }
      return;
    case 'compensating':
      return continueCompensation(draft);
    case 'cancelled':
    case 'rejected': {
      // Settled, yet a late reply shows something held again (captured after a void that found
      // nothing): undo it. Its answer is learnt like any other.
      const next = learnt ? nextCompensation(s) : undefined;
      if (next) {
        draft.send(next);
        draft.log.push({ step: next, kind: 'compensation', status: 'started', detail: 'after the order was settled' });
      }
    }
  }
}

/**
 * The payment's authorization and the stock's reservation, asked together: on once both succeeded;
 * while one is unanswered, wait for it (a failure's reason is kept for the order); once both are
 * answered and one failed, undo what is held. A reservation never asked for (`none`: a saga started
 * before the two were sent together, authorizing alone) is asked for once the payment is authorized.
 */
function driveParallelSteps(draft: Draft, failure: string | undefined): void {
  const s = draft.saga;
  const p = s.payment;
  const r = s.reservation;
  if (failure && s.reason === null) s.reason = clip(failure);
  if (p === 'authorized' && r === 'reserved') return advance(draft, 'shipping', 'create-shipment');
  if (p === 'authorized' && r === 'none') return advance(draft, 'reserving', 'reserve-stock');
  if (p === 'authorizing' || r === 'reserving') {
    // One answer is still due: the saga waits on it, under the deadline both were sent with.
    if (p === 'authorizing') {
      s.state = 'authorizing';
      s.step = 'authorize-payment';
    } else {
      s.state = 'reserving';
      s.step = 'reserve-stock';
    }
    return;
  }
  // Both answered (or the reservation never asked), and at least one failed.
  const reason = s.reason ?? failure ?? (p === 'authorized' ? 'stock could not be reserved' : 'the payment authorization was lost');
  if (p === 'declined' && nextCompensation(s) === undefined) return reject(draft, reason);
  return compensate(draft, reason);
}

function advance(draft: Draft, state: SagaState, step: ForwardStep): void {
  const s = draft.saga;
  s.state = state;
  if (step === 'authorize-payment') s.payment = 'authorizing';
  if (step === 'reserve-stock') s.reservation = 'reserving';
  if (step === 'create-shipment') s.shipment = 'creating';
  if (step === 'capture-payment') s.payment = 'capturing';
  draft.begin(step);
}

function confirm(draft: Draft): void {
  draft.settle('confirmed');
  draft.saga.reason = null;
  draft.log.push({ step: 'confirm-order', kind: 'action', status: 'succeeded', detail: null });
  draft.announce('order.confirmed');
}

function reject(draft: Draft, reason: string): void {
  draft.saga.reason = clip(reason);
  draft.settle('rejected');
  draft.log.push({ step: 'reject-order', kind: 'action', status: 'succeeded', detail: draft.saga.reason });
  draft.announce('order.rejected');
}

/** Turns to undoing what was done; the awaited step, if any, counts as possibly done. */
function compensate(draft: Draft, reason: string): void {
  const s = draft.saga;
  s.state = 'compensating';
  s.reason = clip(reason);
  s.step = null;
  s.deadlineAt = null;
  draft.log.push({ step: 'cancel-order', kind: 'compensation', status: 'started', detail: s.reason });
  continueCompensation(draft);
}

function continueCompensation(draft: Draft): void {
  const s = draft.saga;
  if (s.step === 'cancel-shipment' && s.shipment === 'dispatched' && s.afterConfirmation) {
    // Too late to cancel: the courier has the goods. The order stays confirmed, its payment kept.
    s.afterConfirmation = false;
    s.reason = 'cancellation refused: the shipment was already dispatched';
    draft.settle('confirmed');
    draft.log.push({ step: 'cancel-order', kind: 'compensation', status: 'failed', detail: s.reason });
    return;
  }
  const next = nextCompensation(s);
  if (next === s.step && next !== undefined) return; // still waiting on it
  if (next) return draft.begin(next);
  if (s.payment === 'declined' && s.reason?.startsWith(DECLINED)) {
    // The payment was declined while the stock was reserved (sent together): its release done, the
    // order is rejected, as one whose payment is declined always is.
    draft.log.push({ step: 'cancel-order', kind: 'compensation', status: 'succeeded', detail: s.reason });
    return reject(draft, s.reason ?? 'payment declined');
  }
  draft.settle('cancelled');
  s.afterConfirmation = false;
  draft.log.push({ step: 'cancel-order', kind: 'compensation', status: 'succeeded', detail: s.reason });
  draft.announce('order.cancelled');
}

function onDeadline(draft: Draft): void {
  const s = draft.saga;
  if (!s.step || !s.deadlineAt || s.deadlineAt.getTime() > draft.ctx.now.getTime()) return;
  const step = s.step;
  if (step === 'screen-fraud') {
    // The screening job did not get a verdict to the saga in time (not running, or far behind): the
    // order goes on unscreened, as when the scorer does not answer (fail open, see screening.ts).
    draft.log.push({ step, kind: 'action', status: 'timed_out', detail: `no verdict within ${draft.ctx.stepTimeoutMs} ms: let through unscreened` });
    draft.beginPaymentAndStock();
    return;
  }
  if (inParallelSteps(s)) {
    // Sent together, under one deadline: each still unanswered is given up, and everything that may
    // be held is undone (an answer that comes later is learnt, a late success undone again).
    const overdue: ForwardStep[] = [];
    if (s.payment === 'authorizing') overdue.push('authorize-payment');
    if (s.reservation === 'reserving') overdue.push('reserve-stock');
    if (overdue.length === 0) overdue.push(step as ForwardStep);
    for (const late of overdue) draft.log.push({ step: late, kind: 'action', status: 'timed_out', detail: `no answer within ${draft.ctx.stepTimeoutMs} ms` });
    compensate(draft, s.reason ?? `${overdue.map((late) => late.replace('-', ' ')).join(' and ')} timed out`);
    return;
  }
  if (isForwardStep(step)) {
    draft.log.push({ step, kind: 'action', status: 'timed_out', detail: `no answer within ${draft.ctx.stepTimeoutMs} ms` });
    compensate(draft, `${step.replace('-', ' ')} timed out`);
    return;
  }
  // A compensation is never given up on: sent again, same id, waiting longer each time.
  s.attempt += 1;
  const backoff = Math.min(2 ** (s.attempt - 1), RETRY_BACKOFF_CAP);
  s.deadlineAt = new Date(draft.ctx.now.getTime() + draft.ctx.stepTimeoutMs * backoff);
  draft.send(step);
  draft.log.push({ step, kind: 'compensation', status: 'retried', detail: `attempt ${s.attempt}: no answer in time` });
}

/** The shipping copy's statuses once a courier has had the parcel: too late to cancel. */
const DISPATCHED = new Set(['dispatched', 'picked_up', 'delivered', 'returned']);

function onCancel(draft: Draft, shippingStatus: string | null): void {
  const s = draft.saga;
  switch (s.state) {
    case 'screening': case 'authorizing': case 'reserving': case 'shipping': case 'capturing':
      return compensate(draft, CUSTOMER_CANCELLATION);
    case 'confirmed':
      if (s.shipment === 'dispatched' || s.shipment === 'returned' || (shippingStatus !== null && DISPATCHED.has(shippingStatus))) {
        draft.refused = 'the order has been dispatched and can no longer be cancelled';
        return;
      }
      s.afterConfirmation = true;
      return compensate(draft, CUSTOMER_CANCELLATION);
    case 'rejected':
      draft.refused = 'the order was rejected: there is nothing to cancel';
      return;
    default:
      return; // cancelling or cancelled already: asking again changes nothing
  }
}

/**
 * The screening's verdict, while the saga still waits for it (a verdict for a saga that moved on, by
 * its deadline or a cancellation, or a second one for the same saga, changes nothing). Nothing is
 * held yet: a rejection ends the order at once; a pass, or no verdict (fail open), authorizes next.
 */
function onScreened(draft: Draft, screening: Screening): void {
  const s = draft.saga;
  if (s.state !== 'screening' || s.step !== 'screen-fraud') return;
  const step = 'screen-fraud';
  if (screening.verdict === 'unavailable') {
    const status = screening.cause === 'timeout' ? 'timed_out' : 'failed';
    draft.log.push({ step, kind: 'action', status, detail: `no score: ${screening.detail}; let through unscreened` });
    return draft.beginPaymentAndStock();
  }
  const why = screening.reasons.length ? `: ${screening.reasons.join('; ')}` : '';
  if (screening.verdict === 'pass') {
    draft.log.push({ step, kind: 'action', status: 'succeeded', detail: `score ${screening.score}, below ${screening.threshold}: passed${why}` });
    return draft.beginPaymentAndStock();
  }
  draft.log.push({ step, kind: 'action', status: 'failed', detail: `score ${screening.score}, at or above ${screening.threshold}: fraud suspected${why}` });
  reject(draft, FRAUD_REJECTION);
}
