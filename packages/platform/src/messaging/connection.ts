// Why this class and not amqp-connection-manager (v5.0.0, read from its source), evaluated as its replacement:
//
// - Reconnecting: the library waits a fixed `reconnectTimeInSeconds` (default: the 5 s heartbeat)
//   between attempts, without growth or jitter, so `backoff: { initialMs, maxMs }` could not be kept
//   and every replica of every service would retry in step after a broker restart.
// - The relay: the outbox is the durable queue. A batch holds its rows' locks (FOR UPDATE SKIP
//   LOCKED) and a pool connection until each message is confirmed, nacked, returned (a command no
//   queue is bound to) or lost with its channel; it claims rows only while a channel is up. The
//   library's ChannelWrapper keeps a second, in-memory queue: a publish while disconnected is held
//   until some later connection, so a batch would hold its locks through an outage, or (with
//   `publishTimeout`) be marked failed while the wrapper may still send it. It also resolves a
//   returned mandatory message as published; the relay would still need the raw channel's 'return'.
// - A channel that fails while its connection stays up (publishing to an exchange that is missing or
//   that the service's broker user may not use, re-consuming a queue that was deleted, a stale
//   delivery tag) is only replaced by the library after the connection itself drops; here any
//   channel failure resets the connection and `setup` runs again.
// - The consumer acknowledges each delivery on the channel it arrived on, after the handler's
//   transaction (effect + inbox row) committed; a stale channel's ack just fails and the redelivery
//   finds the inbox row. The library's `ack` goes to its current channel, where an old delivery tag
//   is a PRECONDITION_FAILED that closes the new channel. `setup` (prefetch, topology, consumers)
//   failing is retried here with a new connection; the library emits 'error' and carries on.
// What would remain of the library is the reconnect loop, which is the part above that does not fit.

import { once } from 'node:events';
import amqp, { type ChannelModel } from 'amqplib';
import { ExponentialBackoff, halfJitterGenerator, type IBackoff } from 'cockatiel';
import type { Logger } from '../logger.js';

/**
 * The longest wait between reconnect attempts. Short, because a refused connection costs the broker
 * next to nothing, while every second of waiting after the broker is back delays messages whose saga
 * steps have deadlines (30 s by default): with 30 s here, a ten-second outage cancelled checkouts.
 */
const DEFAULT_MAX_BACKOFF_MS = 5_000;

export interface BrokerConnectionOptions {
  url: string;
  /** Shown by the broker (`rabbitmqctl list_connections client_properties`), e.g. `orders.relay`. */
  name: string;
  logger: Logger;
  /** Opens channels, declares topology, starts consumers. Throwing closes the connection and retries. */
  setup: (connection: ChannelModel) => Promise<void>;
  /** Called when a set-up connection is lost, before reconnecting. */
  onLost?: () => void;
  /**
   * Wait between attempts (default 200 ms and 5 s): the n-th wait is drawn between half and all of
   * `initialMs × 2^n`, never beyond `maxMs` (cockatiel's ExponentialBackoff with half jitter). Half
   * jitter keeps replicas apart without the long first waits of decorrelated jitter, which after a
   * ten-second broker outage let sagas reach their step deadlines before consumers came back.
   */
  backoff?: { initialMs?: number; maxMs?: number };
}

/**
 * One AMQP connection that keeps itself open: it connects in the background, runs `setup` on every
 * new connection, and after the broker or the network drops it reconnects with exponential backoff.
 */
export class BrokerConnection {
  private connection: ChannelModel | undefined;
  private stopped = false;
  private failures = 0;
  private readonly backoffPolicy: ExponentialBackoff<unknown>;
  /** The wait before the next attempt; none while connected (the next loss starts over). */
  private backoff: IBackoff<unknown> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;
  private readyWaiters: (() => void)[] = [];

  constructor(private readonly options: BrokerConnectionOptions) {
    this.backoffPolicy = new ExponentialBackoff({
      initialDelay: options.backoff?.initialMs ?? 200, maxDelay: options.backoff?.maxMs ?? DEFAULT_MAX_BACKOFF_MS, generator: halfJitterGenerator,
    });
  }

  /** True once `setup` has completed on the current connection. */
  get ready(): boolean {
    return this.connection !== undefined;
  }

  /** The current, set-up connection, if any. */
  get current(): ChannelModel | undefined {
    return this.connection;
  }

  start(): void {
    this.stopped = false;
    if (!this.connection && !this.connecting && !this.timer) this.connecting = this.connect();
  }

  /** Resolves when a connection is set up, or after `timeoutMs` with false. */
  waitUntilReady(timeoutMs: number): Promise<boolean> {
    if (this.connection) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.readyWaiters.push(done);
    });
  }

  /** Drops the current connection (after a channel failed, say); a new one follows with backoff. */
  reset(reason: string): void {
    const connection = this.connection;
    if (!connection) return;
    this.options.logger.warn({ connection: this.options.name, reason }, 'resetting broker connection');
    void closeWithin(connection, 2000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.connecting;
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await closeWithin(connection, 2000);
  }

  private async connect(): Promise<void> {
    const { logger, name } = this.options;
    let connection: ChannelModel | undefined;
    try {
      connection = await amqp.connect(this.options.url, { clientProperties: { connection_name: name } });
      connection.on('error', (error: Error) => logger.warn({ connection: name, err: error }, 'broker connection error'));
      connection.on('close', () => this.lost(connection!));
      if (this.stopped) throw new Error('stopped while connecting');
      await this.options.setup(connection);
      if (this.stopped) throw new Error('stopped while connecting');
      this.connection = connection;
      if (this.failures > 0) logger.info({ connection: name, after: this.failures }, 'reconnected to the broker');
      this.failures = 0;
      this.backoff = undefined;
      for (const waiter of this.readyWaiters.splice(0)) waiter();
    } catch (error) {
      connection?.removeAllListeners('close');
      if (connection) await closeWithin(connection, 2000);
      if (!this.stopped) {
        this.failures++;
        logger.warn({ connection: name, err: error, attempt: this.failures }, 'cannot connect to the broker; will retry');
        this.schedule();
      }
    } finally {
      this.connecting = undefined;
    }
  }

  private lost(connection: ChannelModel): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    this.options.onLost?.();
    if (this.stopped) return;
    this.options.logger.warn({ connection: this.options.name }, 'broker connection lost; reconnecting');
    this.failures++;
    this.schedule();
  }

  private schedule(): void {
    this.backoff = this.backoff ? this.backoff.next(undefined) : this.backoffPolicy.next();
    const delay = Math.round(this.backoff.duration);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connecting = this.connect();
    }, delay);
  }
}

/**
 * Closes politely, but gives up after `ms`: a close that starts just as the socket dies waits for a
 * close-ok that never comes, though the connection is gone (its 'close' event says so).
 */
async function closeWithin(connection: ChannelModel, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    connection.close().catch(() => undefined),
    once(connection, 'close').catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, ms))),
  ]);
  clearTimeout(timer);
}
