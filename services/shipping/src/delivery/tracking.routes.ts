import { Type } from 'typebox';
import { AppError, type JwtVerifier, type Pool, type ServiceApp } from '@bazaar/platform';
import type { Positions } from '../couriers/positions.js';
import { findCourier } from '../couriers/courier.store.js';
import { maySee } from '../shipments/shipment.js';
import { findShipment } from '../shipments/shipment.store.js';
import { TRACKING_NUMBER, normaliseTrackingNumber } from '../shipments/tracking-number.js';

export interface TrackingRoutesDeps {
  pool: Pool;
  auth: JwtVerifier;
  positions: Positions;
}

const CourierOfShipment = Type.Object({
  trackingNumber: Type.String({ maxLength: 12 }),
  status: Type.Enum(['dispatched', 'picked_up'], { description: 'dispatched: the courier is on the way to pick it up; picked_up: on the way to you' }),
  courier: Type.Object({ name: Type.String({ maxLength: 100 }), vehicle: Type.String({ maxLength: 20 }) }),
  position: Type.Union([
    Type.Object({ latitude: Type.Number({ minimum: -90, maximum: 90 }), longitude: Type.Number({ minimum: -180, maximum: 180 }), seenAt: Type.String({ format: 'date-time', maxLength: 40 }) }),
    Type.Null(),
  ], { description: "the courier's last position while fresh; null when the courier's app has not sent one lately" }),
});

/**
 * Where the courier carrying one of my parcels is. Only the parcel's owner (or an admin) sees it, and
 * only while a courier has the parcel: before dispatch and after delivery there is no courier to show.
 */
export function registerTrackingRoutes(app: ServiceApp, deps: TrackingRoutesDeps): void {
  app.get('/shipments/:tracking/courier', {
    schema: {
      operationId: 'getShipmentCourier', tags: ['shipments'], summary: 'The courier who has my parcel, and where they are',
      security: [{ bearer: [] }], params: Type.Object({ tracking: Type.String({ minLength: 1, maxLength: 40, description: 'a tracking number such as BZ7K3M9QX2PA' }) }),
      response: { 200: CourierOfShipment },
    },
    config: { problems: { 404: 'no such shipment of yours, or no courier has it now' } },
    preHandler: deps.auth.preHandler(),
  }, async (request) => {
    const user = await deps.auth.requireUser(request);
    const trackingNumber = normaliseTrackingNumber(request.params.tracking);
    const shipment = TRACKING_NUMBER.test(trackingNumber) ? await findShipment(deps.pool, { trackingNumber }) : undefined;
    if (!shipment || !maySee(shipment, user)) throw AppError.notFound('the shipment');
    const { rows } = await deps.pool.query<{ courier_id: string | null }>('SELECT courier_id FROM shipments WHERE id = $1', [shipment.id]);
    const courierId = rows[0]?.courier_id;
    if ((shipment.status !== 'dispatched' && shipment.status !== 'picked_up') || !courierId) throw new AppError('not_found', 'no courier has this parcel now');
    const courier = await findCourier(deps.pool, { id: courierId });
    if (!courier) throw new AppError('not_found', 'no courier has this parcel now');
    const position = await deps.positions.positionOf(courier.id);
    return {
      trackingNumber: shipment.trackingNumber,
      status: shipment.status,
      courier: { name: courier.name, vehicle: courier.vehicle },
      position: position ? { latitude: position.latitude, longitude: position.longitude, seenAt: position.seenAt.toISOString() } : null,
    };
  });
}
