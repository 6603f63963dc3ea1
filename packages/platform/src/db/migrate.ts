import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: Migration[];
  alreadyApplied: number;
  /**
   * Migrations the database records that are newer than every file here: a newer release's expand
   * step, applied before its code (this code keeps running on the wider schema).
   */
  ahead: { version: number; name: string }[];
}

/** A migration that could not be applied; the database is left as it was before that migration. */
export class MigrationError extends Error {
  constructor(message: string, readonly migration?: Migration, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

const FILE = /^(\d{4,})_([a-z0-9_]+)\.sql$/;
// A fixed key for pg_advisory_lock so two processes migrating one database take turns.
const LOCK_KEY = 0x62617a61; // "baza"

/** Reads `dir/*.sql` named `0001_what.sql`, in version order; rejects gaps and duplicate versions. */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE.exec(file);
    if (!match) throw new MigrationError(`${file}: migration files must be named like 0001_create_users.sql`);
    const sql = await readFile(path.join(dir, file), 'utf8');
    const version = Number(match[1]);
    const expected = migrations.length + 1;
    if (version !== expected) {
      throw new MigrationError(`${file}: expected version ${String(expected).padStart(4, '0')} next (versions run 1, 2, 3 … with no gaps or repeats)`);
    }
    migrations.push({ version, name: match[2]!, file, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/**
 * Applies the migrations in `dir` that the database has not recorded yet, each in its own
 * transaction together with its row in `schema_migrations`, so a broken migration leaves nothing
 * of itself behind. Forward only: an applied migration whose file changed is an error, not a redo,
 * and so is one recorded with no file while later files exist (a deleted migration). Recorded
 * migrations newer than every file are a newer release's schema change, rolled out before its code
 * (expand first, code later): this code must keep starting on that schema, so they are reported in
 * `ahead`, not refused. Safe to run concurrently (an advisory lock serialises runners) and to run
 * again (no-op).
 */
export async function migrate(databaseUrl: string, dir: string, log: (line: string) => void = () => undefined): Promise<MigrationResult> {
  const migrations = await loadMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'bazaar-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const recorded = new Map(rows.map((r) => [r.version, r]));
    const newest = migrations.at(-1)?.version ?? 0;
    const ahead = rows.filter((r) => r.version > newest).map(({ version, name }) => ({ version, name }));
    for (const row of rows) {
      if (row.version > newest) continue;
      const file = migrations.find((m) => m.version === row.version);
      if (!file) throw new MigrationError(`the database records migration ${row.version} (${row.name}) but ${dir} has no such file; migrations are forward only, never delete one`);
      if (file.checksum !== row.checksum) throw new MigrationError(`${file.file} was changed after it was applied; migrations are forward only: add a new migration instead`, file);
    }
    const applied: Migration[] = [];
    for (const migration of migrations) {
      if (recorded.has(migration.version)) continue;
      try {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [migration.version, migration.name, migration.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new MigrationError(`${migration.file} failed and was rolled back: ${(error as Error).message}`, migration, { cause: error });
      }
      applied.push(migration);
      log(`applied ${migration.file}`);
    }
    if (ahead.length) log(`the database is ahead of ${dir}: it records ${ahead.map((m) => `${m.version} (${m.name})`).join(', ')}, from a newer release`);
    return { applied, alreadyApplied: rows.length, ahead };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
