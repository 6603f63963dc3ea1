import pg from 'pg';
import { LogicalReplicationService, type Pgoutput } from 'pg-logical-replication';
import type { CdcSource } from '../config.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { copySource } from './copy.js';
import { applyChanges } from './changes.js';
import { Mirrors } from './mirror.js';
import { SESSION_OPTIONS, TextPgoutputPlugin, lsnText, lsnValue } from './pg-types.js';
import { readPosition, writeApplied } from './positions.js';
import type { CdcLogger, CdcSourceStatus, CdcState } from './status.js';

interface Received {
  commitTime: number;
  endLsn: bigint;
  changes: Pgoutput.Message[];
}

const BACKOFF_MS = [500, 1000, 2000, 5000, 10_000, 30_000];
/** Transactions received and not yet applied beyond which the socket is no longer read. */
const HIGH_WATER = 1000;
const TRANSACTIONS_PER_WRITE = 500;

/**
 * One source: makes sure its slot and mirror exist (copying when the slot is new), streams its
 * transactions, applies each in one warehouse transaction with its position, and only then tells
 * PostgreSQL it may forget them. Any failure (connection, server restart, a transaction the
 * warehouse refused) ends the stream; it starts again from the last applied position after a
 * backoff, and nothing received but unapplied is kept.
 */
export class SourceReader {
  private state: CdcState = 'starting';
  private lastError: string | undefined;
  private appliedLsn: bigint | undefined;
  private appliedCommitTime: number | undefined;
  private changesApplied = 0;
  private copies = 0;
  private current: Received | undefined;
  private readonly queue: Received[] = [];
  private applying: Promise<void> | undefined;
  private applyError: Error | undefined;
  /** The last moment nothing was waiting and PostgreSQL had sent everything (a keepalive or a drained queue said so). */
  private idleSince = Date.now();
  private caughtUp = false;
  private service: LogicalReplicationService | undefined;
  private client: pg.Client | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private done: Promise<void> | undefined;
  private readonly mirrors: Mirrors;

  constructor(
    private readonly source: CdcSource,
    private readonly warehouse: Warehouse,
    private readonly logger: CdcLogger,
    private readonly onStatus: (status: CdcSourceStatus) => void = () => undefined,
  ) {
    this.mirrors = new Mirrors(source.source, (table, message) => logger.warn({ source: source.source, table }, `cdc ${source.source}: ${table} ${message}`));
  }

  start(): void {
    this.done ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.service?.stop().catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    await this.done;
    this.setState('stopped');
  }

  status(): CdcSourceStatus {
    return {
      source: this.source.source,
      slot: this.source.slot,
      state: this.state,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(this.appliedLsn !== undefined ? { lastAppliedLsn: lsnText(this.appliedLsn) } : {}),
      ...(this.appliedCommitTime !== undefined ? { lastCommitTime: new Date(this.appliedCommitTime).toISOString() } : {}),
      lagSeconds: this.lagSeconds(),
      changesApplied: this.changesApplied,
      copies: this.copies,
    };
  }

  /**
   * How stale the mirror may be, in seconds: the age of the oldest change it lacks, as far as known.
   * - Streaming with source transactions received and not yet applied: now − the commit time of the
   *   oldest of them.
   * - Streaming with none waiting, caught up (a keepalive or a drained queue since the stream started
   *   said PostgreSQL had sent everything): 0, however long ago the source last changed.
   * - Otherwise (copying, reconnecting, just reconnected): now − the last moment it was caught up,
   *   since what the source committed after is unknown.
   */
  lagSeconds(now = Date.now()): number {
    if (this.state === 'stopped') return 0;
    const oldest = this.queue[0]?.commitTime ?? this.current?.commitTime;
    if (this.state === 'streaming' && oldest !== undefined) return Math.max(0, (now - oldest) / 1000);
    if (this.state === 'streaming' && this.caughtUp) return 0;
    return Math.max(0, (now - this.idleSince) / 1000);
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopping) {
      try {
        const from = await this.prepare();
        await this.stream(from, () => (attempt = 0));
        if (!this.stopping) throw new Error('the server ended the replication stream');
      } catch (error) {
        if (this.stopping) break;
        this.failed(error as Error, attempt);
      }
      if (this.stopping) break;
      await this.sleep(BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]! * (0.75 + Math.random() / 2));
    }
  }

  /** Where to stream from: the warehouse's position on a slot that exists, else a new slot and a full copy. */
  private async prepare(): Promise<bigint> {
    const client = new pg.Client({ connectionString: this.source.url, application_name: 'bazaar-analytics-cdc', options: SESSION_OPTIONS });
    this.client = client;
    client.on('error', () => undefined); // a lost connection fails the query under way, which is handled there
    try {
      await client.connect();
      const [slot] = (await client.query<{ lsn: string | null }>('SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1 AND database = current_database()', [this.source.slot])).rows;
      const position = await readPosition(this.warehouse, this.source.source);
      if (slot && position?.slot === this.source.slot) return lsnValue(position.lsn);
      const fields = { source: this.source.source, slot: this.source.slot };
      if (slot) {
        // A slot without a finished copy (a copy interrupted, a warehouse started afresh): its stream alone would leave the mirror without the rows from before it.
        this.logger.info(fields, `cdc ${this.source.source}: slot ${this.source.slot} has no complete copy in this warehouse; creating it again`);
        await client.query('SELECT pg_drop_replication_slot($1)', [this.source.slot]);
      } else if (position) {
        this.logger.warn({ ...fields, lsn: position.lsn }, `cdc ${this.source.source}: slot ${this.source.slot} has disappeared; creating it again and copying every table afresh (changes since ${position.lsn} were lost with it)`);
      }
      this.setState('copying');
      const copied = await copySource(client, this.warehouse, this.mirrors, this.source);
      this.copies += 1;
      this.logger.info({ ...fields, tables: copied.tables }, `cdc ${this.source.source}: copied ${copied.tables.map((t) => `${t.table} (${t.rows})`).join(', ') || 'no table'}; streaming from ${copied.lsn}`);
      return lsnValue(copied.lsn);
    } finally {
      this.client = undefined;
      await client.end().catch(() => undefined);
    }
  }

  private async stream(from: bigint, started: () => void): Promise<void> {
    const service = new LogicalReplicationService(
      { connectionString: this.source.url, application_name: 'bazaar-analytics-cdc', options: SESSION_OPTIONS },
      // Acknowledged by hand, after the warehouse commit; the library's timer would confirm what was only received.
      { acknowledge: { auto: false, timeoutSeconds: 0 } },
    );
    this.service = service;
    this.appliedLsn = from;
    this.caughtUp = false;
    service.on('error', () => undefined); // subscribe() rejects with the same error
    service.on('start', () => {
      if (this.stopping) return void service.stop().catch(() => undefined);
      started();
      if (this.state === 'reconnecting') this.logger.info({ source: this.source.source }, `cdc ${this.source.source}: streaming again`);
      this.lastError = undefined;
      this.setState('streaming');
    });
    service.on('data', (_lsn: string, message: Pgoutput.Message) => this.receive(message));
    service.on('heartbeat', (lsn: string, _time: number, reply: boolean) => this.keepalive(lsn, reply));
    try {
      if (this.stopping) return;
      await service.subscribe(new TextPgoutputPlugin({ protoVersion: 1, publicationNames: [this.source.publication] }), this.source.slot, lsnText(from));
    } finally {
      this.service = undefined;
      await service.stop().catch(() => undefined);
      // Whole transactions received are still applied (their positions are exact); a partial one comes again.
      this.current = undefined;
      await this.applying;
      this.caughtUp = false;
    }
    if (this.applyError) throw this.applyError;
  }

  private receive(message: Pgoutput.Message): void {
    if (message.tag === 'begin') {
      this.current = { commitTime: Number((message.commitTime as bigint) / 1000n), endLsn: 0n, changes: [] };
    } else if (message.tag === 'commit') {
      if (!this.current) return;
      this.queue.push({ ...this.current, endLsn: lsnValue(message.commitEndLsn!) });
      this.current = undefined;
      if (this.queue.length >= HIGH_WATER) this.socket()?.pause();
      this.applying ??= this.applyAll().finally(() => (this.applying = undefined));
    } else if (this.current && ['relation', 'insert', 'update', 'delete', 'truncate'].includes(message.tag)) {
      this.current.changes.push(message);
    }
  }

  private async applyAll(): Promise<void> {
    // Stopping leaves the rest: it was not acknowledged, so the next start receives it again.
    while (this.queue.length > 0 && !this.applyError && !this.stopping) {
      const batch = this.queue.slice(0, TRANSACTIONS_PER_WRITE);
      try {
        await this.apply(batch);
      } catch (error) {
        // Nothing after it may be applied first: drop what waits and start again from the last position.
        this.applyError = error as Error;
        this.queue.length = 0;
        void this.service?.stop().catch(() => undefined);
        return;
      }
      this.queue.splice(0, batch.length);
      this.acknowledge(batch.at(-1)!.endLsn);
    }
    if (!this.current && this.queue.length === 0 && !this.applyError) this.idle();
    this.socket()?.resume();
  }

  /**
   * Whole source transactions, in one warehouse transaction with the position of the last: none is
   * ever split, and those that waited behind one another are committed together (a DuckDB commit
   * costs as much as many rows).
   */
  private async apply(batch: Received[]): Promise<void> {
    const last = batch.at(-1)!;
    let changes = 0;
    try {
      await this.warehouse.write(async (tx) => {
        changes = await applyChanges(tx, this.mirrors, batch.flatMap((received) => received.changes));
        await writeApplied(tx, this.source.source, this.source.slot, { lsn: lsnText(last.endLsn), commitTime: new Date(last.commitTime), changes });
      });
    } catch (error) {
      this.mirrors.forget();
      throw error;
    }
    this.appliedLsn = last.endLsn;
    this.appliedCommitTime = last.commitTime;
    this.changesApplied += changes;
  }

  /**
   * A keepalive carries the server's position. With nothing received waiting to be applied, all
   * before it is in the warehouse (or was not ours: other databases' WAL, empty transactions), so it
   * is confirmed and the slot lets that WAL go; otherwise the last applied commit is, if asked.
   */
  private keepalive(lsn: string, reply: boolean): void {
    if (!this.current && this.queue.length === 0 && !this.applying) {
      this.idle();
      this.acknowledge(lsnValue(lsn));
    } else if (reply && this.appliedLsn !== undefined) {
      this.acknowledge(this.appliedLsn);
    }
  }

  private idle(): void {
    this.caughtUp = true;
    this.idleSince = Date.now();
  }

  /** The library reports `lsn + 1` as flushed; PostgreSQL's own subscribers report the commit's end exactly, so it is given `lsn − 1`. */
  private acknowledge(lsn: bigint): void {
    if (lsn > 0n) void this.service?.acknowledge(lsnText(lsn - 1n)).catch(() => undefined);
  }

  /** The replication socket, to stop reading it while the warehouse catches up (the library's own flow control does the same). */
  private socket(): { pause(): void; resume(): void } | undefined {
    return (this.service as unknown as { _connection?: { stream?: { pause(): void; resume(): void } } } | undefined)?._connection?.stream;
  }

  private failed(error: Error, attempt: number): void {
    this.applyError = undefined;
    const message = error.message || String(error);
    this.lastError = message;
    const fields = { source: this.source.source, slot: this.source.slot, err: message };
    // Said once when the source is lost; the attempts after are in the status (and at debug level).
    if (this.state !== 'reconnecting') this.logger.warn(fields, `cdc ${this.source.source}: ${message}; reconnecting with backoff`);
    else this.logger.debug({ ...fields, attempt }, `cdc ${this.source.source}: still unavailable`);
    this.setState('reconnecting');
  }

  private setState(state: CdcState): void {
    if (this.state === state) return;
    this.state = state;
    this.onStatus(this.status());
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
