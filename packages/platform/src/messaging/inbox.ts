import { context as otelContext, type Context } from '@opentelemetry/api';
import { runWithContext } from '../context.js';
import { withTransaction, type Pool } from '../db/pool.js';
import type { Envelope } from './envelope.js';
import type { DeliveryInfo, Inbox, MessageHandler } from './consumer.js';

export interface PostgresInboxOptions {
  /**
   * Deliveries applied in one transaction at most (default 50), or false for one transaction per
   * message. A batch takes what is waiting when a transaction is free, so a lone message is not held
   * back: batches only form when messages arrive faster than they commit.
   */
  maxBatch?: number | false;
  /** Batch transactions open at once (default 2): one commits while the next applies. */
  concurrency?: number;
  /**
   * How long a statement of a batch waits for a lock before the batch gives up (default 100 ms):
   * the batch rolls back and its messages are applied one transaction each, as after any failure.
   * Two batches taking the same rows in opposite orders (the saga rows of two orders, the stock of
   * two items) would otherwise deadlock, and PostgreSQL cancels one only after its
   * deadlock_timeout, a second, stalling every transaction queued behind their locks. A message
   * applied on its own waits as long as it must.
   */
  lockTimeoutMs?: number;
}

interface Pending {
  envelope: Envelope;
  handler: MessageHandler;
  delivery: DeliveryInfo;
  /** The trace context the consumer handles the message in (its consumer span). */
  trace: Context;
  resolve: (duplicate: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs the handler and records the message in the inbox, in one transaction of the service's
 * database, in the message's context (correlation, causation, trace); true if it was already
 * recorded, and then the handler does not run.
 */
export function applyMessage(pool: Pool, envelope: Envelope, handler: MessageHandler, delivery: DeliveryInfo): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const { rowCount } = await client.query('INSERT INTO inbox (message_id, handler) VALUES ($1, $2) ON CONFLICT DO NOTHING', [envelope.id, envelope.type]);
    if (rowCount === 0) return true;
    await runWithContext(messageContext(envelope), () => handler(envelope, client, delivery));
    return false;
  });
}

const messageContext = (envelope: Envelope) => ({ correlationId: envelope.correlationId, causationId: envelope.id, traceparent: envelope.traceparent });
const keyOf = (id: string, type: string) => `${id.toLowerCase()}\u0000${type}`;

/**
 * The inbox of a service's PostgreSQL database (its `inbox` table, see sql/messaging.sql), applying
 * the deliveries that are handled at once (up to the consumer's prefetch) in shared transactions:
 * one statement records all their inbox rows, the handlers run one after another on the same
 * client, one COMMIT makes them durable together. Every message still takes effect if and only if
 * its inbox row commits, because both are in the same transaction.
 *
 * If anything in a batch fails (a handler throws, a lock wait times out, a deadlock, the database
 * goes away) the whole transaction rolls back, leaving nothing of the batch, and each of its
 * messages is applied again in a transaction of its own ({@link applyMessage}): the messages that
 * are fine commit, and the one that failed fails alone and is retried or parked by the consumer as
 * before. A statement of a batch waits at most `lockTimeoutMs` for a lock, so two batches that
 * want each other's rows are broken up at once rather than after PostgreSQL's deadlock_timeout.
 */
export class PostgresInbox implements Inbox {
  private readonly waiting: Pending[] = [];
  private active = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly concurrency: number;
  private readonly lockTimeoutMs: number;

  constructor(private readonly pool: Pool, options: PostgresInboxOptions = {}) {
    this.maxBatch = options.maxBatch === false ? 1 : Math.max(1, options.maxBatch ?? 50);
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.lockTimeoutMs = options.lockTimeoutMs ?? 100;
  }

  apply(envelope: Envelope, handler: MessageHandler, delivery: DeliveryInfo): Promise<boolean> {
    if (this.maxBatch === 1) return applyMessage(this.pool, envelope, handler, delivery);
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ envelope, handler, delivery, trace: otelContext.active(), resolve, reject });
      this.schedule();
    });
  }

  /**
   * Starts a batch once the deliveries that arrived together have all been handed over (the broker
   * sends several in one read), when a transaction is free.
   */
  private schedule(): void {
    if (this.scheduled || this.active >= this.concurrency || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.active < this.concurrency && this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        this.active++;
        void this.run(batch).finally(() => {
          this.active--;
          this.schedule();
        });
      }
    });
  }

  private async run(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      const [one] = batch as [Pending];
      await otelContext.with(one.trace, () => applyMessage(this.pool, one.envelope, one.handler, one.delivery)).then(one.resolve, one.reject);
      return;
    }
    let duplicates: boolean[];
    try {
      duplicates = await this.applyBatch(batch);
    } catch {
      // Nothing of the batch was committed: each message again in a transaction of its own, so the
      // failing one fails alone (with its own error) and the others take effect.
      await Promise.all(batch.map((p) => otelContext.with(p.trace, () => applyMessage(this.pool, p.envelope, p.handler, p.delivery)).then(p.resolve, p.reject)));
      return;
    }
    batch.forEach((p, i) => p.resolve(duplicates[i]!));
  }

  /** One transaction for the batch: the inbox rows in one statement, then each new message's handler. */
  private applyBatch(batch: Pending[]): Promise<boolean[]> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ id: string; handler: string }>(
        `INSERT INTO inbox (message_id, handler) SELECT * FROM unnest($1::uuid[], $2::text[])
           ON CONFLICT DO NOTHING RETURNING message_id::text AS id, handler`,
        [batch.map((p) => p.envelope.id), batch.map((p) => p.envelope.type)],
      );
      const fresh = new Set(rows.map((r) => keyOf(r.id, r.handler)));
      const duplicates: boolean[] = [];
      for (const p of batch) {
        const key = keyOf(p.envelope.id, p.envelope.type);
        // A message delivered twice within one batch (a relay's duplicate) is applied once.
        if (!fresh.delete(key)) {
          duplicates.push(true);
          continue;
        }
        await otelContext.with(p.trace, () => runWithContext(messageContext(p.envelope), () => p.handler(p.envelope, client, p.delivery)));
        duplicates.push(false);
      }
      return duplicates;
    }, { lockTimeoutMs: this.lockTimeoutMs });
  }
}

/** The inbox of a service's PostgreSQL database: its `inbox` table, applying deliveries in batches. */
export const postgresInbox = (pool: Pool, options?: PostgresInboxOptions): Inbox => new PostgresInbox(pool, options);
