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
}

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
    countQueries(client);
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

function countQueries(client: pg.PoolClient): void {
  const query = client.query;
  client.query = function countedQuery(this: pg.PoolClient, ...args: unknown[]) {
    queriesSent++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof client.query;
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
  options: { isolation?: 'read committed' | 'repeatable read' | 'serializable' } = {},
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  const onCommit: (() => void)[] = [];
  committed.set(client, onCommit);
  try {
    await client.query(options.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation.toUpperCase()}` : 'BEGIN');
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
