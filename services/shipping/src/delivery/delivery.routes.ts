import { Type } from 'typebox';
import { AppError, withTransaction, type JwtVerifier, type Pool, type PoolClient, type ServiceApp } from '@bazaar/platform';
import type { FastifyRequest } from 'fastify';
import { NO_COURIER, type Courier } from '../couriers/courier.js';
import { courierOfSignedIn } from '../couriers/courier.store.js';
import { decideDelivered, decideFailedAttempt, decidePickup, type Decision } from './delivery.js';
import { activeShipmentsOf, linesOf, lockShipment, recordAttempt, releaseCourier, setDeliveryStatus, type DeliveryRow } from './delivery.store.js';
import type { DeliveryPublish } from './dispatcher.js';

export interface DeliveryRoutesDeps {
  pool: Pool;
  auth: JwtVerifier;
  publish: DeliveryPublish;
  /** Failed attempts after which a parcel goes back to the warehouse. */
  maxAttempts: number;
}

const courierOnly = [{ bearer: ['courier'] }];
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const Text = (maxLength: number) => Type.String({ maxLength });

const DeliverySchema = Type.Object({
  id: Uuid,
  orderId: Uuid,
  trackingNumber: Type.String({ maxLength: 12 }),
  status: Type.String({ maxLength: 20, description: 'dispatched (go and pick it up), picked_up, delivered or returned' }),
  failedAttempts: Type.Integer({ minimum: 0, maximum: 20, format: 'int32' }),
  recipient: Type.Object({ name: Text(200), line1: Text(200), line2: Type.Union([Text(200), Type.Null()]), city: Text(100), postalCode: Text(20), country: Text(2) }),
  destination: Type.Union([Type.Object({ latitude: Type.Number({ minimum: -90, maximum: 90 }), longitude: Type.Number({ minimum: -180, maximum: 180 }) }), Type.Null()]),
  version: Type.Integer({ minimum: 1, maximum: 2_147_483_647, format: 'int32' }),
});
const ShipmentParams = Type.Object({ id: Uuid });
const FailedAttemptBody = Type.Object({
  attempt: Type.Integer({ minimum: 1, maximum: 20, format: 'int32', description: 'which attempt failed: 1 for the first; the same number again is a harmless repeat' }),
  reason: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'why, for the customer and the operators (nobody home, address not found …)' }),
}, { additionalProperties: false });

const toView = (s: DeliveryRow) => ({
  id: s.id, orderId: s.orderId, trackingNumber: s.trackingNumber, status: s.status, failedAttempts: s.failedAttempts,
  recipient: s.recipient, destination: s.latitude !== null && s.longitude !== null ? { latitude: s.latitude, longitude: s.longitude } : null, version: s.version,
});

/**
 * A courier's work: the parcels assigned to it, and the three calls of a delivery (picked up, an
 * attempt failed, delivered). Each runs in one transaction with its event; each is safe to repeat.
 */
export function registerDeliveryRoutes(app: ServiceApp, deps: DeliveryRoutesDeps): void {
  const { pool, auth, publish } = deps;
  const asCourier = auth.preHandler({ role: 'courier' });

  const me = async (request: FastifyRequest): Promise<Courier> => {
    const user = await auth.requireUser(request);
    const courier = await courierOfSignedIn(pool, user.userId);
    if (!courier) throw AppError.notFound(NO_COURIER.what, NO_COURIER.next);
    return courier;
  };

  /** Loads the shipment under lock, asks `decide`, and on its action runs `act`; repeats answer as they are. */
  const act = async <A extends string>(
    request: FastifyRequest<{ Params: { id: string } }>,
    decide: (s: DeliveryRow, courier: Courier) => Decision<A>,
    perform: (client: PoolClient, s: DeliveryRow, courier: Courier, action: A) => Promise<DeliveryRow>,
  ) => {
    const courier = await me(request);
    return withTransaction(pool, async (client) => {
      const shipment = await lockShipment(client, request.params.id);
      if (!shipment) throw AppError.notFound('the shipment');
      const decision = decide(shipment, courier) as Decision<string>;
      if (decision.kind === 'repeat') return toView(shipment);
      if ('message' in decision) throw decision.kind === 'forbidden' ? AppError.forbidden(decision.message) : AppError.conflict(decision.message);
      return toView(await perform(client, shipment, courier, decision.kind as A));
    });
  };

  const ref = (s: DeliveryRow) => ({ shipmentId: s.id, orderId: s.orderId, trackingNumber: s.trackingNumber, version: s.version });
  const courierRef = (c: Courier) => ({ courierId: c.id, name: c.name });
  const problems = { 403: 'the shipment is assigned to another courier', 404: 'no such shipment', 409: 'the shipment is not where this call needs it (e.g. delivered before it was picked up)' };

  app.get('/couriers/me/shipments', {
    schema: { operationId: 'listMyDeliveries', tags: ['couriers'], summary: 'The parcels assigned to me, not yet delivered (courier)', security: courierOnly, response: { 200: Type.Object({ items: Type.Array(DeliverySchema, { maxItems: 50 }) }) } },
    config: { problems: { 404: 'no courier is registered for this user' } },
    preHandler: asCourier,
  }, async (request) => ({ items: (await activeShipmentsOf(pool, (await me(request)).id)).map(toView) }));

  app.post('/couriers/me/shipments/:id/pickup', {
    schema: { operationId: 'pickUpShipment', tags: ['couriers'], summary: 'I have the parcel (courier)', security: courierOnly, params: ShipmentParams, response: { 200: DeliverySchema } },
    config: { problems },
    preHandler: asCourier,
  }, (request) => act(request, (s, c) => decidePickup(s, c.id), async (client, s, courier) => {
    const picked = await setDeliveryStatus(client, s.id, 'picked_up');
    await publish(client, 'shipment.picked_up', { ...ref(picked), courier: courierRef(courier), pickedUpAt: new Date().toISOString() });
    return picked;
  }));

  app.post('/couriers/me/shipments/:id/delivered', {
    schema: { operationId: 'deliverShipment', tags: ['couriers'], summary: 'The recipient has the parcel (courier)', security: courierOnly, params: ShipmentParams, response: { 200: DeliverySchema } },
    config: { problems },
    preHandler: asCourier,
  }, (request) => act(request, (s, c) => decideDelivered(s, c.id), async (client, s, courier) => {
    await recordAttempt(client, { shipmentId: s.id, courierId: courier.id, outcome: 'delivered', note: null });
    const delivered = await setDeliveryStatus(client, s.id, 'delivered');
    await releaseCourier(client, courier.id);
    await publish(client, 'shipment.delivered', { ...ref(delivered), courier: courierRef(courier), deliveredAt: new Date().toISOString() });
    return delivered;
  }));

  app.post('/couriers/me/shipments/:id/failed-attempts', {
    schema: {
      operationId: 'reportFailedAttempt', tags: ['couriers'], summary: 'A delivery attempt failed (courier)',
      description: `After ${deps.maxAttempts} failed attempts the parcel is returned to the warehouse.`,
      security: courierOnly, params: ShipmentParams, body: FailedAttemptBody, response: { 200: DeliverySchema },
    },
    config: { problems: { ...problems, 409: 'the shipment is not picked up, or the attempt number skips one' } },
    preHandler: asCourier,
  }, (request) => act(request, (s, c) => decideFailedAttempt(s, c.id, request.body.attempt, deps.maxAttempts), async (client, s, courier, action) => {
    const reason = request.body.reason.trim();
    await recordAttempt(client, { shipmentId: s.id, courierId: courier.id, outcome: 'failed', note: reason });
    const now = new Date().toISOString();
    const attempt = request.body.attempt;
    // Each event its own version, so a copy that keeps the newest sees the return after the attempt.
    const failed = await setDeliveryStatus(client, s.id, 'picked_up', reason);
    await publish(client, 'shipment.attempt_failed', { ...ref(failed), courier: courierRef(courier), reason, attempt, attemptsLeft: Math.max(0, deps.maxAttempts - attempt), failedAt: now });
    if (action === 'record') return failed;
    const returned = await setDeliveryStatus(client, s.id, 'returned', `returned after ${attempt} failed attempts: ${reason}`.slice(0, 200));
    await releaseCourier(client, courier.id);
    await publish(client, 'shipment.returned', { ...ref(returned), reason: `${attempt} failed delivery attempts`, items: await linesOf(client, s.id), returnedAt: now });
    return returned;
  }));
}
