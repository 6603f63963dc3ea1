import type { Queryable } from '@bazaar/platform';
import type { Movement, MovementKind, NewMovement, StockItem } from './stock.js';

interface StockRow {
  sku: string;
  product_id_ref: string | null;
  on_hand: number;
  reserved: number;
  available: number;
  version: number;
  low_stock_threshold: number;
  updated_at: Date;
  product_name: string | null;
  archived_at: Date | null;
  archived_reason: string | null;
}

const COLUMNS = 'sku, product_id_ref, on_hand, reserved, available, version, low_stock_threshold, updated_at, product_name, archived_at, archived_reason';

const toItem = (row: StockRow): StockItem => ({
  sku: row.sku,
  productId: row.product_id_ref,
  onHand: row.on_hand,
  reserved: row.reserved,
  available: row.available,
  version: Number(row.version),
  lowStockThreshold: row.low_stock_threshold,
  updatedAt: row.updated_at,
  productName: row.product_name,
  archivedAt: row.archived_at,
  archivedReason: row.archived_reason,
});

/** Creates the item with nothing on hand; undefined when it already exists. */
export async function insertStockItem(db: Queryable, sku: string, productId: string | null, threshold: number): Promise<StockItem | undefined> {
  const { rows } = await db.query<StockRow>(
    `INSERT INTO stock_items (sku, product_id_ref, low_stock_threshold) VALUES ($1, $2, $3)
     ON CONFLICT (sku) DO NOTHING RETURNING ${COLUMNS}`,
    [sku, productId, threshold],
  );
  return rows[0] && toItem(rows[0]);
}

/** Records the catalog product of an item that had none yet; undefined when it already had one. */
export async function linkProduct(db: Queryable, sku: string, productId: string): Promise<StockItem | undefined> {
  const { rows } = await db.query<StockRow>(
    `UPDATE stock_items SET product_id_ref = $2, version = version + 1, updated_at = now()
     WHERE sku = $1 AND product_id_ref IS NULL RETURNING ${COLUMNS}`,
    [sku, productId],
  );
  return rows[0] && toItem(rows[0]);
}

export async function findStockItem(db: Queryable, sku: string): Promise<StockItem | undefined> {
  const { rows } = await db.query<StockRow>(`SELECT ${COLUMNS} FROM stock_items WHERE sku = $1`, [sku]);
  return rows[0] && toItem(rows[0]);
}

/**
 * Locks the items for the rest of the transaction, always in SKU order, so that transactions locking
 * overlapping sets wait for each other instead of deadlocking. Unknown SKUs are simply absent.
 */
export async function lockStockItems(db: Queryable, skus: readonly string[]): Promise<Map<string, StockItem>> {
  const { rows } = await db.query<StockRow>(
    `SELECT ${COLUMNS} FROM stock_items WHERE sku = ANY($1::text[]) ORDER BY sku FOR UPDATE`,
    [[...skus]],
  );
  return new Map(rows.map((row) => [row.sku, toItem(row)]));
}

export async function insertMovement(db: Queryable, movement: NewMovement): Promise<void> {
  await db.query(
    'INSERT INTO stock_movements (sku, kind, quantity, reservation_id, reason) VALUES ($1, $2, $3, $4, $5)',
    [movement.sku, movement.kind, movement.quantity, movement.reservationId, movement.reason],
  );
}

/** Moves the snapshot by a movement's effect and bumps its version; the CHECKs refuse any overdraft. */
export async function shiftSnapshot(db: Queryable, sku: string, effect: { onHand: number; reserved: number }): Promise<StockItem> {
  const { rows } = await db.query<StockRow>(
    `UPDATE stock_items SET on_hand = on_hand + $2, reserved = reserved + $3, version = version + 1, updated_at = now()
     WHERE sku = $1 RETURNING ${COLUMNS}`,
    [sku, effect.onHand, effect.reserved],
  );
  if (!rows[0]) throw new Error(`stock item ${sku} vanished inside its own transaction`);
  return toItem(rows[0]);
}

interface MovementRow {
  id: number;
  sku: string;
  kind: MovementKind;
  quantity: number;
  reservation_id: string | null;
  reason: string | null;
  created_at: Date;
}

export async function recentMovements(db: Queryable, sku: string, limit: number): Promise<Movement[]> {
  const { rows } = await db.query<MovementRow>(
    `SELECT id, sku, kind, quantity, reservation_id, reason, created_at FROM stock_movements
     WHERE sku = $1 ORDER BY id DESC LIMIT $2`,
    [sku, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id), sku: r.sku, kind: r.kind, quantity: r.quantity,
    reservationId: r.reservation_id, reason: r.reason, createdAt: r.created_at,
  }));
}

export interface StockPage {
  items: StockItem[];
  /** The SKU to pass as `after` for the next page; absent on the last page. */
  next?: string;
}

/** A page of items in SKU order (keyset: after the given SKU), optionally only those low on stock. */
export async function listStockItems(db: Queryable, query: { lowStock: boolean; after?: string; limit: number }): Promise<StockPage> {
  const { rows } = await db.query<StockRow>(
    `SELECT ${COLUMNS} FROM stock_items
     WHERE ($1::boolean IS FALSE OR available <= low_stock_threshold) AND ($2::text IS NULL OR sku > $2)
     ORDER BY sku LIMIT $3`,
    [query.lowStock, query.after ?? null, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map(toItem);
  return rows.length > query.limit ? { items, next: items[items.length - 1]!.sku } : { items };
}

export async function countMovements(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM stock_movements');
  return rows[0]!.count;
}

export interface LedgerMismatch {
  sku: string;
  onHand: number;
  reserved: number;
  ledgerOnHand: number;
  ledgerReserved: number;
  /** What the active reservations' lines add up to: what `reserved` must equal. */
  activeReserved: number;
}

/**
 * The audit: every item whose snapshot differs from the sum of its ledger, or whose reserved
 * quantity differs from its active reservations. Empty when the books balance.
 */
export async function ledgerMismatches(db: Queryable): Promise<LedgerMismatch[]> {
  const { rows } = await db.query<LedgerMismatch>(
    `WITH ledger AS (
       SELECT sku, sum(on_hand_delta)::bigint AS on_hand, sum(reserved_delta)::bigint AS reserved
       FROM stock_movements GROUP BY sku),
     held AS (
       SELECT l.sku, sum(l.quantity)::bigint AS reserved
       FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id
       WHERE r.status = 'active' GROUP BY l.sku)
     SELECT s.sku, s.on_hand AS "onHand", s.reserved,
            coalesce(ledger.on_hand, 0) AS "ledgerOnHand", coalesce(ledger.reserved, 0) AS "ledgerReserved",
            coalesce(held.reserved, 0) AS "activeReserved"
     FROM stock_items s LEFT JOIN ledger USING (sku) LEFT JOIN held USING (sku)
     WHERE s.on_hand <> coalesce(ledger.on_hand, 0) OR s.reserved <> coalesce(ledger.reserved, 0)
        OR s.reserved <> coalesce(held.reserved, 0)
     ORDER BY s.sku`,
  );
  return rows;
}
