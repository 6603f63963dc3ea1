import type { DeliveryInfo, Envelope, Inbox, Logger, MessageHandler } from '@bazaar/platform';
import type { Warehouse, WarehouseTx } from '../warehouse/warehouse.js';
import { fold } from './fold.js';

/** What a handler is given inside a batch: it records the event, which the batch then folds. */
export interface EventBatch {
  record(envelope: Envelope): void;
}

interface Pending {
  envelope: Envelope;
  handler: MessageHandler<Envelope, EventBatch>;
  delivery: DeliveryInfo;
  resolve: (duplicate: boolean) => void;
  reject: (error: unknown) => void;
}

export interface BatchOutcome {
  /** Events new to the warehouse, folded; and those it had already. */
  folded: number;
  duplicates: number;
  seconds: number;
  /** For each event folded: seconds from its occurredAt (its commit at the source) to this batch's commit. */
  freshness: number[];
}

export interface WarehouseInboxOptions {
  /** Events folded in one transaction at most (default 500). */
  maxBatch?: number;
  /** How long the first event of a batch waits for others (default 20 ms): freshness against throughput. */
  lingerMs?: number;
  logger?: Logger;
  onBatch?: (outcome: BatchOutcome) => void;
}

/**
 * analytics' inbox: `raw_events` itself, keyed by event id. Deliveries are gathered into batches and
 * each batch is one DuckDB transaction: the events it has not seen are appended to `raw_events` and
 * folded into the facts, then every delivery of the batch is answered (and so acknowledged by the
 * consumer). A warehouse commits a few hundred events in about the time it commits one, so at a
 * thousand events a second it keeps up where an event-per-transaction inbox would not.
 *
 * A batch that fails is tried again one event per transaction, so that one bad event is retried (and
 * finally parked) alone instead of holding back the others.
 */
export class WarehouseInbox implements Inbox<EventBatch> {
  private readonly waiting: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly maxBatch: number;
  private readonly lingerMs: number;

  constructor(private readonly warehouse: Warehouse, private readonly options: WarehouseInboxOptions = {}) {
    this.maxBatch = options.maxBatch ?? 500;
    this.lingerMs = options.lingerMs ?? 20;
  }

  apply(envelope: Envelope, handler: MessageHandler<Envelope, EventBatch>, delivery: DeliveryInfo): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ envelope, handler, delivery, resolve, reject });
      if (this.waiting.length >= this.maxBatch) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.lingerMs);
    });
  }

  /** Folds whatever is waiting now (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.waiting.length || this.flushing) {
      this.kick();
      await this.flushing;
    }
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushing || this.waiting.length === 0) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
      if (this.waiting.length) this.kick();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting.splice(0, this.maxBatch);
    const started = performance.now();
    try {
      const duplicates = await this.warehouse.write((tx) => applyBatch(tx, batch));
      this.report(batch, duplicates, started);
      for (const item of batch) item.resolve(duplicates.has(item));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      this.options.logger?.warn({ err: error, events: batch.length }, 'a batch failed to fold: trying its events one at a time');
      for (const item of batch) {
        try {
          const duplicates = await this.warehouse.write((tx) => applyBatch(tx, [item]));
          this.report([item], duplicates, performance.now());
          item.resolve(duplicates.has(item));
        } catch (single) {
          item.reject(single);
        }
      }
    }
  }

  private report(batch: Pending[], duplicates: Set<Pending>, started: number): void {
    if (!this.options.onBatch) return;
    const committed = Date.now();
    const folded = batch.filter((item) => !duplicates.has(item));
    this.options.onBatch({
      folded: folded.length,
      duplicates: duplicates.size,
      seconds: (performance.now() - started) / 1000,
      freshness: folded.map((item) => Math.max(0, (committed - Date.parse(item.envelope.occurredAt)) / 1000)),
    });
  }
}

/** One batch in one transaction; answers which of its deliveries were already in the warehouse. */
async function applyBatch(tx: WarehouseTx, batch: Pending[]): Promise<Set<Pending>> {
  const duplicates = new Set<Pending>();
  const ids = [...new Set(batch.map((item) => item.envelope.id))];
  const seen = new Set(
    (await tx.all<{ id: string }>(`SELECT event_id::VARCHAR AS id FROM raw_events WHERE event_id IN (${ids.map((_, i) => `$${i + 1}::UUID`).join(', ')})`, ids)).map((r) => r.id),
  );
  const recorded: Envelope[] = [];
  const collector: EventBatch = { record: (envelope) => void recorded.push(envelope) };
  for (const item of batch) {
    // Seen before, or a second delivery of an event within this batch.
    if (seen.has(item.envelope.id)) {
      duplicates.add(item);
      continue;
    }
    seen.add(item.envelope.id);
    await item.handler(item.envelope, collector, item.delivery);
  }
  if (recorded.length === 0) return duplicates;
  await stage(tx, recorded, new Date());
  await tx.run('INSERT INTO raw_events SELECT * FROM batch_events');
  await fold(tx, 'batch_events', new Set(recorded.map((e) => e.type)));
  return duplicates;
}

/**
 * Puts a batch's events in `batch_events` (a temporary table of raw_events' shape): appended as text
 * by DuckDB's appender, then typed in one statement. A multi-row INSERT with a parameter per value
 * costs a third of a batch's time in binding alone.
 */
async function stage(tx: WarehouseTx, envelopes: Envelope[], receivedAt: Date): Promise<void> {
  await tx.run('CREATE TEMP TABLE IF NOT EXISTS batch_events AS SELECT * FROM raw_events LIMIT 0');
  await tx.run('CREATE TEMP TABLE IF NOT EXISTS batch_staging (event_id VARCHAR, type VARCHAR, version INTEGER, source VARCHAR, occurred_at VARCHAR, correlation_id VARCHAR, payload VARCHAR)');
  await tx.run('DELETE FROM batch_events');
  await tx.run('DELETE FROM batch_staging');
  const appender = await tx.connection.createAppender('batch_staging', 'main', 'temp');
  try {
    for (const e of envelopes) {
      appender.appendVarchar(e.id);
      appender.appendVarchar(e.type);
      appender.appendInteger(e.version);
      appender.appendVarchar(e.source);
      appender.appendVarchar(e.occurredAt);
      if (e.correlationId === undefined) appender.appendNull();
      else appender.appendVarchar(e.correlationId);
      appender.appendVarchar(JSON.stringify(e.payload));
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  await tx.run(
    `INSERT INTO batch_events SELECT event_id::UUID, type, version, source, occurred_at::TIMESTAMPTZ, $1::TIMESTAMPTZ, correlation_id, payload::JSON FROM batch_staging`,
    [receivedAt.toISOString()],
  );
}
