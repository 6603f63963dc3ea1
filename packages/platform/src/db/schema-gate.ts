import type pg from 'pg';
import type { HealthRegistry, ProbeResult } from '../health.js';
import type { Logger } from '../logger.js';
import { loadMigrations, MigrationError, type Migration } from './migrate.js';

/**
 * The schema a service's code needs: the migrations shipped with it, of which the first `requires`
 * must be applied before it may serve.
 */
export interface SchemaRequirement {
  /** Where the migrations came from, for messages. */
  dir: string;
  migrations: Migration[];
  /** The version the code cannot run without: the newest file unless the service declared less. */
  requires: number;
}

/** How a database's applied migrations compare with a {@link SchemaRequirement}. */
export interface SchemaState {
  /**
   * `behind`: a migration the code needs is not applied (or an applied one differs from the code's
   * file): the code must not serve. `current`: every migration the code needs is applied. `ahead`:
   * besides those, the database records migrations newer than every file here (a newer release's
   * expand step, applied before its code rolled out): this code keeps serving.
   */
  state: 'behind' | 'current' | 'ahead';
  /** The version the database records last (0: none). */
  applied: number;
  requires: number;
  /** Files the code needs that the database has not applied, oldest first. */
  missing: string[];
  /** Applied migrations whose SQL is not the code's file of that version. */
  changed: string[];
  /** Applied migrations newer than every file here. */
  ahead: { version: number; name: string }[];
}

/**
 * Reads the schema a service's code needs from its migrations folder: by default every file in it,
 * so the requirement moves with the code and there is no number to forget. A service declares a lower
 * `requires` only for a release whose newest migration its code can run without (an expand step it
 * does not use yet, or the contract step that comes after the code stopped using what it drops), so
 * its pods may turn ready before that migration runs.
 */
export async function schemaRequirement(dir: string, options: { requires?: number } = {}): Promise<SchemaRequirement> {
  const migrations = await loadMigrations(dir);
  const newest = migrations.at(-1)?.version ?? 0;
  const requires = options.requires ?? newest;
  if (!Number.isInteger(requires) || requires < 0 || requires > newest) {
    throw new MigrationError(`requires ${requires}: must be a version from 0 to ${newest}, the newest migration in ${dir}`);
  }
  return { dir, migrations, requires };
}

/**
 * Compares the migrations a database records with the code's. Only "behind" refuses: a database
 * ahead of the code is how expand/contract rolls out (the expand migration runs, then the new code
 * replaces the old, which must keep working on the wider schema meanwhile; the contract migration
 * ships in a later release, once no code reads what it removes).
 */
export async function schemaState(db: Pick<pg.Pool, 'query'>, requirement: SchemaRequirement): Promise<SchemaState> {
  const { rows } = await db.query<{ version: number; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
  ).catch((error: unknown) => {
    // undefined_table: a database never migrated has no table yet, and is simply behind.
    if ((error as { code?: string }).code === '42P01') return { rows: [] };
    throw error;
  });
  const recorded = new Map(rows.map((row) => [row.version, row]));
  const newest = requirement.migrations.at(-1)?.version ?? 0;
  const needed = requirement.migrations.filter((m) => m.version <= requirement.requires);
  const missing = needed.filter((m) => !recorded.has(m.version)).map((m) => m.file);
  const changed = requirement.migrations.filter((m) => {
    const row = recorded.get(m.version);
    return row !== undefined && row.checksum !== m.checksum;
  }).map((m) => m.file);
  const ahead = rows.filter((row) => row.version > newest).map(({ version, name }) => ({ version, name }));
  const state = missing.length || changed.length ? 'behind' : ahead.length ? 'ahead' : 'current';
  return { state, applied: rows.at(-1)?.version ?? 0, requires: requirement.requires, missing, changed, ahead };
}

/** One line an operator can act on. */
export function describeSchemaState(state: SchemaState): string {
  if (state.state === 'behind') {
    const parts = [];
    if (state.missing.length) parts.push(`the database lacks ${state.missing.join(', ')}: run this release's migrations (its migration Job)`);
    if (state.changed.length) parts.push(`${state.changed.join(', ')} differ from the migrations the database applied`);
    return `schema behind the code (needs version ${state.requires}, database at ${state.applied}): ${parts.join('; ')}`;
  }
  if (state.state === 'ahead') {
    return `schema ahead of the code (database at ${state.applied}, code needs ${state.requires}): ${state.ahead.map((m) => `${m.version} (${m.name})`).join(', ')} from a newer release; serving on it`;
  }
  return `schema at version ${state.applied}, as the code needs`;
}

/**
 * Adds a `schema` probe to a service's health: critical, so `/health` is unhealthy and
 * `/health/ready` refuses while the database is behind the code, with the missing files in the
 * probe's message. Liveness never runs probes, so a pod waiting for its migration Job is not
 * restarted; and the state is read at every check, so the pod turns ready as soon as the Job has
 * migrated, without a restart.
 */
export function registerSchemaGate(health: HealthRegistry, db: Pick<pg.Pool, 'query'>, requirement: SchemaRequirement, options: { logger?: Logger } = {}): void {
  let last: SchemaState['state'] | undefined;
  health.register('schema', async (): Promise<ProbeResult> => {
    const state = await schemaState(db, requirement);
    const message = describeSchemaState(state);
    // Logged when the state changes, not at every probe: "waiting for 0008" once, then "caught up".
    if (state.state !== last) {
      if (state.state === 'behind') options.logger?.warn({ missing: state.missing, changed: state.changed }, `not ready: ${message}`);
      else if (last !== undefined || state.state === 'ahead') options.logger?.info({ ahead: state.ahead }, message);
      last = state.state;
    }
    const details = { requires: state.requires, applied: state.applied, missing: state.missing, changed: state.changed, ahead: state.ahead };
    return { status: state.state === 'behind' ? 'unhealthy' : 'healthy', message, details };
  });
}

/**
 * Resolves true once the database has every migration the code needs, checking every `intervalMs`;
 * false if `stopped()` turns true first (the process is shutting down). A service holds its consumers,
 * relays and jobs on this: readiness keeps requests away from a pod whose database is behind, but
 * nothing else would keep its handlers from meeting tables they do not find. Errors (the database
 * unreachable meanwhile) mean "not yet", as they do for the probe.
 */
export async function waitForSchema(
  db: Pick<pg.Pool, 'query'>, requirement: SchemaRequirement, options: { stopped?: () => boolean; intervalMs?: number; logger?: Logger } = {},
): Promise<boolean> {
  for (let said = false; ; said = true) {
    const state = await schemaState(db, requirement).catch(() => undefined);
    if (state && state.state !== 'behind') return true;
    if (!said) options.logger?.warn(`background work waits for the schema: ${state ? describeSchemaState(state) : 'the database does not answer'}`);
    if (options.stopped?.()) return false;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 2000));
    if (options.stopped?.()) return false;
  }
}
