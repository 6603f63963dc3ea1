import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

/**
 * The service's folder: the nearest one above this module that has a package.json. This module runs
 * from src/warehouse/, dist/warehouse/ or inside the bundle in dist/, each at its own depth.
 */
function serviceDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}: the warehouse's schema files cannot be found`);
    dir = up;
  }
  return dir;
}

/** The warehouse's own schema files (DuckDB SQL), applied in name order, each once. */
export const schemaDir = path.join(serviceDir(), 'warehouse');

export type Row = Record<string, unknown>;
export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

/** What a write transaction may do: statements on the one writing connection, inside BEGIN … COMMIT. */
export interface WarehouseTx {
  run(sql: string, params?: Params): Promise<void>;
  all<T extends object = Row>(sql: string, params?: Params): Promise<T[]>;
  /** The connection itself, for an appender. */
  readonly connection: DuckDBConnection;
}

/**
 * analytics' DuckDB file. DuckDB allows one writing process and serialises conflicting writes badly
 * (a conflict aborts the later transaction), so every write goes through one connection, one
 * transaction at a time, in the order asked; reads take connections of their own and see the last
 * committed state (DuckDB's MVCC), never blocking the writer.
 */
export class Warehouse {
  private writer: DuckDBConnection | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly readers: DuckDBConnection[] = [];
  private closed = false;

  private constructor(private readonly instance: DuckDBInstance, readonly file: string) {}

  /**
   * Opens (or creates) the warehouse at `file` (`:memory:` for a throw-away one) and applies the
   * schema files not yet applied. Fails with a message naming the holder when another process has
   * the file open (DuckDB's lock).
   */
  static async open(file: string, options: { threads?: number; memoryLimit?: string } = {}): Promise<Warehouse> {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    const settings: Record<string, string> = {};
    if (options.threads) settings.threads = String(options.threads);
    if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file, settings);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/lock/i.test(message)) throw new Error(`the warehouse ${file} is open in another process (analytics running?): ${message.split('\n')[0]}`);
      throw error;
    }
    const warehouse = new Warehouse(instance, file);
    warehouse.writer = await instance.connect();
    await warehouse.migrate();
    return warehouse;
  }

  /** Runs `work` in one transaction on the writing connection, after the writes queued before it. */
  write<T>(work: (tx: WarehouseTx) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      const connection = this.writer;
      if (!connection || this.closed) throw new Error('the warehouse is closed');
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await work(txOf(connection));
        await connection.run('COMMIT');
        return result;
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Rows of a read-only query, on a connection of its own: a report never waits for the writer. */
  async all<T extends object = Row>(sql: string, params?: Params): Promise<T[]> {
    if (this.closed) throw new Error('the warehouse is closed');
    const connection = this.readers.pop() ?? (await this.instance.connect());
    try {
      return await rowsOf<T>(connection, sql, params);
    } finally {
      if (this.closed) connection.closeSync();
      else this.readers.push(connection);
    }
  }

  /** Whether `schema.table` exists (a CDC mirror appears once its source has been copied). */
  async hasTable(schema: string, table: string): Promise<boolean> {
    const rows = await this.all('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [schema, table]);
    return rows.length > 0;
  }

  /** Waits for the writes queued, then closes every connection and the file (a checkpoint first). */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    await this.writer?.run('CHECKPOINT').catch(() => undefined);
    for (const connection of this.readers.splice(0)) connection.closeSync();
    this.writer?.closeSync();
    this.writer = undefined;
    this.instance.closeSync();
  }

  private async migrate(): Promise<void> {
    const connection = this.writer!;
    await connection.run('CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const applied = new Set((await rowsOf<{ name: string }>(connection, 'SELECT name FROM schema_migrations')).map((r) => r.name));
    for (const name of readdirSync(schemaDir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort()) {
      if (applied.has(name)) continue;
      await this.write(async (tx) => {
        await tx.run(readFileSync(path.join(schemaDir, name), 'utf8'));
        await tx.run('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      });
    }
  }
}

function txOf(connection: DuckDBConnection): WarehouseTx {
  return {
    connection,
    run: async (sql, params) => void (await connection.run(sql, params)),
    all: (sql, params) => rowsOf(connection, sql, params),
  };
}

/**
 * Rows as plain JSON-ready objects: integers as numbers (the warehouse's counts and minor amounts
 * stay far below 2^53; one that does not is refused rather than rounded), timestamps as ISO strings.
 * Reports cast a day to VARCHAR themselves.
 */
async function rowsOf<T extends object>(connection: DuckDBConnection, sql: string, params?: Params): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJS().map((row) => {
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) out[key] = plain(key, value);
    return out as T;
  });
}

function plain(key: string, value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error(`${key} holds ${value}, beyond a safe integer`);
    return Number(value);
  }
  if (value instanceof Date) return value.toISOString();
  return value;
}
