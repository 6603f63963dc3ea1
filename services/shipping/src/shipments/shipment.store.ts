import type { Queryable } from '@bazaar/platform';
import type { Recipient, Shipment, ShipmentLine, ShipmentStatus } from './shipment.js';

interface ShipmentRow {
  id: string; order_id_ref: string; shipment_request_id: string; user_id_ref: string; recipient_name: string;
  line1: string; line2: string | null; city: string; state: string | null; postal_code: string; country: string;
  carrier: string; tracking_number: string; status: ShipmentStatus; status_reason: string | null;
  created_at: Date; updated_at: Date; version: number;
}

// Named, not `*`: a column added by a later migration is not read until the code knows it, and
// the statements stay prepared (the kit does not prepare a `*` list, see createPool).
const SHIPMENT_COLUMNS = 'id, order_id_ref, shipment_request_id, user_id_ref, recipient_name, line1, line2, city, state, postal_code, country, carrier, tracking_number, status, status_reason, created_at, updated_at, version';

const toShipment = (r: ShipmentRow): Shipment => ({
  id: r.id, orderId: r.order_id_ref, shipmentRequestId: r.shipment_request_id, userId: r.user_id_ref,
  recipient: { name: r.recipient_name, line1: r.line1, line2: r.line2, city: r.city, state: r.state, postalCode: r.postal_code, country: r.country },
  carrier: r.carrier, trackingNumber: r.tracking_number, status: r.status, statusReason: r.status_reason,
  createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
});

/**
 * Serialises everything that decides whether an order has a shipment (a create, a cancel finding
 * nothing), so a cancel and a late create cannot miss each other. Held until the end of the transaction.
 */
export async function lockOrder(db: Queryable, orderId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('shipping:order:' || $1, 0))", [orderId]);
}

export async function findShipment(db: Queryable, by: { orderId: string } | { requestId: string } | { trackingNumber: string }, options: { lock?: boolean } = {}): Promise<Shipment | undefined> {
  const [column, value] = 'orderId' in by ? ['order_id_ref', by.orderId] : 'requestId' in by ? ['shipment_request_id', by.requestId] : ['tracking_number', by.trackingNumber];
  const { rows } = await db.query<ShipmentRow>(`SELECT ${SHIPMENT_COLUMNS} FROM shipments WHERE ${column} = $1${options.lock ? ' FOR UPDATE' : ''}`, [value]);
  return rows[0] && toShipment(rows[0]);
}

export interface NewShipment {
  orderId: string; shipmentRequestId: string; userId: string; recipient: Recipient; carrier: string; trackingNumber: string;
}

/**
 * Inserts a shipment; undefined if a unique value was taken (the caller knows which it can be). The
 * recipient and address are a snapshot of the order's, on purpose: a parcel goes where it was sent,
 * so a later change to the user's saved addresses at identity does not move it.
 */
export async function insertShipment(db: Queryable, s: NewShipment): Promise<Shipment | undefined> {
  const r = s.recipient;
  const { rows } = await db.query<ShipmentRow>(
    `INSERT INTO shipments (order_id_ref, shipment_request_id, user_id_ref, recipient_name, line1, line2, city, state, postal_code, country, carrier, tracking_number, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'created')
     ON CONFLICT DO NOTHING RETURNING ${SHIPMENT_COLUMNS}`,
    [s.orderId, s.shipmentRequestId, s.userId, r.name, r.line1, r.line2, r.city, r.state, r.postalCode, r.country, s.carrier, s.trackingNumber],
  );
  return rows[0] && toShipment(rows[0]);
}

export async function insertItems(db: Queryable, shipmentId: string, lines: readonly ShipmentLine[]): Promise<void> {
  await db.query(
    'INSERT INTO shipment_items (shipment_id, sku, quantity) SELECT $1, * FROM unnest($2::text[], $3::int[])',
    [shipmentId, lines.map((l) => l.sku), lines.map((l) => l.quantity)],
  );
}

/** Moves a shipment to a new status (the decision is the caller's) and bumps its version. */
export async function setStatus(db: Queryable, id: string, status: ShipmentStatus, reason: string | null): Promise<Shipment> {
  const { rows } = await db.query<ShipmentRow>(
    `UPDATE shipments SET status = $2, status_reason = $3, version = version + 1, updated_at = now()
      WHERE id = $1 RETURNING ${SHIPMENT_COLUMNS}`,
    [id, status, reason],
  );
  if (!rows[0]) throw new Error(`shipment ${id} vanished while being updated`);
  return toShipment(rows[0]);
}

/** Records that an order's shipment was cancelled before it existed; false if already recorded. */
export async function insertCancelledOrder(db: Queryable, orderId: string, reason: string): Promise<boolean> {
  const { rowCount } = await db.query('INSERT INTO cancelled_orders (order_id_ref, reason) VALUES ($1, $2) ON CONFLICT DO NOTHING', [orderId, reason]);
  return rowCount === 1;
}

export async function isCancelledOrder(db: Queryable, orderId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM cancelled_orders WHERE order_id_ref = $1', [orderId]);
  return rowCount === 1;
}

/** Items of several shipments at once, by shipment id. */
export async function itemsOf(db: Queryable, shipmentIds: readonly string[]): Promise<Map<string, ShipmentLine[]>> {
  const { rows } = await db.query<{ shipment_id: string; sku: string; quantity: number }>(
    'SELECT shipment_id, sku, quantity FROM shipment_items WHERE shipment_id = ANY($1::uuid[]) ORDER BY sku',
    [shipmentIds],
  );
  const items = new Map<string, ShipmentLine[]>(shipmentIds.map((id) => [id, []]));
  for (const row of rows) items.get(row.shipment_id)!.push({ sku: row.sku, quantity: row.quantity });
  return items;
}

export interface DeliveryAttempt { attemptedAt: Date; outcome: 'delivered' | 'failed'; note: string | null }

/** The shipment's first `limit` delivery attempts, oldest first. */
export async function deliveryAttemptsOf(db: Queryable, shipmentId: string, limit: number): Promise<DeliveryAttempt[]> {
  const { rows } = await db.query<{ attempted_at: Date; outcome: 'delivered' | 'failed'; note: string | null }>(
    'SELECT attempted_at, outcome, note FROM delivery_attempts WHERE shipment_id = $1 ORDER BY attempted_at LIMIT $2',
    [shipmentId, limit],
  );
  return rows.map((r) => ({ attemptedAt: r.attempted_at, outcome: r.outcome, note: r.note }));
}

export interface ShipmentQuery { userId?: string; orderId?: string; after?: string; limit: number }

const VISIBLE = '($1::uuid IS NULL OR s.user_id_ref = $1) AND ($2::uuid IS NULL OR s.order_id_ref = $2)';

/**
 * Newest first, by keyset on (created_at, id). The cursor is looked up only among the rows the query
 * may return, so `null` (it names no shipment of this listing) says nothing about whether that
 * shipment exists for someone else.
 */
export async function listShipments(db: Queryable, query: ShipmentQuery): Promise<Shipment[] | null> {
  const scope = [query.userId ?? null, query.orderId ?? null];
  if (query.after !== undefined) {
    const cursor = await db.query(`SELECT 1 FROM shipments s WHERE ${VISIBLE} AND s.id = $3`, [...scope, query.after]);
    if (cursor.rowCount === 0) return null;
  }
  const { rows } = await db.query<ShipmentRow>(
    `SELECT ${SHIPMENT_COLUMNS} FROM shipments s
      WHERE ${VISIBLE}
        AND ($3::uuid IS NULL OR (s.created_at, s.id) < (SELECT created_at, id FROM shipments WHERE id = $3))
      ORDER BY s.created_at DESC, s.id DESC
      LIMIT $4`,
    [...scope, query.after ?? null, query.limit],
  );
  return rows.map(toShipment);
}
