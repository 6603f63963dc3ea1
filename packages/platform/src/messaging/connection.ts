import { once } from 'node:events';
import amqp, { type ChannelModel } from 'amqplib';
import type { Logger } from '../logger.js';

export interface BrokerConnectionOptions {
  url: string;
  /** Shown by the broker (`rabbitmqctl list_connections client_properties`), e.g. `orders.relay`. */
  name: string;
  logger: Logger;
  /** Opens channels, declares topology, starts consumers. Throwing closes the connection and retries. */
  setup: (connection: ChannelModel) => Promise<void>;
  /** Called when a set-up connection is lost, before reconnecting. */
  onLost?: () => void;
  /** First and longest wait between attempts; each wait doubles, with jitter. */
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
  private timer: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;
  private readyWaiters: (() => void)[] = [];

  constructor(private readonly options: BrokerConnectionOptions) {}

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
    const initial = this.options.backoff?.initialMs ?? 200;
    const max = this.options.backoff?.maxMs ?? 30_000;
    const base = Math.min(max, initial * 2 ** Math.max(0, this.failures - 1));
    const delay = Math.round(base / 2 + (Math.random() * base) / 2);
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
