import pg from 'pg';
import type { HealthRegistry } from '../health.js';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that can run a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

// bigint (int8) and numeric come back as strings by default; counts and minor-unit sums fit in a
// double long before they lose precision, so the kit's pools read int8 as a number (numeric stays a
// string). Given to each pool rather than set on pg's global parsers, so importing the kit changes
// nothing for other code in the process.
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PoolOptions {
  /** Name shown in pg_stat_activity, so an operator can tell which service holds a connection. */
  applicationName?: string;
  max?: number;
  statementTimeoutMs?: number;
  connectionTimeoutMs?: number;
  /**
   * Send each statement text that has parameters as a prepared statement, parsed and planned once
   * per connection (default true; see {@link statementName}). Turn it off behind a pooler that
   * hands one client's statements to several server connections without tracking prepared
   * statements (PgBouncer in transaction mode with max_prepared_statements at 0), or to measure
   * what preparing saves.
   */
  prepare?: boolean;
}

/**
 * The pool options a service's settings give (see CommonConfig in config.ts): how many connections,
 * and whether statements are prepared.
 */
export const poolSettings = (config: { DATABASE_POOL_MAX: number; DATABASE_PREPARED_STATEMENTS: 'on' | 'off' }): Pick<PoolOptions, 'max' | 'prepare'> => ({
  max: config.DATABASE_POOL_MAX,
  prepare: config.DATABASE_PREPARED_STATEMENTS === 'on',
});

/** A connection pool to a service's own database. */
export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    application_name: options.applicationName ?? 'bazaar',
    types: typeParsers,
  });
  // An idle client that loses its server (database restarted) must not crash the process: the
  // pool drops it and the next query opens a fresh connection.
  pool.on('error', () => undefined);
  // So must a client that is checked out when its server goes away (a transaction in progress, the
  // outbox relay waiting for the broker's confirms): pg emits 'error' on it too, and unheard that ends
  // the process. Its pending or next query fails instead, and the pool discards it on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    wrapQuery(client, options.prepare ?? true);
  });
  return pool;
}

let queriesSent = 0;

/**
 * Statements this process's pools have sent (BEGIN and COMMIT included), served as
 * `db_client_queries` beside the HTTP metrics: what a request or a message costs the database, which
 * PostgreSQL itself counts only with pg_stat_statements loaded.
 */
export const databaseQueriesSent = (): number => queriesSent;

/**
 * At most this many statement texts are prepared by one process (each is kept by every connection
 * of its pools, in PostgreSQL's memory and pg's); texts met after that run unprepared.
 */
const MAX_PREPARED = 200;
/**
 * A text with more parameters than this is sent unprepared: it is one built for a number of rows
 * (a multi-row VALUES list), whose text differs with each count and would fill the 200 with texts
 * that are seldom run twice. The kit's own hot statements take arrays (`unnest($1::uuid[])`) instead.
 */
const MAX_PREPARED_PARAMETERS = 32;
const preparedNames = new Map<string, string>();
let namesGiven = 0;
// `*` in a select list or a RETURNING list (`SELECT *`, `t.*`, `RETURNING *`), not count(*) or a product.
const STAR_LIST = /(?:\bselect|\breturning|,)\s+(?:[a-z_][a-z0-9_]*\.)?\*|[a-z0-9_"]\.\*/i;

/**
 * Whether the columns a statement returns could change with the schema: a `*` in what a query
 * selects, or in a write's RETURNING list (a write that returns nothing, or names what it returns,
 * has a fixed result whatever its own text selects: `INSERT … SELECT * FROM unnest(…)`).
 */
function resultFollowsSchema(text: string): boolean {
  if (!/^\s*(?:insert|update|delete)\b/i.test(text)) return STAR_LIST.test(text);
  const returning = text.search(/\breturning\b(?![\s\S]*\breturning\b)/i);
  return returning >= 0 && STAR_LIST.test(text.slice(returning));
}

/**
 * The name the statement `text` is prepared under, or undefined to send it unprepared: a text run
 * with parameters is parsed and planned once per connection, then executed by name. Measured on the
 * outbox insert (a transaction of BEGIN, the insert, COMMIT, 8 connections): PostgreSQL's CPU per
 * transaction fell from about 390 to 235 µs. A text whose result columns could change with the
 * schema (a `*` list) is left unprepared: PostgreSQL refuses to run a prepared statement whose
 * result type has changed since it was prepared, which an expand migration adding a column to a
 * table read with `SELECT *` would cause on every connection of the old version still running.
 */
function statementName(text: string): string | undefined {
  const known = preparedNames.get(text);
  if (known !== undefined) return known;
  if (preparedNames.size >= MAX_PREPARED || resultFollowsSchema(text)) return undefined;
  const name = `bazaar_${++namesGiven}`;
  preparedNames.set(text, name);
  return name;
}

/**
 * Wraps a new client's `query`: counts each statement, and sends a text with parameters as a
 * prepared statement ({@link statementName}). A text without parameters is sent as it is, over the
 * simple protocol, which is what lets one call hold several statements (`BEGIN; SELECT …`).
 */
function wrapQuery(client: pg.PoolClient, prepare: boolean): void {
  const query = client.query as (...a: unknown[]) => unknown;
  client.query = function preparedQuery(this: pg.PoolClient, ...args: unknown[]) {
    queriesSent++;
    const [text, values, callback] = args;
    const name = prepare && typeof text === 'string' && Array.isArray(values) && values.length > 0 && values.length <= MAX_PREPARED_PARAMETERS && args.length <= 3 ? statementName(text) : undefined;
    if (name === undefined) return query.apply(this, args);
    const config = { text: text as string, values: values as unknown[], name };
    // pg-pool's own query passes a callback; everything else here awaits the promise.
    if (typeof callback === 'function') {
      return query.call(this, config, (error: unknown, result: unknown) => {
        forgetIfReshaped(config.text, error);
        (callback as (e: unknown, r: unknown) => void)(error, result);
      });
    }
    return (query.call(this, config) as Promise<pg.QueryResult>).catch((error: unknown) => {
      forgetIfReshaped(config.text, error);
      throw error;
    });
  } as typeof client.query;
}

/**
 * A column type changed under a prepared statement whose list names that column: PostgreSQL refuses
 * to run it, and would refuse again on each connection that prepared it. This call fails (as it
 * would have unprepared, had the migration come a moment later); the text gets a new name, so the
 * next call prepares it afresh, for the new type.
 */
function forgetIfReshaped(text: string, error: unknown): void {
  if (!(error instanceof Error)) return;
  // By the server's routine, which does not depend on the language of its messages (lc_messages).
  const { code, routine } = error as Error & { code?: unknown; routine?: unknown };
  if (code === '0A000' && (routine === 'RevalidateCachedQuery' || /cached plan must not change result type/.test(error.message))) {
    preparedNames.delete(text);
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN',
  // admin_shutdown, crash_shutdown, cannot_connect_now (the server is starting or stopping)
  '57P01', '57P02', '57P03']);
const UNREACHABLE_MESSAGES = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/**
 * Whether an error from the pool or a client means the database cannot be reached (down, restarting,
 * the connection cut), rather than a failing statement: a reason to answer 503 and to retry later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // SQLSTATE class 08: connection exception.
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  return UNREACHABLE_MESSAGES.test(error.message);
}

/** What each client inside `withTransaction` runs once its transaction has committed. */
const committed = new WeakMap<pg.PoolClient, (() => void)[]>();

/**
 * Runs `fn` once the transaction `client` is in (one of {@link withTransaction}) commits, and never if
 * it rolls back: for what must count a change only once it is durable, such as a metric of a
 * decision that a failed commit would make again on the message's redelivery. Outside such a
 * transaction (the statement committed on its own) `fn` runs at once. Errors of `fn` are ignored.
 */
export function afterCommit(client: Queryable, fn: () => void): void {
  const pending = committed.get(client as pg.PoolClient);
  if (pending) pending.push(fn);
  else runQuietly(fn);
}

function runQuietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // A metric's failure must not become the transaction's.
  }
}

/**
 * Runs `fn` inside one transaction on one client: committed if it resolves, rolled back if it
 * throws (the error is rethrown). Nothing `fn` wrote survives a failure.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  options: {
    isolation?: 'read committed' | 'repeatable read' | 'serializable';
    /**
     * A statement that waits longer than this for a lock fails (SQLSTATE 55P03), and with it the
     * transaction: for work that has a better way out than waiting, such as the inbox's shared
     * transactions, which two at once could otherwise deadlock and wait out PostgreSQL's one-second
     * deadlock_timeout before one of them is cancelled. Set in the same round trip as BEGIN.
     */
    lockTimeoutMs?: number;
  } = {},
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  const onCommit: (() => void)[] = [];
  committed.set(client, onCommit);
  try {
    const begin = options.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation.toUpperCase()}` : 'BEGIN';
    const lockTimeout = Number.isFinite(options.lockTimeoutMs) ? `; SET LOCAL lock_timeout = ${Math.max(1, Math.floor(options.lockTimeoutMs!))}` : '';
    await client.query(begin + lockTimeout);
    const result = await fn(client);
    await client.query('COMMIT');
    committed.delete(client);
    onCommit.forEach(runQuietly);
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = true; // the connection itself failed: do not return it to the pool
    }
    throw error;
  } finally {
    committed.delete(client);
    client.release(broken);
  }
}

/** Adds a `database` probe to a health registry: a round trip with its latency. */
export function registerDatabaseHealth(health: HealthRegistry, pool: pg.Pool, name = 'database'): void {
  health.register(name, async () => {
    await pool.query('SELECT 1');
    return { details: { totalConnections: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } };
  });
}
