import { once } from 'node:events';
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { QueryResult } from 'pg';
import type { Pool } from '../db/pool.js';
import type { Logger } from '../logger.js';
import { recordError, startPublishSpan, traceparentOf } from '../observability/tracing.js';
import { BrokerConnection } from './connection.js';
import { OutboxListener } from './listener.js';
import { declareExchanges, type TopologyNames } from './topology.js';

export interface RelayOptions {
  /** Connection name shown by the broker, e.g. `orders.relay`. */
  name: string;
  pool: Pool;
  amqpUrl: string;
  logger: Logger;
  names: TopologyNames;
  /** Rows locked and published per round trip (default 200). */
  batchSize?: number;
  /** How often to look for rows when no notification came (default 1000 ms). */
  pollIntervalMs?: number;
  /** A batch not confirmed within this time is treated as failed and the connection reset (30 s). */
  confirmTimeoutMs?: number;
  /** Sent outbox rows are deleted after `sentRetentionMs` (default 1 day), inbox rows after `inboxRetentionMs` (30 days; null keeps them). */
  cleanup?: { intervalMs?: number; sentRetentionMs?: number; inboxRetentionMs?: number | null };
  backoff?: { initialMs?: number; maxMs?: number };
  /** Called with the ids of messages the broker confirmed and that are now marked sent. */
  onPublished?: (ids: string[]) => void;
  /**
   * Fault injection for tests: runs after the broker confirmed a batch and before the rows are
   * marked sent. Throwing simulates a relay that dies at that moment: the rows stay unsent and are
   * published again, which the consumers' inbox must absorb.
   */
  afterConfirm?: (ids: string[]) => Promise<void> | void;
}

interface OutboxRow {
  id: string;
  type: string;
  exchange: string;
  routing_key: string;
  body: string;
}

const DELETE_CHUNK = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Sends outbox rows to RabbitMQ with publisher confirms and marks them sent. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so relays of several replicas share the work and never publish a row at
 * the same time. A row is marked sent only after the broker confirmed it; a relay that dies in
 * between publishes it again later (at-least-once; consumers' inboxes drop the duplicate).
 */
export class OutboxRelay {
  readonly broker: BrokerConnection;
  private channel: ConfirmChannel | undefined;
  private readonly returned = new Set<string>();
  private readonly listener: OutboxListener;
  private cleanupTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private woken = false;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly options: RelayOptions) {
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
    this.listener = new OutboxListener(options.pool, options.logger, () => this.wake());
  }

  get connected(): boolean {
    return this.channel !== undefined;
  }

  waitUntilConnected(timeoutMs: number): Promise<boolean> {
    return this.broker.waitUntilReady(timeoutMs);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.broker.start();
    this.listener.start();
    const cleanupEvery = this.options.cleanup?.intervalMs ?? 10 * 60_000;
    this.cleanupTimer = setInterval(() => {
      this.cleanup().catch((error: unknown) => this.options.logger.warn({ err: error }, 'outbox clean-up failed'));
    }, cleanupEvery);
    this.cleanupTimer.unref();
    this.running = this.loop();
  }

  /** Finishes the batch in flight, then closes the broker connection and the LISTEN connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.cleanupTimer);
    this.wake();
    await this.running;
    await this.broker.stop();
    this.channel = undefined;
    await this.listener.stop();
  }

  /** Makes the relay look for rows now (a commit happened). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Deletes sent rows past their retention, and old inbox rows; returns how many of each. */
  async cleanup(): Promise<{ outbox: number; inbox: number }> {
    const sentMs = this.options.cleanup?.sentRetentionMs ?? 24 * 3600_000;
    const inboxMs = this.options.cleanup?.inboxRetentionMs === undefined ? 30 * 24 * 3600_000 : this.options.cleanup.inboxRetentionMs;
    const outbox = await this.deleteInChunks(
      `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE sent_at < now() - make_interval(secs => $1::float8 / 1000) LIMIT ${DELETE_CHUNK})`,
      sentMs,
    );
    const inbox = inboxMs === null ? 0 : await this.deleteInChunks(
      `DELETE FROM inbox WHERE (message_id, handler) IN (SELECT message_id, handler FROM inbox WHERE processed_at < now() - make_interval(secs => $1::float8 / 1000) LIMIT ${DELETE_CHUNK})`,
      inboxMs,
    );
    return { outbox, inbox };
  }

  private async deleteInChunks(sql: string, retentionMs: number): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.options.pool.query(sql, [retentionMs]);
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < DELETE_CHUNK || this.stopped) return total;
    }
  }

  private async setup(connection: ChannelModel): Promise<void> {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined); // the close that follows is what we act on
    channel.on('return', (message: { properties: { messageId?: string } }) => {
      if (message.properties.messageId) this.returned.add(message.properties.messageId);
    });
    channel.on('close', () => {
      if (this.channel !== channel) return;
      this.channel = undefined;
      this.broker.reset('relay channel closed');
    });
    await declareExchanges(channel, this.options.names);
    this.channel = channel;
    this.wake();
  }

  private async loop(): Promise<void> {
    const pollMs = this.options.pollIntervalMs ?? 1000;
    while (!this.stopped) {
      this.woken = false;
      let more = false;
      if (this.channel) {
        try {
          more = await this.relayBatch(this.channel);
        } catch (error) {
          this.options.logger.warn({ err: error }, 'outbox relay batch failed; will retry');
        }
      }
      if (!more && !this.stopped) await this.sleep(pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** Claims, publishes and marks one batch; true when there may be more rows waiting. */
  private async relayBatch(channel: ConfirmChannel): Promise<boolean> {
    const batchSize = Math.max(1, Math.floor(this.options.batchSize ?? 200));
    const client = await this.options.pool.connect();
    let broken = false;
    try {
      // A commit that woke the relay before this point is seen by the claim below (its snapshot is
      // taken after it is sent): only a wake from here on asks for another look. Taking the wake
      // before the pool's connection was in hand cost an empty claim after most batches.
      this.woken = false;
      // BEGIN and the claim in one round trip (the simple protocol runs both; the limit is our own
      // integer, so it is written into the text).
      const results = (await client.query(
        `BEGIN; SELECT id, type, exchange, routing_key, envelope::text AS body FROM outbox
          WHERE sent_at IS NULL AND next_attempt_at <= now()
          ORDER BY created_at, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`,
      )) as unknown as [QueryResult, QueryResult<OutboxRow>];
      const { rows } = results[1];
      if (rows.length === 0) {
        await client.query('COMMIT');
        return false;
      }
      const errors = await this.publish(channel, rows);
      const sent = rows.filter((_, i) => errors[i] === undefined).map((r) => r.id);
      const failed = rows.flatMap((r, i) => (errors[i] === undefined ? [] : [{ id: r.id, error: errors[i]! }]));
      await this.options.afterConfirm?.(sent);
      if (failed.length) {
        // The row's own backoff (1, 2, 4 … 60 s) is computed here from its persisted attempts, so it
        // holds across restarts and replicas; cockatiel's backoffs are in-process iterators, which
        // would need a state per row that the relay does not keep.
        await client.query(
          `UPDATE outbox o SET attempts = o.attempts + 1, last_error = f.error,
                  next_attempt_at = now() + make_interval(secs => LEAST(60, power(2, o.attempts)))
             FROM unnest($1::uuid[], $2::text[]) AS f(id, error) WHERE o.id = f.id`,
          [failed.map((f) => f.id), failed.map((f) => f.error)],
        );
        this.options.logger.warn({ failed: failed.length, firstError: failed[0]!.error }, 'some outbox messages were not published; will retry');
      }
      // Marked sent and committed in one round trip: the ids are the uuids PostgreSQL just gave us,
      // checked again before they are written into the statement.
      if (sent.length && sent.every((id) => UUID.test(id))) {
        await client.query(`UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY('{${sent.join(',')}}'::uuid[]); COMMIT`);
      } else {
        if (sent.length) await client.query('UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])', [sent]);
        await client.query('COMMIT');
      }
      if (sent.length) this.options.onPublished?.(sent);
      return rows.length === batchSize && failed.length === 0;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Publishes every row and waits for the broker's confirms: the error of each row, or undefined. */
  private async publish(channel: ConfirmChannel, rows: OutboxRow[]): Promise<(string | undefined)[]> {
    const confirmations: Promise<string | undefined>[] = [];
    for (const row of rows) {
      let confirm!: (error: string | undefined) => void;
      confirmations.push(new Promise((resolve) => (confirm = resolve)));
      const envelope = JSON.parse(row.body) as { source?: string; correlationId?: string; version?: number; traceparent?: string; payload?: unknown };
      const span = startPublishSpan(envelope.traceparent, {
        type: row.type, messageId: row.id, destination: row.exchange, payload: envelope.payload,
        ...(envelope.correlationId ? { correlationId: envelope.correlationId } : {}),
      });
      const settle = (error: string | undefined) => {
        if (error) recordError(span, error);
        span.end();
        confirm(error);
      };
      let writable = true;
      try {
        writable = channel.publish(
          row.exchange,
          row.routing_key,
          Buffer.from(row.body),
          {
            persistent: true,
            contentType: 'application/json',
            messageId: row.id,
            type: row.type,
            appId: envelope.source,
            correlationId: envelope.correlationId,
            timestamp: Math.floor(Date.now() / 1000),
            // The publish span's context, so the consumer's span hangs below it (the envelope keeps the
            // context the message was written in).
            headers: { 'x-version': envelope.version, traceparent: traceparentOf(span, envelope.traceparent) },
            // A command nobody is bound to receive must not vanish: it is returned and retried.
            mandatory: row.exchange === this.options.names.exchanges.commands,
          },
          (error: unknown) => {
            if (error) settle(`the broker did not confirm the message: ${describe(error)}`);
            else if (this.returned.delete(row.id)) settle(`no queue is bound to ${row.exchange} with routing key ${row.routing_key}`);
            else settle(undefined);
          },
        );
      } catch (error) {
        settle(`publish failed: ${describe(error)}`);
      }
      if (!writable) await Promise.race([once(channel, 'drain'), once(channel, 'close')]);
    }
    const all = Promise.all(confirmations);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.options.confirmTimeoutMs ?? 30_000))),
    ]);
    clearTimeout(timer);
    // Closing the channel fails every unconfirmed publish, which settles `all`.
    if (timedOut) this.broker.reset('publisher confirms timed out');
    return all;
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
