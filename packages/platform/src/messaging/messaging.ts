import type { Registry } from 'prom-client';
import type { Pool, PoolClient } from '../db/pool.js';
import type { Envelope } from './envelope.js';
import type { HealthRegistry } from '../health.js';
import type { Logger } from '../logger.js';
import { MessageConsumer, type Inbox, type MessageHandler } from './consumer.js';
import { postgresInbox, type PostgresInboxOptions } from './inbox.js';
import { ContractValidator, type EnvelopeOf, type MessageContracts, type MessagePayload, type MessageRegistry, type MessageType } from './contracts.js';
import { DeadLetterQueue } from './dead-letters.js';
import { queueDepths, registerMessagingHealth, registerMessagingMetrics, outboxStats, type MessagingProbes } from './observability.js';
import { Outbox } from './outbox.js';
import { OutboxRelay, type RelayOptions } from './relay.js';
import { topologyNames, type TopologyNames } from './topology.js';

/** Handlers by message type; each receives the envelope typed by its contract. */
export type HandlerMap<R extends MessageRegistry, Tx = PoolClient> = { [T in MessageType<R>]?: MessageHandler<EnvelopeOf<R, T>, Tx> };

export interface MessagingOptions<E extends MessageRegistry, C extends MessageRegistry, Tx = PoolClient> {
  /** The service's name: the `source` of what it sends and the prefix of its queues. */
  service: string;
  /**
   * The service's own database, holding its `outbox` and `inbox` tables (see sql/messaging.sql).
   * Absent only for a service whose store is not PostgreSQL: it consumes only (`relay: false`) and
   * brings its own `inbox`.
   */
  pool?: Pool;
  /** Where consumed messages are recorded; the `inbox` table of `pool` unless given. */
  inbox?: Inbox<Tx>;
  /** How the default inbox (the `inbox` table of `pool`) batches deliveries into transactions (see PostgresInbox in inbox.ts). */
  inboxBatch?: PostgresInboxOptions;
  amqpUrl: string;
  logger: Logger;
  /** `{ events, commands }` from `@bazaar/contracts`: what may be sent and received, checked both ways. */
  contracts: MessageContracts<E, C>;
  /**
   * The outbox to relay, when the service made it first (`createOutbox`) because the handlers given
   * here publish through it; otherwise one is made. Either way it is `messaging.outbox`.
   */
  outbox?: Outbox<E & C>;
  /** What this service consumes: its `<service>.events` queue is bound to the event types listed. */
  handlers?: { events?: HandlerMap<E, Tx>; commands?: HandlerMap<C, Tx> };
  /**
   * The version of a handled type this service receives, where the contracts list more than one:
   * `{ 'product.updated': 2 }`. Its queue is bound to that version alone (the producer writes one
   * message per version its consumers ask for), so each change arrives once; unnamed types are
   * received at the oldest version listed. Name here the version the service's pact asks for.
   */
  receives?: { [T in MessageType<E> | MessageType<C>]?: number };
  /** Prefixes every exchange and queue name (`<namespace>.bazaar.events` …); unset in production. */
  namespace?: string;
  health?: HealthRegistry;
  metrics?: Registry;
  /**
   * Deliveries before a failing message is parked (default 5), the wait between them (default 10 s),
   * and the deliveries allowed when the handler refuses for a transient reason, an `unavailable` or
   * `timeout` AppError or one marked `retryable` (default 12 × maxAttempts: ten minutes at the defaults).
   */
  retry?: { maxAttempts?: number; delayMs?: number; maxTransientAttempts?: number };
  /** Deliveries handled at once per work queue (default 10, the default pool size). */
  prefetch?: number;
  queueType?: 'classic' | 'quorum';
  /** Relay settings, or false for a process that only consumes. */
  relay?: Pick<RelayOptions, 'batchSize' | 'pollIntervalMs' | 'confirmTimeoutMs' | 'cleanup' | 'onPublished' | 'afterConfirm'> | false;
  /** A backlog older than this degrades `/health` (default 60 s). */
  outboxMaxAgeSeconds?: number;
  /** How long `start()` waits for the broker before carrying on in the background (default 10 s). */
  startTimeoutMs?: number;
  /** Reconnect backoff: the first and longest wait (default 200 ms and 5 s). */
  backoff?: { initialMs?: number; maxMs?: number };
}

export interface Messaging<E extends MessageRegistry, C extends MessageRegistry> {
  /** Writes messages in the caller's transaction; see {@link Outbox.enqueue}. */
  outbox: Outbox<E & C>;
  /** List and replay parked messages (also mounted by {@link registerDeadLetterRoutes}). */
  deadLetters: DeadLetterQueue;
  names: TopologyNames;
  /** Connects, declares the topology and starts the relay and the consumers. */
  start(): Promise<void>;
  /** For `runService` closers: stops consuming, lets handlers finish, stops the relay. */
  stop(): Promise<void>;
  relay: OutboxRelay | undefined;
  consumer: MessageConsumer<unknown> | undefined;
  /**
   * Adds the outbox backlog, broker connection and DLQ depth to a service's `/health` and
   * `/metrics` (an app built after the messaging: `messaging.observe(app)`).
   */
  observe(target: { health?: HealthRegistry; metrics?: Registry }): void;
}

/**
 * Wires a service's reliable messaging in one call: the outbox it writes to, the relay that
 * publishes it, the consumers of its queues with inbox, retries and dead letters, `/health` checks
 * and metrics. Put `stop` in the service's closers and call `start` once it listens.
 */
export function createMessaging<E extends MessageRegistry, C extends MessageRegistry, Tx = PoolClient>(options: MessagingOptions<E, C, Tx>): Messaging<E, C> {
  const { service, pool, amqpUrl, logger } = options;
  if (!pool && (options.relay !== false || !options.inbox)) throw new Error(`${service}: messaging without a PostgreSQL pool must consume only (relay: false) into an inbox of its own`);
  const inbox = options.inbox ?? (postgresInbox(pool!, options.inboxBatch) as unknown as Inbox<Tx>);
  if (!/^[a-z][a-z0-9-]*$/.test(service)) throw new Error(`service name ${JSON.stringify(service)} must be lower-case letters, digits and dashes: it names queues`);
  const names = topologyNames(service, options.namespace);
  const validator = new ContractValidator(options.contracts);
  const events = (options.handlers?.events ?? {}) as Record<string, MessageHandler<Envelope, Tx>>;
  const commands = (options.handlers?.commands ?? {}) as Record<string, MessageHandler<Envelope, Tx>>;
  const consumes = Object.keys(events).length + Object.keys(commands).length > 0;
  const log = logger.child({ component: 'messaging' });

  const probes: MessagingProbes = {
    ...(pool ? { outbox: () => outboxStats(pool) } : {}),
    brokerConnected: () => (relay ? relay.connected : true) && (consumer ? consumer.connected : true),
  };
  const deadLetters = new DeadLetterQueue(names.deadLetterQueue, () => consumer?.broker.current ?? relay?.broker.current, names.direct, { consumes });
  if (consumes) probes.deadLetterDepth = () => deadLetters.depth();
  if (pool) probes.pool = pool;
  // The work and retry queues of the kinds handled (the only ones declared), read when scraped.
  const ownQueues = (['events', 'commands'] as const)
    .filter((kind) => Object.keys(kind === 'events' ? events : commands).length > 0)
    .flatMap((kind) => [names.queues[kind], names.retryQueues[kind]]);
  if (ownQueues.length) probes.queueDepths = () => queueDepths(() => consumer?.broker.current, ownQueues);
  let metrics: ReturnType<typeof registerMessagingMetrics> | undefined;
  const observe = (target: { health?: HealthRegistry; metrics?: Registry }) => {
    if (target.metrics && !metrics) metrics = registerMessagingMetrics(target.metrics, probes);
    if (target.health) registerMessagingHealth(target.health, probes, { outboxMaxAgeSeconds: options.outboxMaxAgeSeconds ?? 60 });
  };
  observe(options);

  const relaySettings = options.relay === false ? undefined : (options.relay ?? {});
  const relay = relaySettings
    ? new OutboxRelay({
        ...relaySettings,
        name: `${options.namespace ? `${options.namespace}.` : ''}${service}.relay`,
        pool: pool!,
        amqpUrl,
        logger: log,
        names,
        ...(options.backoff ? { backoff: options.backoff } : {}),
        onPublished: (ids) => {
          metrics?.published(ids.length);
          relaySettings.onPublished?.(ids);
        },
      })
    : undefined;

  const consumer = consumes
    ? new MessageConsumer<Tx>({
        name: `${options.namespace ? `${options.namespace}.` : ''}${service}.consumer`,
        inbox,
        amqpUrl,
        logger: log,
        names,
        validator,
        handlers: { events, commands },
        ...(options.receives ? { versions: options.receives as Record<string, number> } : {}),
        topology: { retryDelayMs: options.retry?.delayMs ?? 10_000, ...(options.queueType ? { queueType: options.queueType } : {}) },
        maxAttempts: options.retry?.maxAttempts ?? 5,
        maxTransientAttempts: options.retry?.maxTransientAttempts ?? 12 * (options.retry?.maxAttempts ?? 5),
        ...(options.prefetch ? { prefetch: options.prefetch } : {}),
        ...(options.backoff ? { backoff: options.backoff } : {}),
        announceParked: { service },
        // A type outside the contracts (an invalid message's) is `unknown`: the label stays bounded.
        onOutcome: (outcome, type, seconds) => metrics?.handled(outcome, validator.kindOf(type) ? type : 'unknown', seconds),
      })
    : undefined;

  const outbox = options.outbox ?? new Outbox<E & C>(service, validator, names);
  // A transaction of this process that writes messages wakes this relay once it commits.
  if (relay) outbox.attachRelay(relay);

  return {
    outbox,
    deadLetters,
    names,
    relay,
    consumer: consumer as MessageConsumer<unknown> | undefined,
    observe,
    async start() {
      relay?.start();
      consumer?.start();
      const timeout = options.startTimeoutMs ?? 10_000;
      const ready = await Promise.all([relay?.waitUntilConnected(timeout) ?? true, consumer?.broker.waitUntilReady(timeout) ?? true]);
      if (ready.includes(false)) log.warn({ timeoutMs: timeout }, 'the broker does not answer yet: messages wait in the outbox and consumers start once it does');
      else log.info({ consumes: { events: Object.keys(events), commands: Object.keys(commands) } }, 'messaging started');
    },
    async stop() {
      await consumer?.stop();
      await relay?.stop();
    },
  };
}

/** A handler of one message type that needs only its payload (typed by the contract) and the client. */
export type PayloadHandler<R extends MessageRegistry, T extends MessageType<R>> = (
  client: PoolClient,
  payload: MessagePayload<R, T>,
  envelope: EnvelopeOf<R, T>,
) => Promise<unknown>;

/** Payload handlers by message type, each typed by its contract. */
export type PayloadHandlerMap<R extends MessageRegistry> = { [T in MessageType<R>]?: PayloadHandler<R, T> };

/**
 * Adapts handlers written as `(client, payload)` (domain code that needs nothing else of the
 * envelope) to the consumer's `(envelope, client, delivery)`. The registry comes first so that each
 * handler's payload is typed from its contract: `payloadHandlers(commands, { 'payments.authorize':
 * (client, command) => … })`. The consumer has checked each payload against that contract before
 * the handler runs, so handlers do not check it again.
 */
export function payloadHandlers<R extends MessageRegistry>(_registry: R, handlers: PayloadHandlerMap<R>): HandlerMap<R> {
  return Object.fromEntries(
    Object.entries(handlers as Record<string, PayloadHandler<R, MessageType<R>>>).map(([type, handle]) => [
      type,
      async (envelope: EnvelopeOf<R, MessageType<R>>, client: PoolClient) => void (await handle(client, envelope.payload, envelope)),
    ]),
  ) as unknown as HandlerMap<R>;
}

/**
 * An outbox writer with no broker behind it: for code that only records messages (seed scripts,
 * tests that read the outbox table). The service's relay publishes what it writes.
 */
export function createOutbox<E extends MessageRegistry, C extends MessageRegistry>(service: string, contracts: MessageContracts<E, C>, namespace?: string): Outbox<E & C> {
  return new Outbox<E & C>(service, new ContractValidator(contracts), topologyNames(service, namespace));
}
