import { AppError } from '../errors.js';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Span } from '@opentelemetry/api';
import { acceptTraceparent } from '../context.js';
import { BazaarAttributes, recordError, withConsumerSpan } from '../observability/tracing.js';
import { isDatabaseUnavailable, type PoolClient } from '../db/pool.js';
import type { Logger } from '../logger.js';
import { BrokerConnection } from './connection.js';
import { MessageValidationError, type ContractValidator, type MessageKind } from './contracts.js';
import { attemptOf, parkMessage, publishConfirmed } from './dead-letters.js';
import { createEnvelope, type Envelope } from './envelope.js';
import { declareTopology, type Binding, type TopologyNames, type TopologyOptions } from './topology.js';

/** About one delivery of a message, for a handler that wants to know. */
export interface DeliveryInfo {
  kind: MessageKind;
  /** 1 on the first delivery, counted up by each retry. */
  attempt: number;
  /** The broker delivered it before (to a consumer that did not acknowledge it). */
  redelivered: boolean;
}

/**
 * Applies one message inside the transaction that records it in the inbox. It runs in the context
 * of the message (correlation id, causation id = message id, trace), so messages it enqueues carry
 * them. Throwing rolls everything back and the message is retried.
 */
export type MessageHandler<E extends Envelope = Envelope, Tx = PoolClient> = (envelope: E, client: Tx, delivery: DeliveryInfo) => Promise<void> | void;

/**
 * Where a consumer records the messages it has applied. `apply` runs the handler and records the
 * message in one transaction of the service's own store, resolving true (without running the handler)
 * when it was recorded before. The default is the `inbox` table of the service's PostgreSQL
 * ({@link postgresInbox}); a service whose store is another database brings its own.
 */
export interface Inbox<Tx = PoolClient> {
  apply(envelope: Envelope, handler: MessageHandler<Envelope, Tx>, delivery: DeliveryInfo): Promise<boolean>;
}

export { applyMessage, postgresInbox, PostgresInbox, type PostgresInboxOptions } from './inbox.js';

export type HandleOutcome = 'handled' | 'duplicate' | 'retried' | 'dead_lettered' | 'invalid';

export interface ConsumerOptions<Tx = PoolClient> {
  name: string;
  inbox: Inbox<Tx>;
  amqpUrl: string;
  logger: Logger;
  names: TopologyNames;
  topology: TopologyOptions;
  validator: ContractValidator;
  handlers: Record<MessageKind, Record<string, MessageHandler<Envelope, Tx>>>;
  /**
   * The version of each handled type the work queue is bound to (see `routingKeyOf`); a type not
   * named is bound at the oldest version the contracts list, the one producers write longest. The
   * handler still accepts every version the contracts list (a message bound before a move, a replay).
   */
  versions?: Record<string, number>;
  /**
   * Deliveries handled at once (and unacknowledged at most) per consumer (default 10). Each holds a
   * database connection while it runs, so keep it near the pool's size.
   */
  prefetch?: number;
  /** Deliveries before a failing message is parked in the dead-letter queue (default 5). */
  maxAttempts: number;
  /** Attempts allowed for transient refusals (see isTransient); defaults to maxAttempts. */
  maxTransientAttempts?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  /** Each delivery once settled: its outcome, its type as sent, and the seconds since it arrived. */
  onOutcome?: (outcome: HandleOutcome, type: string, seconds: number) => void;
  /**
   * Announce each message parked as a `message.dead-lettered` event from `service` on the events
   * exchange (when the contracts have that type), so the history outlives the dead-letter queue.
   */
  announceParked?: { service: string };
}

/**
 * Consumes a service's work queues. Each message is validated, then its handler's effect and its
 * inbox row are committed in one transaction of the service's database, then it is acknowledged: a
 * message seen again (redelivery, a relay's duplicate) finds its inbox row and has no second effect.
 * A failed handler's message is rejected into the retry queue; after `maxAttempts` deliveries, or at
 * once if it breaks its contract, it is parked in the dead-letter queue with the reason.
 */
export class MessageConsumer<Tx = PoolClient> {
  readonly broker: BrokerConnection;
  private channel: ConfirmChannel | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** When each delivery in hand arrived, for the handler duration its outcome reports. */
  private readonly arrived = new WeakMap<ConsumeMessage, number>();
  private consumerTags: string[] = [];
  private stopping = false;

  constructor(private readonly options: ConsumerOptions<Tx>) {
    for (const kind of ['events', 'commands'] as const) {
      for (const type of Object.keys(options.handlers[kind])) {
        const actual = options.validator.kindOf(type);
        if (actual !== kind) throw new Error(`a handler for ${type} is registered under ${kind}, but the contracts ${actual ? `list it under ${actual}` : 'do not have it'}`);
      }
    }
    for (const [type, version] of Object.entries(options.versions ?? {})) {
      const known = options.validator.versions(type);
      if (!known.includes(version)) throw new Error(`${options.name} asks to receive ${type} v${version}, but the contracts list ${known.length ? `v${known.join(', v')}` : 'no such type'}`);
    }
    this.broker = new BrokerConnection({
      url: options.amqpUrl,
      name: options.name,
      logger: options.logger,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      setup: (connection) => this.setup(connection),
      onLost: () => {
        this.channel = undefined;
      },
    });
  }

  get connected(): boolean {
    return this.channel !== undefined;
  }

  start(): void {
    this.stopping = false;
    this.broker.start();
  }

  /** Stops taking deliveries, lets the handlers in flight finish and acknowledge, then disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    const channel = this.channel;
    if (channel) {
      // A cancel on a connection that died unnoticed would wait forever: give it a moment only.
      const cancels = Promise.allSettled(this.consumerTags.map((tag) => channel.cancel(tag)));
      await Promise.race([cancels, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    }
    await Promise.allSettled([...this.inFlight]);
    await this.broker.stop();
    this.channel = undefined;
  }

  private async setup(connection: ChannelModel): Promise<void> {
    const { names, handlers } = this.options;
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined); // the close that follows is what we act on
    channel.on('close', () => {
      if (this.channel !== channel) return;
      this.channel = undefined;
      if (!this.stopping) this.broker.reset('consumer channel closed');
    });
    await channel.prefetch(this.options.prefetch ?? 10);
    const handled = { events: this.bindings(handlers.events), commands: this.bindings(handlers.commands) };
    await declareTopology(channel, names, handled, this.options.topology);
    const tags: string[] = [];
    for (const kind of ['events', 'commands'] as const) {
      if (handled[kind].length === 0) continue;
      const { consumerTag } = await channel.consume(names.queues[kind], (message) => {
        // null: the broker cancelled the consumer (its queue was deleted); start over.
        if (!message) return this.broker.reset(`consumer of ${names.queues[kind]} cancelled by the broker`);
        const work = this.handle(channel, kind, message).finally(() => this.inFlight.delete(work));
        this.inFlight.add(work);
      });
      tags.push(consumerTag);
    }
    this.consumerTags = tags;
    this.channel = channel;
  }

  /** Each handled type at the version asked for, else at the oldest one its contracts list. */
  private bindings(handlers: Record<string, unknown>): Binding[] {
    return Object.keys(handlers).map((type) => {
      const known = this.options.validator.versions(type);
      const version = this.options.versions?.[type] ?? known[0] ?? 1;
      return { type, version, others: known.filter((v) => v !== version) };
    });
  }

  private async handle(channel: ConfirmChannel, kind: MessageKind, message: ConsumeMessage): Promise<void> {
    const { logger, validator, names } = this.options;
    const queue = names.queues[kind];
    const attempt = attemptOf(message, queue);
    this.arrived.set(message, performance.now());
    let envelope: Envelope;
    try {
      envelope = checkMessage(validator, kind, message.content);
    } catch (error) {
      const reason = describe(error);
      logger.error({ messageId: message.properties.messageId, queue, reason }, 'message breaks its contract: parked without retry');
      await this.park(channel, message, queue, reason, attempt, 'invalid', message.properties.type ?? 'unknown');
      return;
    }
    const handler = this.options.handlers[kind][envelope.type];
    if (!handler) {
      // Bound once, no longer handled: park it so the binding can be removed and nothing is lost.
      await this.park(channel, message, queue, `this service has no handler for ${envelope.type}`, attempt, 'invalid', envelope.type);
      return;
    }
    // A child of the producer's context: the relay's publish span (its header), else the envelope's.
    const parent = acceptTraceparent(message.properties.headers?.traceparent) ?? envelope.traceparent;
    const spanOptions = { type: envelope.type, messageId: envelope.id, destination: queue, correlationId: envelope.correlationId, payload: envelope.payload, attributes: { [BazaarAttributes.attempt]: attempt } };
    await withConsumerSpan(parent, spanOptions, (span) => this.apply(channel, kind, message, envelope, handler, attempt, span));
  }

  /** Runs the handler, then acknowledges, retries or parks the message as its outcome says. */
  private async apply(channel: ConfirmChannel, kind: MessageKind, message: ConsumeMessage, envelope: Envelope, handler: MessageHandler<Envelope, Tx>, attempt: number, span: Span): Promise<void> {
    const { logger, names } = this.options;
    const queue = names.queues[kind];
    const log = { messageId: envelope.id, type: envelope.type, correlationId: envelope.correlationId, attempt };
    let duplicate: boolean;
    try {
      duplicate = await this.options.inbox.apply(envelope, handler, { kind, attempt, redelivered: message.fields.redelivered });
    } catch (error) {
      recordError(span, error);
      if (isPermanent(error)) {
        logger.error({ ...log, err: error }, 'handler refused the message as invalid: parked without retry');
        await this.park(channel, message, queue, describe(error), attempt, 'invalid', envelope.type);
        return;
      }
      if (attempt >= (isTransient(error) ? this.options.maxTransientAttempts ?? this.options.maxAttempts : this.options.maxAttempts)) {
        logger.error({ ...log, err: error }, 'message failed on its last attempt: parked in the dead-letter queue');
        await this.park(channel, message, queue, describe(error), attempt, 'dead_lettered', envelope.type);
      } else {
        logger.warn({ ...log, err: error }, 'message handler failed; will retry');
        this.settle(message, () => channel.nack(message, false, false), 'retried', envelope.type);
      }
      return;
    }
    if (duplicate) span.setAttribute('bazaar.message.duplicate', true);
    logger.debug({ ...log, duplicate }, 'message handled');
    this.settle(message, () => channel.ack(message), duplicate ? 'duplicate' : 'handled', envelope.type);
  }

  private async park(channel: ConfirmChannel, message: ConsumeMessage, queue: string, reason: string, attempt: number, outcome: HandleOutcome, type: string): Promise<void> {
    try {
      await parkMessage(channel, { exchange: this.options.names.direct, dlq: this.options.names.deadLetterQueue }, message, queue, reason, attempt);
    } catch (error) {
      // Not parked, not acknowledged: the broker redelivers it once the channel is back.
      this.options.logger.warn({ err: error, messageId: message.properties.messageId }, 'could not park a message; it will be redelivered');
      return;
    }
    this.settle(message, () => channel.ack(message), outcome, type);
    await this.announceParked(channel, { queue, messageId: message.properties.messageId ?? 'unknown', messageType: type, reason, attempts: attempt, outcome });
  }

  /**
   * Best effort, after the message is safely parked and acknowledged: a lost announcement costs a
   * line of history, never the message. A parked announcement is not announced again (no echo).
   */
  private async announceParked(channel: ConfirmChannel, parked: { queue: string; messageId: string; messageType: string; reason: string; attempts: number; outcome: HandleOutcome }): Promise<void> {
    const announce = this.options.announceParked;
    const type = 'message.dead-lettered';
    if (!announce || parked.messageType === type || this.options.validator.kindOf(type) !== 'events') return;
    const payload = {
      service: announce.service, queue: parked.queue, messageId: parked.messageId.slice(0, 128), messageType: parked.messageType.slice(0, 100) || 'unknown',
      reason: parked.reason.slice(0, 2000) || 'unknown', attempts: Math.max(1, parked.attempts), outcome: parked.outcome === 'invalid' ? 'invalid' : 'dead_lettered', parkedAt: new Date().toISOString(),
    };
    try {
      this.options.validator.assertPayload(type, 1, payload);
      const envelope = createEnvelope(announce.service, type, 1, payload);
      await publishConfirmed(channel, this.options.names.exchanges.events, type, Buffer.from(JSON.stringify(envelope)), {
        persistent: true, messageId: envelope.id, type, contentType: 'application/json', headers: { traceparent: envelope.traceparent },
      });
    } catch (error) {
      this.options.logger.warn({ err: error, messageId: parked.messageId }, 'could not announce a parked message (it is parked all the same)');
    }
  }

  private settle(message: ConsumeMessage, fn: () => void, outcome: HandleOutcome, type: string): void {
    try {
      fn();
    } catch {
      // The channel closed under us: the broker redelivers, and the inbox absorbs the repeat.
      return;
    }
    const arrived = this.arrived.get(message);
    this.options.onOutcome?.(outcome, type, arrived === undefined ? 0 : (performance.now() - arrived) / 1000);
  }
}

/**
 * A handler that says "not now" (another operation in flight, a dependency down: an `unavailable` or
 * `timeout` AppError, or one marked `retryable`) has not failed on the message itself, so it gets the
 * longer budget of attempts before the message is parked. So does a message that met the service's
 * own database down or restarting: parked after a few seconds' outage, it would be lost to the saga.
 */
const isTransient = (error: unknown) =>
  isDatabaseUnavailable(error) ||
  (error instanceof AppError && (error.code === 'unavailable' || error.code === 'timeout' || error.options.extensions?.retryable === true));

/** A handler that finds the payload unusable (an `invalid_data` AppError) gains nothing by a retry. */
const isPermanent = (error: unknown) => error instanceof AppError && error.code === 'invalid_data';

const describe = (error: unknown) => (error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error));

/**
 * A message's body as taken from the queue of `kind`: parsed and checked against the contracts (its
 * envelope, then its payload for its type and version), and of the kind the queue carries. Throws a
 * `MessageValidationError` naming what is wrong.
 */
export function checkMessage(validator: ContractValidator, kind: MessageKind, content: Buffer): Envelope {
  const envelope = validator.parse(content);
  if (validator.kindOf(envelope.type) !== kind) throw new MessageValidationError('wrong queue', [`/type ${envelope.type} is not one of this queue's ${kind}`]);
  return envelope;
}
