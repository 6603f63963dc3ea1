import { AppError, type JwtVerifier, type Pool, type ServiceApp } from '@bazaar/platform';
import { maySee, type Shipment, type ShipmentLine } from './shipment.js';
import { DELIVERY_ATTEMPTS_SHOWN, ListShipmentsQuery, ShipmentPageSchema, TrackingParams, TrackingSchema } from './shipment.schemas.js';
import { deliveryAttemptsOf, findShipment, itemsOf, listShipments } from './shipment.store.js';
import { TRACKING_NUMBER, normaliseTrackingNumber } from './tracking-number.js';

export interface ShipmentRoutesDeps {
  pool: Pool;
  auth: JwtVerifier;
}

const security = [{ bearer: [] }];

/** Shipments for their owner (and admins): by tracking number, by order, or all of one's own. */
export function registerShipmentRoutes(app: ServiceApp, deps: ShipmentRoutesDeps): void {
  const preHandler = deps.auth.preHandler();

  app.get('/shipments/:tracking', {
    schema: {
      operationId: 'getShipment', tags: ['shipments'], summary: 'Track one of my shipments', security,
      description: "Someone else's shipment is a 404, as a tracking number that names none (admins may see any).",
      params: TrackingParams, response: { 200: TrackingSchema },
    },
    preHandler,
  }, async (request) => {
    const user = await deps.auth.requireUser(request);
    const trackingNumber = normaliseTrackingNumber(request.params.tracking);
    const shipment = TRACKING_NUMBER.test(trackingNumber) ? await findShipment(deps.pool, { trackingNumber }) : undefined;
    // Someone else's shipment is "not found", not "forbidden": a tracking number must not confirm
    // that a parcel exists to whoever guesses it.
    if (!shipment || !maySee(shipment, user)) throw AppError.notFound('the shipment');
    const [items, attempts] = await Promise.all([itemsOf(deps.pool, [shipment.id]), deliveryAttemptsOf(deps.pool, shipment.id, DELIVERY_ATTEMPTS_SHOWN)]);
    return {
      shipment: toShipmentView(shipment, items.get(shipment.id) ?? []),
      deliveryAttempts: attempts.map((a) => ({ attemptedAt: a.attemptedAt.toISOString(), outcome: a.outcome, note: a.note })),
    };
  });

  app.get('/shipments', {
    schema: {
      operationId: 'listShipments', tags: ['shipments'], summary: 'My shipments, newest first (admins: any order with orderId)', security,
      description: 'next gives the next page. Beyond the parameters\' schemas, the only refusal is an after that names no shipment of this listing (400 naming after).',
      querystring: ListShipmentsQuery, response: { 200: ShipmentPageSchema },
    },
    preHandler,
  }, async (request) => {
    const user = await deps.auth.requireUser(request);
    const { orderId, after, limit } = request.query;
    const anyone = orderId !== undefined && user.roles.includes('admin');
    const rows = await listShipments(deps.pool, { ...(anyone ? {} : { userId: user.userId }), orderId, after, limit: limit + 1 });
    // The same answer whether the id exists for someone else or nowhere: a cursor is no existence oracle.
    if (!rows) throw AppError.invalid('querystring.after names no shipment of this listing', [{ field: 'querystring.after', message: 'names no shipment of this listing' }]);
    const page = rows.slice(0, limit);
    const items = await itemsOf(deps.pool, page.map((s) => s.id));
    const views = page.map((s) => toShipmentView(s, items.get(s.id) ?? []));
    return rows.length > limit ? { items: views, next: page[page.length - 1]!.id } : { items: views };
  });
}

export const toShipmentView = (s: Shipment, items: ShipmentLine[]) => ({
  id: s.id,
  orderId: s.orderId,
  trackingNumber: s.trackingNumber,
  carrier: s.carrier,
  status: s.status,
  statusReason: s.statusReason,
  recipient: s.recipient,
  items,
  version: s.version,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});
