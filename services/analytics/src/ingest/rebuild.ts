import type { Warehouse } from '../warehouse/warehouse.js';
import { FACT_TABLES, fold } from './fold.js';

export interface RebuildResult {
  events: number;
  seconds: number;
  /** Rows in each fact table afterwards. */
  tables: Record<string, number>;
}

/**
 * Derives every fact table again from `raw_events`, in one transaction: readers see the old tables
 * until it commits, then the new ones, never a half-built state. The same statements as the live
 * fold, over all events at once, so the result equals what the live fold built.
 */
export async function rebuild(warehouse: Warehouse): Promise<RebuildResult> {
  const started = performance.now();
  return warehouse.write(async (tx) => {
    for (const table of FACT_TABLES) await tx.run(`DELETE FROM ${table}`);
    await fold(tx, 'raw_events');
    const [{ events }] = (await tx.all<{ events: number }>('SELECT count(*) AS events FROM raw_events')) as [{ events: number }];
    const tables: Record<string, number> = {};
    for (const table of FACT_TABLES) tables[table] = (await tx.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n;
    return { events, seconds: (performance.now() - started) / 1000, tables };
  });
}
