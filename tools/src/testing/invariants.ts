/**
 * Reads a test system's outcome from where it lives, each service's own database (and the broker's
 * queues), and judges it against the checkout saga's invariants:
 *   - no CONFIRMED order without exactly one captured payment of its total, one live reservation of
 *     its items and one shipment;
 *   - no money kept (captured and not refunded) and no authorization left held for a CANCELLED or
 *     REJECTED order, neither in payments nor at the (simulated) card processor;
 *   - no stock below zero, reserved never above on hand, the ledger summing to the snapshots, and
 *     reserved stock equal to what live reservations hold;
 *   - at most one payment, one successful capture and one live reservation per order;
 *   - nothing left unsent in any outbox, nothing parked in any dead-letter queue;
 *   - the delivery: a reservation's stock leaves the ledger exactly once, on dispatch (committed
 *     movements equal to its lines, none for a reservation not committed); a returned parcel's items
 *     come back exactly once; the order and its shipment tell the same story (delivered with
 *     delivered, shipped with a parcel under way, a return with a cancelled, refunded order); and,
 *     when the run's couriers have finished (`deliveriesComplete`), no parcel is left undelivered.
 * Everything is read first (`snapshot`), then judged without I/O (`audit`), so the same judgement can
 * be run again on a copy of the data with violations planted in it: the audit can fail.
 */
import amqp from 'amqplib';
import pg from 'pg';
import { DeadLetterQueue, topologyNames } from '@bazaar/platform';
import { databaseUrlOf, type TestSystem } from './system.js';

/** The services that own a database, all of which take part in a checkout. */
export const DATABASE_SERVICES = ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders'] as const;
export const TERMINAL = new Set(['confirmed', 'cancelled', 'rejected', 'shipped', 'delivered']);
/** A confirmed order, whatever its delivery says: its saga is `confirmed` while the order shows `shipped` or `delivered`. */
const CONFIRMED = new Set(['confirmed', 'shipped', 'delivered']);
/** The saga state an order's status stands for. */
const sagaStateOf = (status: string) => (CONFIRMED.has(status) ? 'confirmed' : status);

export interface Snapshot {
  expectedOrders: number;
  /** The ids the API gave when it accepted each order, when the caller kept them. */
  placedIds?: string[];
  orders: {
    id: string; status: string; reason: string | null; totalMinor: number; key: string;
    state: string | null; step: string | null; reservationId: string | null; items: Record<string, number>;
  }[];
  payments: { orderId: string; status: string; amountMinor: number; capturedMinor: number; refundedMinor: number }[];
  operations: { orderId: string; kind: string; outcome: string; count: number }[];
  processor: { orderId: string; status: string; amountMinor: number; capturedMinor: number; refundedMinor: number }[];
  stock: { sku: string; onHand: number; reserved: number; ledgerOnHand: number; ledgerReserved: number }[];
  /** `committed`: the units the ledger's committed movements took out for the reservation, by SKU. */
  reservations: { id: string; orderId: string | null; status: string; lines: Record<string, number>; committed: Record<string, number> }[];
  shipments: { id: string; orderId: string; status: string; trackingNumber: string }[];
  /** Returned items received back into stock, by the tracking number the receipt names. */
  returnReceipts: { trackingNumber: string; items: Record<string, number> }[];
  /** Every parcel's journey has ended (the couriers were at work until the run settled). */
  deliveriesComplete?: boolean;
  unsent: Record<string, number>;
  deadLetters: Record<string, { depth: number; sample: string[]; orderIds: string[] }>;
}

export interface Violation { rule: string; detail: string }

export interface Backlog {
  unsettled: number; unsent: number; pendingOperations: number; queued: number;
  /** Parcels not yet delivered or returned, and orders that have not heard their end: counted when the reader follows deliveries. */
  undelivered?: number;
}
/** Nothing left to do anywhere: every saga ended, every outbox sent, every queue drained, no payment operation pending (and every parcel's journey over, when followed). */
export const quiet = (b: Backlog) => b.unsettled === 0 && b.unsent === 0 && b.pendingOperations === 0 && b.queued === 0 && (b.undelivered ?? 0) === 0;
const UNDER_WAY = ['created', 'dispatched', 'picked_up'];
export const showCounts = (counts: Record<string, number>) => Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(', ') || 'none yet';

/**
 * A reader of a test system's databases (a small pool per service, with the service's own
 * credentials) and of its broker's queues. A database or broker that is down makes its reads fail,
 * not the reader: pools and the broker connection are opened again on the next read.
 */
export class SystemReader {
  private readonly pools = new Map<string, pg.Pool>();
  private connection: amqp.ChannelModel | undefined;

  /** `deliveries`: couriers are at work, so the backlog counts parcels (and orders) whose delivery has not ended. */
  constructor(private readonly system: TestSystem, readonly services: readonly string[] = DATABASE_SERVICES, private readonly options: { deliveries?: boolean } = {}) {
    for (const service of services) {
      const pool = new pg.Pool({ connectionString: databaseUrlOf(system, service), max: 2, connectionTimeoutMillis: 5_000 });
      pool.on('error', () => undefined); // a database stopped under an idle connection
      this.pools.set(service, pool);
    }
  }

  /** The pool on `service`'s own database. */
  db(service: string): pg.Pool {
    const pool = this.pools.get(service);
    if (!pool) throw new Error(`the reader has no pool on ${service}'s database`);
    return pool;
  }

  /** A connection to the system's broker, opened on first use and again after it was lost. */
  async broker(): Promise<amqp.ChannelModel> {
    if (this.connection) return this.connection;
    const connection = await amqp.connect(this.system.amqpUrl, { clientProperties: { connection_name: `${this.system.namespace}.test-reader` } });
    connection.on('error', () => undefined);
    connection.on('close', () => {
      if (this.connection === connection) this.connection = undefined;
    });
    this.connection = connection;
    return connection;
  }

  async close(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    this.connection = undefined;
    for (const pool of this.pools.values()) await pool.end().catch(() => undefined);
  }

  /** Orders by status, from orders' database. */
  async statusCounts(): Promise<Record<string, number>> {
    const { rows } = await this.db('orders').query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM orders GROUP BY status ORDER BY status');
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Outbox rows not yet confirmed by the broker, in `service`'s database. */
  async unsent(service: string): Promise<number> {
    return (await this.db(service).query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')).rows[0]!.n;
  }

  /** Messages waiting in any work or retry queue of the system's namespace. */
  async queuedMessages(): Promise<number> {
    const broker = await this.broker();
    let total = 0;
    for (const service of this.services) {
      const names = topologyNames(service, this.system.namespace);
      for (const queue of [...Object.values(names.queues), ...Object.values(names.retryQueues)]) {
        const channel = await broker.createChannel();
        channel.on('error', () => undefined);
        try {
          total += (await channel.checkQueue(queue)).messageCount;
        } catch {
          // the service consumes no messages of this kind: there is no such queue
        } finally {
          await channel.close().catch(() => undefined);
        }
      }
    }
    return total;
  }

  /** What is still to be done: sagas not ended, messages unsent or queued, payment operations pending. */
  async backlog(): Promise<Backlog> {
    const unsettled = (await this.db('orders').query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders o JOIN checkout_sagas s ON s.order_id = o.id
        WHERE o.status NOT IN ('confirmed', 'shipped', 'delivered', 'cancelled', 'rejected') OR s.step IS NOT NULL
           OR s.state <> (CASE WHEN o.status IN ('shipped', 'delivered') THEN 'confirmed' ELSE o.status END)`,
    )).rows[0]!.n;
    let unsent = 0;
    for (const service of this.services) unsent += await this.unsent(service);
    const pendingOperations = (await this.db('payments').query<{ n: number }>("SELECT count(*)::int AS n FROM payment_operations WHERE outcome = 'pending'")).rows[0]!.n;
    const backlog: Backlog = { unsettled, unsent, pendingOperations, queued: await this.queuedMessages() };
    if (this.options.deliveries) {
      const parcels = (await this.db('shipping').query<{ n: number }>('SELECT count(*)::int AS n FROM shipments WHERE status = ANY($1::text[])', [UNDER_WAY])).rows[0]!.n;
      const orders = (await this.db('orders').query<{ n: number }>("SELECT count(*)::int AS n FROM orders WHERE status IN ('confirmed', 'shipped')")).rows[0]!.n;
      backlog.undelivered = parcels + orders;
    }
    return backlog;
  }

  /**
   * Waits until the backlog is empty twice in a row (a second look a second later, so a message in
   * flight between a queue and an outbox is not missed), or `timeoutMs` passed; the last backlog seen.
   */
  async settle(options: { timeoutMs: number; say?: (line: string) => void; everyMs?: number }): Promise<{ last: Backlog; quiet: boolean; ms: number }> {
    const started = Date.now();
    let quietTimes = 0;
    let lastPrint = 0;
    let last: Backlog;
    for (;;) {
      last = await this.backlog();
      quietTimes = quiet(last) ? quietTimes + 1 : 0;
      if (options.say && (Date.now() - lastPrint >= (options.everyMs ?? 3_000) || quietTimes === 2)) {
        lastPrint = Date.now();
        options.say(`settling, ${((Date.now() - started) / 1000).toFixed(0)} s: ${showCounts(await this.statusCounts())}; unsettled ${last.unsettled}, unsent ${last.unsent}, queued ${last.queued}, pending payment operations ${last.pendingOperations}${last.undelivered === undefined ? '' : `, undelivered ${last.undelivered}`}`);
      }
      if (quietTimes === 2 || Date.now() - started > options.timeoutMs) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return { last, quiet: quietTimes === 2, ms: Date.now() - started };
  }

  /** Everything the audit judges, read from each service's own database and the dead-letter queues. */
  async snapshot(expectedOrders: number, placedIds?: string[], options: { deliveriesComplete?: boolean } = {}): Promise<Snapshot> {
    const connection = await this.broker();
    const orders = (await this.db('orders').query(
      `SELECT o.id, o.status, o.status_reason, o.total_minor::bigint::text AS total, o.idempotency_key, s.state, s.step, s.reservation_id,
              coalesce((SELECT jsonb_object_agg(sku, q) FROM (SELECT sku, sum(quantity)::int AS q FROM order_items i WHERE i.order_id = o.id GROUP BY sku) x), '{}') AS items
         FROM orders o LEFT JOIN checkout_sagas s ON s.order_id = o.id ORDER BY o.id`,
    )).rows.map((r) => ({
      id: r.id as string, status: r.status as string, reason: r.status_reason as string | null, totalMinor: Number(r.total), key: r.idempotency_key as string,
      state: r.state as string | null, step: r.step as string | null, reservationId: r.reservation_id as string | null, items: r.items as Record<string, number>,
    }));
    const payments = (await this.db('payments').query(
      'SELECT order_id_ref, status, amount_minor::text AS amount, captured_minor::text AS captured, refunded_minor::text AS refunded FROM payments',
    )).rows.map((r) => ({ orderId: r.order_id_ref as string, status: r.status as string, amountMinor: Number(r.amount), capturedMinor: Number(r.captured), refundedMinor: Number(r.refunded) }));
    const operations = (await this.db('payments').query(
      'SELECT order_id_ref, kind, outcome, count(*)::int AS n FROM payment_operations GROUP BY 1, 2, 3',
    )).rows.map((r) => ({ orderId: r.order_id_ref as string, kind: r.kind as string, outcome: r.outcome as string, count: r.n as number }));
    const processor = (await this.db('payments').query(
      'SELECT order_id_ref, status, amount_minor::text AS amount, captured_minor::text AS captured, refunded_minor::text AS refunded FROM card_simulator_authorizations',
    )).rows.map((r) => ({ orderId: r.order_id_ref as string, status: r.status as string, amountMinor: Number(r.amount), capturedMinor: Number(r.captured), refundedMinor: Number(r.refunded) }));
    const stock = (await this.db('inventory').query(
      `SELECT s.sku, s.on_hand, s.reserved, coalesce(m.on_hand, 0)::int AS ledger_on_hand, coalesce(m.reserved, 0)::int AS ledger_reserved
         FROM stock_items s LEFT JOIN (SELECT sku, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved FROM stock_movements GROUP BY sku) m ON m.sku = s.sku
        ORDER BY s.sku`,
    )).rows.map((r) => ({ sku: r.sku as string, onHand: r.on_hand as number, reserved: r.reserved as number, ledgerOnHand: r.ledger_on_hand as number, ledgerReserved: r.ledger_reserved as number }));
    const reservations = (await this.db('inventory').query(
      `SELECT r.id, r.order_id_ref, r.status, coalesce((SELECT jsonb_object_agg(sku, quantity) FROM reservation_lines l WHERE l.reservation_id = r.id), '{}') AS lines,
              coalesce((SELECT jsonb_object_agg(sku, q) FROM (SELECT sku, -sum(quantity)::int AS q FROM stock_movements m
                          WHERE m.reservation_id = r.id AND m.kind = 'committed' GROUP BY sku) c), '{}') AS committed
         FROM reservations r`,
    )).rows.map((r) => ({ id: r.id as string, orderId: r.order_id_ref as string | null, status: r.status as string, lines: r.lines as Record<string, number>, committed: r.committed as Record<string, number> }));
    // Inventory names a returned parcel's receipt after its tracking number (`returned: BZ…`).
    const returnReceipts = (await this.db('inventory').query(
      `SELECT substr(reason, 11) AS tracking, jsonb_object_agg(sku, q) AS items
         FROM (SELECT reason, sku, sum(quantity)::int AS q FROM stock_movements WHERE kind = 'received' AND reason LIKE 'returned: %' GROUP BY 1, 2) x GROUP BY 1`,
    )).rows.map((r) => ({ trackingNumber: r.tracking as string, items: r.items as Record<string, number> }));
    const shipments = (await this.db('shipping').query('SELECT id, order_id_ref, status, tracking_number FROM shipments')).rows
      .map((r) => ({ id: r.id as string, orderId: r.order_id_ref as string, status: r.status as string, trackingNumber: r.tracking_number as string }));
    const unsent: Record<string, number> = {};
    for (const service of this.services) unsent[service] = await this.unsent(service);
    const deadLetters: Snapshot['deadLetters'] = {};
    for (const service of this.services) {
      const names = topologyNames(service, this.system.namespace);
      const dlq = new DeadLetterQueue(names.deadLetterQueue, () => connection, names.direct);
      const depth = await dlq.depth().catch(() => 0); // no such queue: the service consumes nothing
      const parked = depth ? await dlq.list(10) : [];
      const sample = parked.map((m) => `${m.type ?? '?'} ${m.id}: ${m.error}`);
      const orderIds = parked.map((m) => (m.envelope as { payload?: { orderId?: string } } | undefined)?.payload?.orderId).filter((id): id is string => !!id);
      deadLetters[service] = { depth, sample, orderIds };
    }
    return {
      expectedOrders, ...(placedIds ? { placedIds } : {}), ...(options.deliveriesComplete ? { deliveriesComplete: true } : {}),
      orders, payments, operations, processor, stock, reservations, shipments, returnReceipts, unsent, deadLetters,
    };
  }

  /** What orders and payments know of one order: its saga's timeline and its payment operations. */
  async explain(orderId: string): Promise<string> {
    const steps = (await this.db('orders').query(
      "SELECT seq, to_char(at, 'HH24:MI:SS.MS') AS at, step, status, detail FROM saga_steps WHERE order_id = $1 ORDER BY seq", [orderId],
    )).rows.map((r) => `${r.at} ${r.step} ${r.status}${r.detail ? ` (${r.detail})` : ''}`);
    const operations = (await this.db('payments').query(
      `SELECT o.kind, o.outcome, o.error, to_char(o.created_at, 'HH24:MI:SS.MS') AS created, to_char(o.completed_at, 'HH24:MI:SS.MS') AS completed, v.behaviour
         FROM payment_operations o LEFT JOIN payments p ON p.id = o.payment_id LEFT JOIN payment_methods m ON m.id = p.payment_method_id
         LEFT JOIN card_simulator_vault v ON v.token = m.processor_token
        WHERE o.order_id_ref = $1 ORDER BY o.created_at`, [orderId],
    ).catch((error: Error) => ({ rows: [{ kind: `(could not read: ${error.message})` }] }))).rows
      .map((r) => `${r.created ?? ''} ${r.kind} ${r.outcome ?? ''}${r.error ? ` (${r.error})` : ''} completed ${r.completed ?? 'never'}; card behaviour ${r.behaviour ?? '?'}`);
    return `order ${orderId}:\n      timeline: ${steps.join('\n                ')}\n      payment operations: ${operations.join('\n                          ')}`;
  }
}

const sameLines = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([sku, q]) => b[sku] === q);
const LIVE_RESERVATION = new Set(['active', 'committed']);
const MONEY_HELD = new Set(['pending', 'authorized']);

/** Judges a snapshot: every broken invariant, each with the rule it breaks. Pure. */
export function audit(s: Snapshot): Violation[] {
  const out: Violation[] = [];
  const flag = (rule: string, detail: string) => out.push({ rule, detail });
  const group = <T extends { orderId: string | null }>(rows: T[]) => {
    const by = new Map<string, T[]>();
    for (const row of rows) if (row.orderId) by.set(row.orderId, [...(by.get(row.orderId) ?? []), row]);
    return by;
  };
  const paymentsOf = group(s.payments);
  const processorOf = group(s.processor);
  const shipmentsOf = group(s.shipments);
  const reservationsOf = group(s.reservations);
  const capturesOf = new Map<string, number>();
  for (const op of s.operations) if (op.kind === 'capture' && op.outcome === 'succeeded') capturesOf.set(op.orderId, (capturesOf.get(op.orderId) ?? 0) + op.count);
  const ordersById = new Map(s.orders.map((o) => [o.id, o]));

  if (s.orders.length !== s.expectedOrders) flag('order-count', `${s.orders.length} orders in orders' database, ${s.expectedOrders} placed (one per Idempotency-Key)`);
  for (const id of s.placedIds ?? []) if (!ordersById.has(id)) flag('order-lost', `order ${id} was accepted (202) but orders' database does not have it`);
  for (const o of s.orders) {
    const tag = `order ${o.id} (${o.status}${o.reason ? `: ${o.reason}` : ''})`;
    if (!TERMINAL.has(o.status) || o.state !== sagaStateOf(o.status) || o.step !== null) flag('not-terminal', `${tag}: saga ${o.state} waiting on ${o.step ?? 'nothing'}`);
    const payments = paymentsOf.get(o.id) ?? [];
    const processor = processorOf.get(o.id) ?? [];
    const shipments = shipmentsOf.get(o.id) ?? [];
    const reservations = reservationsOf.get(o.id) ?? [];
    if (payments.length > 1) flag('double-payment', `${tag}: ${payments.length} payments`);
    const live = reservations.filter((r) => LIVE_RESERVATION.has(r.status));
    if (live.length > 1) flag('double-reservation', `${tag}: ${live.length} live reservations (${live.map((r) => `${r.id} ${r.status}`).join(', ')})`);
    if (shipments.length > 1) flag('double-shipment', `${tag}: ${shipments.length} shipments`);
    if ((capturesOf.get(o.id) ?? 0) > 1) flag('double-capture', `${tag}: ${capturesOf.get(o.id)} successful captures in payments`);
    if (processor.filter((a) => a.capturedMinor > 0).length > 1) flag('double-capture', `${tag}: ${processor.filter((a) => a.capturedMinor > 0).length} captured authorizations at the processor`);
    if (CONFIRMED.has(o.status)) {
      const p = payments[0];
      if (payments.length !== 1 || p!.status !== 'captured' || p!.capturedMinor !== o.totalMinor || p!.amountMinor !== o.totalMinor || p!.refundedMinor !== 0) {
        flag('confirmed-payment', `${tag}: total ${o.totalMinor}, payments ${JSON.stringify(payments)}`);
      }
      if ((capturesOf.get(o.id) ?? 0) !== 1) flag('confirmed-payment', `${tag}: ${capturesOf.get(o.id) ?? 0} successful capture operations`);
      const charged = processor.filter((a) => a.status === 'captured' && a.capturedMinor === o.totalMinor && a.refundedMinor === 0);
      if (charged.length !== 1) flag('confirmed-processor', `${tag}: processor authorizations ${JSON.stringify(processor)}`);
      const reservation = s.reservations.find((r) => r.id === o.reservationId);
      if (!reservation || !LIVE_RESERVATION.has(reservation.status) || !sameLines(reservation.lines, o.items)) {
        flag('confirmed-reservation', `${tag}: items ${JSON.stringify(o.items)}, reservation ${JSON.stringify(reservation ?? null)}`);
      }
      if (shipments.length !== 1 || !['created', 'dispatched', 'picked_up', 'delivered'].includes(shipments[0]!.status)) flag('confirmed-shipment', `${tag}: shipments ${JSON.stringify(shipments)}`);
    } else if (o.status === 'cancelled' || o.status === 'rejected') {
      for (const p of payments) {
        if (p.capturedMinor > p.refundedMinor) flag('money-kept', `${tag}: payment ${p.status}, captured ${p.capturedMinor}, refunded ${p.refundedMinor}`);
        if (MONEY_HELD.has(p.status)) flag('authorization-held', `${tag}: payment still ${p.status}`);
      }
      for (const a of processor) {
        if (a.capturedMinor > a.refundedMinor) flag('money-kept', `${tag}: processor captured ${a.capturedMinor}, refunded ${a.refundedMinor}`);
      }
      // A returned parcel's stock left on dispatch (committed) and came back as a receipt.
      const returned = shipments.some((sh) => sh.status === 'returned');
      for (const r of reservations) if (r.status === 'active' || (r.status === 'committed' && !returned)) flag('stock-held', `${tag}: reservation ${r.id} is ${r.status}`);
      for (const sh of shipments) if (!['cancelled', 'failed', 'returned'].includes(sh.status)) flag('shipment-live', `${tag}: shipment ${sh.status}`);
    }
  }
  // Whatever order it belongs to: once every saga has ended, no authorization may still hold money.
  for (const a of s.processor) if (a.status === 'authorized') flag('authorization-held', `processor authorization for order ${a.orderId} (${ordersById.get(a.orderId)?.status ?? 'unknown order'}) is still held`);
  for (const r of s.reservations) {
    if (!LIVE_RESERVATION.has(r.status)) continue;
    const owner = r.orderId ? ordersById.get(r.orderId) : undefined;
    const returnedParcel = r.status === 'committed' && owner?.status === 'cancelled' && (shipmentsOf.get(owner.id) ?? []).some((sh) => sh.status === 'returned');
    if (!CONFIRMED.has(owner?.status ?? '') && !returnedParcel) flag('stock-held', `reservation ${r.id} is ${r.status} for ${owner ? `a ${owner.status} order` : 'no order of ours'}`);
  }
  // Stock leaves the ledger once per reservation, on dispatch, and a returned parcel comes back once.
  for (const r of s.reservations) {
    const expected = r.status === 'committed' ? r.lines : {};
    if (!sameLines(r.committed, expected)) flag('commit-count', `reservation ${r.id} (${r.status}) of ${r.orderId ? `order ${r.orderId}` : 'no order'}: lines ${JSON.stringify(r.lines)}, committed by the ledger ${JSON.stringify(r.committed)}`);
  }
  const shipmentByTracking = new Map(s.shipments.map((sh) => [sh.trackingNumber, sh]));
  const receiptOf = new Map(s.returnReceipts.map((r) => [r.trackingNumber, r.items]));
  for (const sh of s.shipments) {
    if (sh.status !== 'returned') continue;
    const order = ordersById.get(sh.orderId);
    if (!sameLines(receiptOf.get(sh.trackingNumber) ?? {}, order?.items ?? {})) {
      flag('return-receipt', `shipment ${sh.trackingNumber} returned: order items ${JSON.stringify(order?.items ?? null)}, received back ${JSON.stringify(receiptOf.get(sh.trackingNumber) ?? {})}`);
    }
  }
  for (const r of s.returnReceipts) {
    const sh = shipmentByTracking.get(r.trackingNumber);
    if (sh?.status !== 'returned') flag('return-receipt', `items received back as returned by ${r.trackingNumber}, whose shipment is ${sh?.status ?? 'unknown'}: ${JSON.stringify(r.items)}`);
  }
  // The order and its parcel tell the same story.
  for (const o of s.orders) {
    const shipment = (shipmentsOf.get(o.id) ?? [])[0];
    const tag = `order ${o.id} (${o.status}${o.reason ? `: ${o.reason}` : ''}) and its shipment (${shipment?.status ?? 'none'})`;
    const agree = o.status === 'delivered' ? shipment?.status === 'delivered'
      : o.status === 'shipped' ? shipment?.status === 'dispatched' || shipment?.status === 'picked_up'
        : o.status === 'confirmed' ? shipment?.status === 'created'
          : shipment?.status !== 'delivered' && (shipment?.status !== 'returned' || o.status === 'cancelled');
    if (!agree) flag('delivery-mismatch', tag);
    if ((o.status === 'shipped' || o.status === 'delivered') && s.reservations.find((r) => r.id === o.reservationId)?.status !== 'committed') {
      flag('delivery-mismatch', `${tag}: its reservation is ${s.reservations.find((r) => r.id === o.reservationId)?.status ?? 'missing'}, not committed`);
    }
    if (s.deliveriesComplete && CONFIRMED.has(o.status) && o.status !== 'delivered') flag('not-delivered', `${tag}: the couriers finished, the order never reached its customer`);
  }
  if (s.deliveriesComplete) for (const sh of s.shipments) if (UNDER_WAY.includes(sh.status)) flag('not-delivered', `shipment ${sh.trackingNumber} of order ${sh.orderId} is still ${sh.status}`);
  for (const op of s.operations) if (op.outcome === 'pending') flag('pending-operation', `payment ${op.kind} for order ${op.orderId} still pending (${op.count})`);
  const reservedBySku = new Map<string, number>();
  for (const r of s.reservations) {
    if (r.status !== 'active') continue;
    for (const [sku, q] of Object.entries(r.lines)) reservedBySku.set(sku, (reservedBySku.get(sku) ?? 0) + q);
  }
  for (const item of s.stock) {
    if (item.onHand < 0 || item.reserved < 0) flag('stock-negative', `${item.sku}: on hand ${item.onHand}, reserved ${item.reserved}`);
    if (item.reserved > item.onHand) flag('stock-over-reserved', `${item.sku}: reserved ${item.reserved} of ${item.onHand} on hand`);
    if (item.ledgerOnHand !== item.onHand || item.ledgerReserved !== item.reserved) {
      flag('ledger-mismatch', `${item.sku}: snapshot on hand ${item.onHand} / reserved ${item.reserved}, ledger ${item.ledgerOnHand} / ${item.ledgerReserved}`);
    }
    if ((reservedBySku.get(item.sku) ?? 0) !== item.reserved) flag('reserved-mismatch', `${item.sku}: reserved ${item.reserved}, active reservations hold ${reservedBySku.get(item.sku) ?? 0}`);
  }
  for (const [service, n] of Object.entries(s.unsent)) if (n > 0) flag('outbox-unsent', `${service}: ${n} message(s) never confirmed by the broker`);
  for (const [service, d] of Object.entries(s.deadLetters)) if (d.depth > 0) flag('dead-letters', `${service}.dlq holds ${d.depth}: ${d.sample.join(' | ')}`);
  return out;
}

/** How many real rows each family of checks looked at, so a vacuous pass would show. */
export function coverage(s: Snapshot) {
  const confirmed = s.orders.filter((o) => CONFIRMED.has(o.status));
  const settled = s.orders.filter((o) => o.status === 'cancelled' || o.status === 'rejected');
  const ids = new Set(settled.map((o) => o.id));
  return {
    confirmed: confirmed.length,
    confirmedWithPayment: confirmed.filter((o) => s.payments.some((p) => p.orderId === o.id)).length,
    confirmedWithReservation: confirmed.filter((o) => s.reservations.some((r) => r.id === o.reservationId)).length,
    confirmedWithShipment: confirmed.filter((o) => s.shipments.some((sh) => sh.orderId === o.id)).length,
    settledWithPayment: settled.filter((o) => s.payments.some((p) => p.orderId === o.id)).length,
    settledWithProcessorAuthorization: s.processor.filter((a) => ids.has(a.orderId)).length,
    settledWithReservation: s.reservations.filter((r) => r.orderId && ids.has(r.orderId)).length,
    settledWithShipment: s.shipments.filter((sh) => ids.has(sh.orderId)).length,
    refunded: s.payments.filter((p) => p.refundedMinor > 0).length,
    captureOperations: s.operations.filter((o) => o.kind === 'capture' && o.outcome === 'succeeded').reduce((n, o) => n + o.count, 0),
    stockItems: s.stock.length,
    reservations: s.reservations.length,
    committedReservations: s.reservations.filter((r) => Object.keys(r.committed).length > 0).length,
    delivered: s.shipments.filter((sh) => sh.status === 'delivered').length,
    returned: s.shipments.filter((sh) => sh.status === 'returned').length,
    returnReceipts: s.returnReceipts.length,
  };
}

/** Why an order ended as it did, in a few words (for the summary). */
export function outcomeOf(o: Snapshot['orders'][number]): string {
  if (o.status !== 'cancelled') return o.status;
  const reason = o.reason ?? '';
  if (reason.startsWith('out of stock')) return 'cancelled: out of stock';
  if (reason.startsWith('shipment failed')) return 'cancelled: shipment failed';
  if (reason.startsWith('payment capture failed')) return 'cancelled: capture declined';
  if (reason.includes('timed out')) return `cancelled: ${reason}`;
  if (reason.startsWith('cancelled by the customer')) return 'cancelled: by the customer';
  if (reason.includes('returned')) return 'cancelled: parcel returned';
  return `cancelled: ${reason.slice(0, 60)}`;
}
