// The checkout saga's vocabulary: its states, steps, what it knows of each thing it asked for, and
// what a decision returns. See saga.ts for the state machine.
import type { Messages } from '@bazaar/contracts';
import type { MessagePayload } from '@bazaar/platform';
import type { SagaIds } from './saga.ids.js';

export type SagaState =
  | 'screening' // the fraud screening, before anything is asked of another service (only if the saga screens)
  | 'authorizing' | 'reserving' | 'shipping' | 'capturing' // forward, each waiting on its step
  | 'confirmed'
  | 'compensating' // undoing, one compensation at a time, in reverse order of the steps
  | 'cancelled' | 'rejected'; // settled

export type ForwardStep = 'screen-fraud' | 'authorize-payment' | 'reserve-stock' | 'create-shipment' | 'capture-payment';
/** The steps that send a command to another service: all but the screening, which calls the fraud scorer (screening.job.ts). */
export type CommandStep = Exclude<ForwardStep, 'screen-fraud'> | CompensationStep;
export type CompensationStep = 'cancel-shipment' | 'release-stock' | 'void-payment' | 'refund-payment';
export type SagaStep = ForwardStep | CompensationStep;

export const isForwardStep = (step: SagaStep): step is ForwardStep =>
  step === 'screen-fraud' || step === 'authorize-payment' || step === 'reserve-stock' || step === 'create-shipment' || step === 'capture-payment';

/**
 * What the saga knows of the payment. `authorizing` and `capturing` mean "asked, no answer yet": the
 * money may be held, so they are compensated like `authorized`. The `_failed` states are
 * compensations the processor refused, left for an operator (the timeline says which).
 */
export type PaymentKnown =
  | 'none' | 'authorizing' | 'authorized' | 'declined' | 'capturing' | 'captured' | 'voided' | 'refunded' | 'void_failed' | 'refund_failed';
/**
 * What the saga knows of the reservation; `reserving` may hold stock. `committed`: inventory commits
 * it when a courier takes the parcel, so there is nothing left to release (a release of a committed
 * reservation is refused without an answer); a returned parcel's items come back as received stock.
 */
export type ReservationKnown = 'none' | 'reserving' | 'reserved' | 'rejected' | 'released' | 'committed';
/**
 * What the saga knows of the shipment; `creating` may have made one; `dispatched` is beyond
 * cancelling (a courier has it, from dispatch until delivery); `returned` came back undelivered.
 */
export type ShipmentKnown = 'none' | 'creating' | 'created' | 'failed' | 'cancelled' | 'dispatched' | 'returned';

export interface Resources {
  payment: PaymentKnown;
  reservation: ReservationKnown;
  shipment: ShipmentKnown;
}

export interface Saga extends Resources {
  orderId: string;
  state: SagaState;
  /** The step awaiting its reply (a forward step or the compensation in flight); null when settled. */
  step: SagaStep | null;
  deadlineAt: Date | null;
  /** How many times the current step has been sent. */
  attempt: number;
  /** The compensation under way undoes a confirmed order (see the migration). */
  afterConfirmation: boolean;
  /** Why the order is being or was cancelled or rejected (or why a cancellation was refused). */
  reason: string | null;
  /**
   * Whether this checkout is screened for fraud before its payment is authorized: decided once, from
   * the `checkout-fraud-check` flag, when the saga starts, and never changed after.
   */
  fraudCheck: boolean;
  ids: SagaIds;
}

export interface Recipient {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  state?: string;
  postalCode: string;
  country: string;
}

/** The order as the saga's commands need it; fixed when the order is placed. */
export interface OrderFacts {
  orderId: string;
  orderNumber: string;
  userId: string;
  totalMinor: number;
  currency: string;
  paymentMethodId: string;
  /** One line per SKU. */
  lines: { sku: string; quantity: number }[];
  recipient: Recipient;
}

export interface SagaSettings {
  /** How long a step may wait for its reply; a compensation is sent again after it (with backoff). */
  stepTimeoutMs: number;
  /** Asked of inventory: long enough to outlive the order's wait for dispatch. */
  reservationTtlSeconds: number;
}

/** How a new saga starts. */
export interface SagaStart {
  /** Screen the order for fraud before authorizing its payment (the flag's answer for this user, taken now). */
  fraudCheck: boolean;
}

export interface SagaContext extends SagaSettings {
  now: Date;
  facts: OrderFacts;
}

/**
 * A message of one of the types `T` with the payload its contract defines, as a union over `T`: the
 * type tells the payload, so a command or event with a payload of another type does not compile.
 */
export type MessageOf<T extends keyof Messages> = { [K in T]: { type: K; payload: MessagePayload<Messages, K> } }[T];

/** The replies of payments, inventory and shipping that the saga learns from. */
export type ReplyType =
  | 'payment.authorized' | 'payment.declined' | 'payment.captured' | 'payment.capture-failed'
  | 'payment.voided' | 'payment.void-failed' | 'payment.refunded' | 'payment.refund-failed'
  | 'stock.reserved' | 'stock.reservation-rejected' | 'stock.released'
  | 'shipment.created' | 'shipment.failed' | 'shipment.cancelled' | 'shipment.cancel-refused';
export type Reply = MessageOf<ReplyType>;
export type ReplyOf<T extends ReplyType> = Extract<Reply, { type: T }>;

export const REPLY_TYPES = [
  'payment.authorized', 'payment.declined', 'payment.captured', 'payment.capture-failed', 'payment.voided', 'payment.void-failed',
  'payment.refunded', 'payment.refund-failed', 'stock.reserved', 'stock.reservation-rejected', 'stock.released',
  'shipment.created', 'shipment.failed', 'shipment.cancelled', 'shipment.cancel-refused',
] as const satisfies readonly ReplyType[];

/**
 * shipping's delivery lifecycle, published as it happens after confirmation (not answers to a
 * command): the saga learns from it that the goods have left, or came back.
 */
export type DeliveryEventType = 'shipment.dispatched' | 'shipment.handed_back' | 'shipment.picked_up' | 'shipment.attempt_failed' | 'shipment.delivered' | 'shipment.returned';
export type DeliveryEvent = MessageOf<DeliveryEventType>;

export const DELIVERY_EVENT_TYPES = [
  'shipment.dispatched', 'shipment.handed_back', 'shipment.picked_up', 'shipment.attempt_failed', 'shipment.delivered', 'shipment.returned',
] as const satisfies readonly DeliveryEventType[];

/** What orders hears from payments, inventory and shipping about an order: a reply, or news of its delivery. */
export type SagaMessage = Reply | DeliveryEvent;

/**
 * The fraud scorer's verdict on an order, as the screening job hands it to the saga: `pass` or
 * `reject` (its score at or above the threshold), with the score and the scorer's reasons; or
 * `unavailable` when no score came in time (timeout) or the scorer failed, which lets the order
 * through unscreened (see screening.ts for why).
 */
export type Screening =
  | { verdict: 'pass' | 'reject'; score: number; threshold: number; reasons: string[] }
  | { verdict: 'unavailable'; cause: 'timeout' | 'error'; detail: string };

/** What can happen to a saga: a reply or delivery event, its screening's verdict, its step's deadline passing, or the customer cancelling. */
export type SagaInput =
  | SagaMessage
  | { type: 'screened'; screening: Screening }
  | { type: 'deadline' }
  /** `shippingStatus`: the order's copy of the shipment's status, to refuse once the courier has it. */
  | { type: 'cancel'; shippingStatus: string | null };

export type StepStatus = 'started' | 'succeeded' | 'failed' | 'timed_out' | 'retried' | 'late';

/**
 * One line of the order's timeline: what the saga did (`action`) or undid (`compensation`), or news
 * of the parcel from shipping (`delivery`).
 */
export interface StepLogEntry {
  step: string;
  kind: 'action' | 'compensation' | 'delivery';
  status: StepStatus;
  detail: string | null;
  /** When it happened, if not when it is recorded (a delivery event's own time). */
  at?: Date;
}

export type SagaCommandType =
  | 'payments.authorize' | 'payments.capture' | 'payments.void' | 'payments.refund'
  | 'inventory.reserve' | 'inventory.release'
  | 'shipping.create-shipment' | 'shipping.cancel-shipment';

/** A command the saga sends, with its contract's payload. */
export type SagaCommand = MessageOf<SagaCommandType>;

export type OrderEventType = 'order.confirmed' | 'order.cancelled' | 'order.rejected';

/** An event the saga announces about the order, with its contract's payload. */
export type OrderEvent = MessageOf<OrderEventType>;

/** The outcome of one decision: the saga's new state and what to record and send, in one transaction. */
export interface Decision {
  saga: Saga;
  /** False when the input changed nothing (a duplicate, a reply to another saga's operation). */
  changed: boolean;
  commands: SagaCommand[];
  events: OrderEvent[];
  log: StepLogEntry[];
  /** Set when a customer's cancellation cannot be done: why. */
  refused?: string;
}

/**
 * The order's status as customers see it. The saga gives all but `shipped` and `delivered`, which a
 * confirmed order takes from its parcel (orders/status-copies.ts, `withDelivery`).
 */
export type OrderStatus = 'pending' | 'confirmed' | 'shipped' | 'delivered' | 'cancelling' | 'cancelled' | 'rejected';
