import { Counter, Gauge, isDatabaseUnavailable, type HealthRegistry, type Pool, type Queryable, type Registry } from '@bazaar/platform';

/**
 * Where catalog's reads that tolerate staleness (the listing, the search, a product's page) are
 * served: a streaming replica of catalog's database when one is configured, else the primary.
 * Every write, and every read inside a write path, stays on the primary; this only routes the
 * reads a route hands to {@link ReadRouter.read}.
 *
 * Read-your-writes: a successful write answers with `x-catalog-lsn`, the primary's WAL position
 * (`pg_current_wal_lsn()`) once the write has committed. A read that sends it back is served by the
 * replica only once the replica has replayed past it (`pg_last_wal_replay_lsn()`), else by the
 * primary: the session token of Azure Cosmos DB, or MongoDB's afterClusterTime, on PostgreSQL's LSNs.
 *
 * Staleness: a poller asks both servers every `checkIntervalMs` where they are. The replica's lag is
 * how long ago the primary was at the oldest position the replica has not yet replayed (0 when it has
 * replayed everything the primary had), so an idle primary does not look like a lagging replica. A
 * replica that cannot be reached, or lags more than `maxLagMs`, serves nothing until the next check
 * says otherwise: reads go to the primary, never a 5xx for that.
 */
export interface ReadRouter {
  /**
   * Runs a read on the pool chosen for it: `after` is the client's `x-catalog-lsn`, if any; `fresh`
   * asks for the primary whatever the replica's state (a request with `Cache-Control: no-cache`).
   */
  read<T>(asked: ReadConsistency, fn: (db: Queryable) => Promise<T>): Promise<T>;
  /** The primary's WAL position now, for the answer to a write that has committed; undefined without a replica. */
  writePosition(): Promise<string | undefined>;
  /** Whether reads may go to a replica at all (one is configured). */
  readonly replicated: boolean;
  /** Adds the replica's probe (non-critical: a replica down degrades, never fails, the service). */
  registerHealth(health: HealthRegistry): void;
  /** Registers the metrics: which pool served reads and why, the replica's lag. */
  observe(registry: Registry): void;
  /** Starts the checks of the replica's lag (a no-op without a replica). */
  start(): void;
  /** Stops the checks; the pools are their owner's to end. */
  stop(): void;
  /** Runs one check now (tests, and the first one at start). */
  check(): Promise<ReplicaState>;
}

/** The replica as the last check saw it. */
export interface ReplicaState {
  reachable: boolean;
  /** The WAL position it has replayed, as a number of bytes. */
  replayed?: bigint;
  lagSeconds: number;
  lagBytes: number;
  paused?: boolean;
  error?: string;
  checkedAt: number;
}

export interface ReadRouterOptions {
  primary: Pool;
  /** A pool on a streaming replica of `primary`; without it every read goes to the primary. */
  replica?: Pool;
  /** Beyond this lag the replica serves no reads. */
  maxLagMs?: number;
  checkIntervalMs?: number;
}

/** What a read asks of its freshness. */
export interface ReadConsistency {
  /** Served no older than this WAL position (the `x-catalog-lsn` of the reader's last write). */
  after?: string | undefined;
  /** Served by the primary. */
  fresh?: boolean;
}

/** Why a read was served where it was: the `reason` label of catalog_reads_total. */
export type ReadReason = 'replica' | 'no_replica' | 'replica_down' | 'replica_lagging' | 'read_your_writes' | 'fresh_requested' | 'replica_error';

export const LSN_PATTERN = '^[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}$';
/** The header a write answers with and a read may send back. */
export const LSN_HEADER = 'x-catalog-lsn';

/** A PostgreSQL LSN (`16/B374D848`) as the byte position it stands for. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

// SQLSTATE 40001 on a hot standby: a query cancelled by a conflict with recovery (replay had to
// remove rows it still saw). The same query on the primary has no such conflict.
const RECOVERY_CONFLICT = '40001';

export function createReadRouter(options: ReadRouterOptions): ReadRouter {
  const { primary, replica } = options;
  const maxLagSeconds = (options.maxLagMs ?? 5_000) / 1000;
  const checkIntervalMs = options.checkIntervalMs ?? 1_000;
  let state: ReplicaState = { reachable: false, lagSeconds: 0, lagBytes: 0, checkedAt: 0, error: 'not checked yet' };
  // Positions the primary was seen at, oldest first, that the replica had not replayed when seen.
  let behind: { lsn: bigint; seenAt: number }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<ReplicaState> | undefined;
  let reads: Counter<'pool' | 'reason'> | undefined;
  let lagSeconds: Gauge | undefined;
  let lagBytes: Gauge | undefined;
  let up: Gauge | undefined;

  const count = (pool: 'primary' | 'replica', reason: ReadReason) => reads?.inc({ pool, reason });

  async function checkOnce(): Promise<ReplicaState> {
    if (!replica) return state;
    const now = Date.now();
    try {
      const [{ rows: [p] }, { rows: [r] }] = await Promise.all([
        primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn'),
        replica.query<{ standby: boolean; replayed: string | null; paused: boolean | null }>(
          `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed,
                  CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END AS paused`,
        ),
      ]);
      if (!r!.standby || r!.replayed === null) {
        throw new Error('the read database is not a streaming replica (pg_is_in_recovery() is false): check CATALOG_READ_DATABASE_URL');
      }
      const primaryAt = parseLsn(p!.lsn);
      const replayed = parseLsn(r!.replayed);
      if (primaryAt > replayed && (behind.length === 0 || behind.at(-1)!.lsn < primaryAt)) behind.push({ lsn: primaryAt, seenAt: now });
      behind = behind.filter((sample) => sample.lsn > replayed);
      const lag = behind.length === 0 ? 0 : (now - behind[0]!.seenAt) / 1000;
      state = { reachable: true, replayed, lagSeconds: lag, lagBytes: Number(primaryAt > replayed ? primaryAt - replayed : 0n), paused: r!.paused ?? false, checkedAt: now };
    } catch (error) {
      state = { reachable: false, lagSeconds: state.lagSeconds, lagBytes: state.lagBytes, error: (error as Error).message, checkedAt: now };
    }
    up?.set(state.reachable ? 1 : 0);
    lagSeconds?.set(state.lagSeconds);
    lagBytes?.set(state.lagBytes);
    return state;
  }

  const check = () => (running ??= checkOnce().finally(() => { running = undefined; }));

  function choose({ after, fresh }: ReadConsistency): ReadReason {
    if (!replica) return 'no_replica';
    if (fresh) return 'fresh_requested';
    if (!state.reachable) return 'replica_down';
    if (state.lagSeconds > maxLagSeconds) return 'replica_lagging';
    // The position last seen replayed only grows, so a stale check errs towards the primary.
    if (after !== undefined && (state.replayed === undefined || state.replayed < parseLsn(after))) return 'read_your_writes';
    return 'replica';
  }

  return {
    replicated: replica !== undefined,
    async read(asked, fn) {
      const reason = choose(asked);
      if (reason !== 'replica') {
        count('primary', reason);
        return fn(primary);
      }
      try {
        const result = await fn(replica!);
        count('replica', 'replica');
        return result;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (!isDatabaseUnavailable(error) && code !== RECOVERY_CONFLICT) throw error;
        // The replica went away (or replay cancelled the query) since the last check: the primary
        // answers, and the replica serves nothing more until a check finds it back.
        if (isDatabaseUnavailable(error)) state = { ...state, reachable: false, error: (error as Error).message };
        count('primary', 'replica_error');
        return fn(primary);
      }
    },
    async writePosition() {
      if (!replica) return undefined;
      const { rows } = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      return rows[0]!.lsn;
    },
    registerHealth(health) {
      if (!replica) return;
      health.register('read-replica', async () => {
        const now = await check();
        if (!now.reachable) return { status: 'degraded', message: `reads go to the primary: ${now.error}` };
        const details = { lagSeconds: now.lagSeconds, lagBytes: now.lagBytes, replayPaused: now.paused ?? false };
        if (now.lagSeconds > maxLagSeconds) return { status: 'degraded', message: `the replica lags ${now.lagSeconds} s (bound ${maxLagSeconds} s): reads go to the primary`, details };
        return { details };
      }, { critical: false });
    },
    observe(registry) {
      reads = new Counter({
        name: 'catalog_reads_total', help: 'Reads that tolerate staleness (listing, search, product), by the pool that served them and why',
        labelNames: ['pool', 'reason'], registers: [registry],
      });
      if (!replica) return;
      up = new Gauge({ name: 'catalog_read_replica_up', help: 'Whether the last check reached the read replica (1) or not (0)', registers: [registry] });
      lagSeconds = new Gauge({ name: 'catalog_read_replica_lag_seconds', help: 'How long ago the primary was at the oldest position the replica has not replayed', registers: [registry] });
      lagBytes = new Gauge({ name: 'catalog_read_replica_lag_bytes', help: 'Bytes of WAL the primary has written that the replica has not replayed', registers: [registry] });
      up.set(state.reachable ? 1 : 0);
    },
    start() {
      if (!replica || timer) return;
      void check();
      timer = setInterval(() => void check(), checkIntervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    check,
  };
}
