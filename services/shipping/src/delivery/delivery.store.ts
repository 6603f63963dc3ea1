// SQL of dispatch and delivery. Locks are always taken shipment first, courier second, so a
// dispatch, a courier's call and a courier ending a shift never wait on each other in a circle.
import type { Queryable } from '@bazaar/platform';
import type { ShipmentLine, ShipmentStatus } from '../shipments/shipment.js';

export interface DeliveryRow {
  id: string;
  orderId: string;
  trackingNumber: string;
  status: ShipmentStatus;
  courierId: string | null;
  failedAttempts: number;
  dispatchTries: number;
  latitude: number | null;
  longitude: number | null;
  recipient: { name: string; line1: string; line2: string | null; city: string; postalCode: string; country: string };
  version: number;
}

interface Row {
  id: string; order_id_ref: string; tracking_number: string; status: ShipmentStatus; courier_id: string | null;
  failed_attempts: number; dispatch_tries: number; latitude: number | null; longitude: number | null;
  recipient_name: string; line1: string; line2: string | null; city: string; postal_code: string; country: string; version: number;
}

const COLUMNS = 'id, order_id_ref, tracking_number, status, courier_id, failed_attempts, dispatch_tries, latitude, longitude, recipient_name, line1, line2, city, postal_code, country, version';

const toDelivery = (r: Row): DeliveryRow => ({
  id: r.id, orderId: r.order_id_ref, trackingNumber: r.tracking_number, status: r.status, courierId: r.courier_id,
  failedAttempts: r.failed_attempts, dispatchTries: r.dispatch_tries, latitude: r.latitude, longitude: r.longitude,
  recipient: { name: r.recipient_name, line1: r.line1, line2: r.line2, city: r.city, postalCode: r.postal_code, country: r.country }, version: r.version,
});

/** The order was confirmed: its shipment may be dispatched from now on. False if it has none, or is past that. */
export async function markReady(db: Queryable, orderId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE shipments SET ready_at = now(), next_dispatch_at = now()
      WHERE order_id_ref = $1 AND status = 'created' AND ready_at IS NULL`,
    [orderId],
  );
  return rowCount === 1;
}

/** The next shipment waiting for a courier, locked; one another replica holds is skipped. */
export async function lockNextWaiting(db: Queryable): Promise<DeliveryRow | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM shipments
      WHERE courier_id IS NULL AND ready_at IS NOT NULL AND status IN ('created', 'dispatched') AND next_dispatch_at <= now()
      ORDER BY next_dispatch_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
  );
  return rows[0] && toDelivery(rows[0]);
}

export async function setCoordinates(db: Queryable, shipmentId: string, point: { latitude: number; longitude: number }): Promise<void> {
  await db.query('UPDATE shipments SET latitude = $2, longitude = $3 WHERE id = $1', [shipmentId, point.latitude, point.longitude]);
}

/** Takes one parcel's room on the courier if it is on shift and has room; its name if it did. */
export async function claimCourier(db: Queryable, courierId: string): Promise<{ name: string } | undefined> {
  const { rows } = await db.query<{ name: string }>(
    'UPDATE couriers SET load = load + 1 WHERE id = $1 AND on_shift AND load < capacity RETURNING name',
    [courierId],
  );
  return rows[0];
}

/** Gives the courier back one parcel's room (delivered, returned or handed back). */
export async function releaseCourier(db: Queryable, courierId: string): Promise<void> {
  await db.query('UPDATE couriers SET load = greatest(load - 1, 0) WHERE id = $1', [courierId]);
}

export async function assign(db: Queryable, shipmentId: string, courierId: string): Promise<DeliveryRow> {
  const { rows } = await db.query<Row>(
    `UPDATE shipments SET status = 'dispatched', courier_id = $2, status_reason = NULL, version = version + 1, updated_at = now()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [shipmentId, courierId],
  );
  return toDelivery(rows[0]!);
}

/** No courier now: try again after `delayMs`. */
export async function postpone(db: Queryable, shipmentId: string, delayMs: number): Promise<void> {
  await db.query(
    "UPDATE shipments SET dispatch_tries = dispatch_tries + 1, next_dispatch_at = now() + make_interval(secs => $2 / 1000.0) WHERE id = $1",
    [shipmentId, delayMs],
  );
}

export async function lockShipment(db: Queryable, shipmentId: string): Promise<DeliveryRow | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM shipments WHERE id = $1 FOR UPDATE`, [shipmentId]);
  return rows[0] && toDelivery(rows[0]);
}

export async function setDeliveryStatus(db: Queryable, shipmentId: string, status: ShipmentStatus, reason: string | null = null): Promise<DeliveryRow> {
  const { rows } = await db.query<Row>(
    `UPDATE shipments SET status = $2, status_reason = $3, version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [shipmentId, status, reason],
  );
  return toDelivery(rows[0]!);
}

export async function recordAttempt(db: Queryable, attempt: { shipmentId: string; courierId: string; outcome: 'delivered' | 'failed'; note: string | null }): Promise<void> {
  await db.query('INSERT INTO delivery_attempts (shipment_id, courier_id, outcome, note) VALUES ($1, $2, $3, $4)', [attempt.shipmentId, attempt.courierId, attempt.outcome, attempt.note]);
  if (attempt.outcome === 'failed') await db.query('UPDATE shipments SET failed_attempts = failed_attempts + 1 WHERE id = $1', [attempt.shipmentId]);
}

/**
 * A courier ends a shift: every parcel it has not delivered goes back to the queue (kept as
 * dispatched, with no courier: the stock has left and the order can no longer be cancelled), and its
 * load is cleared. Returns the parcels handed back, as they are now, for their `shipment.handed_back`.
 * The shipments are locked before the courier, as everywhere.
 */
export async function handBack(db: Queryable, courierId: string, reason: string): Promise<DeliveryRow[]> {
  const { rows } = await db.query<{ id: string }>(
    "SELECT id FROM shipments WHERE courier_id = $1 AND status IN ('dispatched', 'picked_up') ORDER BY id FOR UPDATE",
    [courierId],
  );
  let handed: DeliveryRow[] = [];
  if (rows.length) {
    const updated = await db.query<Row>(
      `UPDATE shipments SET status = 'dispatched', courier_id = NULL, status_reason = $2,
         next_dispatch_at = now(), version = version + 1, updated_at = now()
        WHERE id = ANY($1::uuid[]) RETURNING ${COLUMNS}`,
      [rows.map((r) => r.id), `handed back: ${reason}`],
    );
    handed = updated.rows.map(toDelivery).sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  await db.query('UPDATE couriers SET load = 0 WHERE id = $1', [courierId]);
  return handed;
}

/** The courier's parcels not yet delivered, oldest first. */
export async function activeShipmentsOf(db: Queryable, courierId: string): Promise<DeliveryRow[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM shipments WHERE courier_id = $1 AND status IN ('dispatched', 'picked_up') ORDER BY updated_at, id`,
    [courierId],
  );
  return rows.map(toDelivery);
}

export async function linesOf(db: Queryable, shipmentId: string): Promise<ShipmentLine[]> {
  const { rows } = await db.query<ShipmentLine>('SELECT sku, quantity FROM shipment_items WHERE shipment_id = $1 ORDER BY sku', [shipmentId]);
  return rows;
}
