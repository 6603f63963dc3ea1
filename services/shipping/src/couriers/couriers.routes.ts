import { Type } from 'typebox';
import { AppError, withTransaction, type AuthUser, type JwtVerifier, type Pool, type ServiceApp } from '@bazaar/platform';
import type { FastifyRequest } from 'fastify';
import { NO_COURIER, toCourierView, type Courier } from './courier.js';
import { CourierIdParams, CourierPageSchema, CourierSchema, ListCouriersQuery, LocationBody, NearbyQuery, NearbySchema, NewCourierBody, ShiftBody } from './courier.schemas.js';
import { courierOfSignedIn, findCourier, insertCourier, listCouriers, mayStartShift, setShift } from './courier.store.js';
import type { Positions } from './positions.js';
import { handBackParcels, SHIFT_ENDED } from '../delivery/hand-back.js';
import type { DeliveryPublish } from '../delivery/dispatcher.js';

export interface CourierRoutesDeps {
  pool: Pool;
  auth: JwtVerifier;
  positions: Positions;
  /** Where a shift's end announces the parcels it hands back (the outbox). */
  publish: DeliveryPublish;
}

const adminOnly = [{ bearer: ['admin'] }];
const courierOnly = [{ bearer: ['courier'] }];

/**
 * Couriers: admins register them and find the nearest; a courier (an identity user with the courier
 * role, registered here) starts and ends shifts and sends where it is, many times a minute.
 */
export function registerCourierRoutes(app: ServiceApp, deps: CourierRoutesDeps): void {
  const { pool, auth, positions, publish } = deps;
  const asAdmin = auth.preHandler({ role: 'admin' });
  const asCourier = auth.preHandler({ role: 'courier' });

  /** The courier record of the signed-in courier, or 404 if none is registered for them. */
  const me = async (request: FastifyRequest): Promise<{ user: AuthUser; courier: Courier }> => {
    const user = await auth.requireUser(request);
    const courier = await courierOfSignedIn(pool, user.userId);
    if (!courier) throw AppError.notFound(NO_COURIER.what, NO_COURIER.next);
    return { user, courier };
  };

  app.post('/couriers', {
    schema: { operationId: 'registerCourier', tags: ['couriers'], summary: 'Register a courier (admin)', security: adminOnly, body: NewCourierBody, response: { 201: CourierSchema } },
    config: { problems: { 409: 'the user is already a courier' } },
    preHandler: asAdmin,
  }, async (request, reply) => {
    const courier = await insertCourier(pool, { ...request.body, name: request.body.name.trim() });
    return reply.code(201).header('location', `/couriers/${courier.id}`).send(toCourierView(courier));
  });

  app.get('/couriers', {
    schema: { operationId: 'listCouriers', tags: ['couriers'], summary: 'Couriers, oldest first (admin)', security: adminOnly, querystring: ListCouriersQuery, response: { 200: CourierPageSchema } },
    preHandler: asAdmin,
  }, async (request) => {
    const { after, limit } = request.query;
    const rows = await listCouriers(pool, { after, limit: limit + 1 });
    if (!rows) throw AppError.invalid('querystring.after names no courier', [{ field: 'querystring.after', message: 'names no courier' }]);
    const page = rows.slice(0, limit);
    // Each with its last fresh position, as GET /couriers/:id gives it (one Redis read each, together).
    const seen = await Promise.all(page.map((c) => positions.positionOf(c.id)));
    const items = page.map((c, i) => toCourierView(c, seen[i]));
    return rows.length > limit ? { items, next: page[page.length - 1]!.id } : { items };
  });

  app.get('/couriers/nearby', {
    schema: {
      operationId: 'findNearbyCouriers', tags: ['couriers'], summary: 'Couriers on shift near a point, nearest first (admin)',
      description: 'Only couriers whose last position is fresh (sent within SHIPPING_POSITION_MAX_AGE_SECONDS) are listed.',
      security: adminOnly, querystring: NearbyQuery, response: { 200: NearbySchema },
    },
    preHandler: asAdmin,
  }, async (request) => {
    const { latitude, longitude, radiusKm, limit } = request.query;
    const found = await positions.nearby({ latitude, longitude }, radiusKm, limit);
    return { items: found.map((c) => ({ ...c, seenAt: c.seenAt.toISOString() })) };
  });

  app.get('/couriers/me', {
    schema: { operationId: 'getMyCourierProfile', tags: ['couriers'], summary: 'My courier record, shift and last position (courier)', security: courierOnly, response: { 200: CourierSchema } },
    config: { problems: { 404: 'no courier is registered for this user' } },
    preHandler: asCourier,
  }, async (request) => {
    const { courier } = await me(request);
    return toCourierView(courier, await positions.positionOf(courier.id));
  });

  app.put('/couriers/me/shift', {
    schema: { operationId: 'setMyShift', tags: ['couriers'], summary: 'Start or end my shift (courier)', description: 'Idempotent. Ending a shift forgets the last position and hands back the parcels not yet delivered, for other couriers.', security: courierOnly, body: ShiftBody, response: { 200: CourierSchema } },
    config: { problems: { 404: 'no courier is registered for this user' } },
    preHandler: asCourier,
  }, async (request) => {
    const { user, courier } = await me(request);
    const { onShift } = request.body;
    // Ending a shift hands back every parcel not yet delivered, for the dispatcher to reassign, and
    // says so in the same transaction: orders' copy then no longer names this courier.
    const updated = await withTransaction(pool, async (client) => {
      if (!onShift) await handBackParcels(client, publish, courier, SHIFT_ENDED);
      // Only a start locks the courier first: an end locks the parcels first, as everywhere.
      else if (!(await mayStartShift(client, courier.id))) throw AppError.notFound(NO_COURIER.what, NO_COURIER.next);
      return setShift(client, courier.id, onShift);
    });
    // After the database: if Redis fails here the call answers 503 and its retry puts Redis right.
    if (updated.onShift) await positions.startShift(user.userId, courier.id);
    else await positions.endShift(user.userId, courier.id);
    return toCourierView(updated);
  });

  app.put('/couriers/me/location', {
    schema: {
      operationId: 'updateMyLocation', tags: ['couriers'], summary: 'Where I am now (courier, on shift)',
      description: 'Sent every few seconds by a courier\'s app. Answers 409 when the courier is not on shift: start one first.',
      security: courierOnly, body: LocationBody, response: { 204: Type.Null({ description: 'recorded' }) },
    },
    config: { problems: { 404: 'no courier is registered for this user', 409: 'the courier is not on shift' } },
    preHandler: asCourier,
  }, async (request, reply) => {
    const user = await auth.requireUser(request);
    if (!(await positions.record(user.userId, request.body))) {
      // Not on shift as far as Redis knows. The database decides: Redis may have lost the index.
      const { courier } = await me(request);
      if (!courier.onShift) throw AppError.conflict('you are not on shift; start a shift first', { field: 'onShift' });
      await positions.startShift(user.userId, courier.id);
      if (!(await positions.record(user.userId, request.body))) throw AppError.conflict('your shift ended meanwhile; start a shift first', { field: 'onShift' });
    }
    return reply.code(204).send(null);
  });

  app.get('/couriers/:id', {
    schema: { operationId: 'getCourier', tags: ['couriers'], summary: 'One courier, with its last fresh position (admin)', security: adminOnly, params: CourierIdParams, response: { 200: CourierSchema } },
    preHandler: asAdmin,
  }, async (request) => {
    const courier = await findCourier(pool, { id: request.params.id });
    if (!courier) throw AppError.notFound('the courier');
    return toCourierView(courier, await positions.positionOf(courier.id));
  });
}
