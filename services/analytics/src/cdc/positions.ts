import type { Warehouse, WarehouseTx } from '../warehouse/warehouse.js';

export interface Position {
  slot: string;
  lsn: string;
}

export async function readPosition(warehouse: Warehouse, source: string): Promise<Position | undefined> {
  const [row] = await warehouse.all<{ slot: string; lsn: string }>('SELECT slot, lsn FROM cdc_positions WHERE source = $1', [source]);
  return row;
}

/** A full copy's position: the slot's start, from which the stream takes over. */
export async function writeCopied(tx: WarehouseTx, source: string, slot: string, lsn: string): Promise<void> {
  await tx.run(
    `INSERT OR REPLACE INTO cdc_positions (source, slot, lsn, commit_time, copied_at, changes_applied, updated_at)
     VALUES ($1, $2, $3, NULL, now(), 0, now())`,
    [source, slot, lsn],
  );
}

/** A streamed transaction's position, in the transaction that applies it. */
export async function writeApplied(tx: WarehouseTx, source: string, slot: string, applied: { lsn: string; commitTime: Date; changes: number }): Promise<void> {
  const rows = await tx.all(
    `UPDATE cdc_positions SET lsn = $3, commit_time = $4::TIMESTAMPTZ, changes_applied = changes_applied + $5, updated_at = now()
      WHERE source = $1 AND slot = $2 RETURNING source`,
    [source, slot, applied.lsn, applied.commitTime.toISOString(), applied.changes],
  );
  // The copy wrote the row: without it the mirror is not this slot's and must not advance.
  if (rows.length !== 1) throw new Error(`cdc_positions has no row for ${source} on slot ${slot}`);
}
