import type { Pgoutput } from 'pg-logical-replication';
import type { WarehouseTx } from '../warehouse/warehouse.js';
import type { Mirrors, Shape, Tuple } from './mirror.js';

/** Consecutive changes of one kind to one table, as one statement per 200 rows instead of one per row. */
interface Run {
  relation: Pgoutput.MessageRelation;
  shape: Shape;
  kind: 'upsert' | 'delete';
  columns: string[];
  /** By key: a later image of a row replaces the earlier, as applying both in turn would. */
  rows: Map<string, Tuple>;
}

/**
 * Applies changes of the stream (one or more whole source transactions, in order) to the mirrors and
 * returns how many it counts: rows inserted, updated or deleted, and tables truncated. Applying them
 * one statement per row costs DuckDB milliseconds each; runs of the same kind on the same table are
 * gathered, with the same result, since within a run no row depends on another. A Relation message
 * (possibly a new column) or a TRUNCATE ends the run before it.
 */
export async function applyChanges(tx: WarehouseTx, mirrors: Mirrors, changes: Pgoutput.Message[]): Promise<number> {
  let run: Run | undefined;
  let count = 0;
  const flush = async () => {
    if (!run) return;
    const rows = [...run.rows.values()];
    if (run.kind === 'upsert') await mirrors.upsertRows(tx, run.shape, run.columns, rows);
    else await mirrors.removeRows(tx, run.shape, rows);
    run = undefined;
  };
  const add = async (relation: Pgoutput.MessageRelation, kind: Run['kind'], row: Tuple) => {
    // An unchanged TOASTed value arrives as undefined: such a row has fewer columns, so a run of its own.
    const columns = kind === 'upsert' ? relation.columns.map((c) => c.name).filter((c) => row[c] !== undefined) : [];
    if (!run || run.relation !== relation || run.kind !== kind || run.columns.join('\n') !== columns.join('\n')) {
      await flush();
      const shape = await mirrors.ensureRelation(tx, relation);
      if (!shape) return;
      run = { relation, shape, kind, columns, rows: new Map() };
    }
    const key = JSON.stringify(run.shape.key.map((k) => row[k] ?? null));
    run.rows.delete(key);
    run.rows.set(key, row);
  };
  for (const change of changes) {
    switch (change.tag) {
      case 'relation':
        await flush();
        await mirrors.ensureRelation(tx, change);
        break;
      case 'insert':
        await add(change.relation, 'upsert', change.new as Tuple);
        count += 1;
        break;
      case 'update': {
        // A key tuple or an old row comes only when the key changed (or under REPLICA IDENTITY FULL).
        const before = (change.key ?? change.old) as Tuple | null;
        const after = change.new as Tuple;
        const shape = before ? await mirrors.ensureRelation(tx, change.relation) : undefined;
        if (before && shape?.key.some((k) => before[k] !== undefined && before[k] !== after[k])) await add(change.relation, 'delete', before);
        await add(change.relation, 'upsert', after);
        count += 1;
        break;
      }
      case 'delete':
        await add(change.relation, 'delete', (change.key ?? change.old) as Tuple);
        count += 1;
        break;
      case 'truncate':
        await flush();
        for (const relation of change.relations) {
          const shape = await mirrors.ensureRelation(tx, relation);
          if (shape) await mirrors.empty(tx, shape);
        }
        count += change.relations.length;
        break;
      default:
        break;
    }
  }
  await flush();
  return count;
}
