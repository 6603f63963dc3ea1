// The dispatcher: gives each waiting shipment a courier on shift with room, picked by the strategy
// the `courier-dispatch-strategy` flag names for that dispatch (strategy.ts: the nearest, or the
// least loaded within the radius), one shipment per transaction. Replicas share the queue through FOR UPDATE SKIP LOCKED, and a courier's room is
// claimed by one UPDATE guarded by a CHECK, so no courier ever carries beyond its capacity.
import type { Messages } from '@bazaar/contracts';
import { withTransaction, type Logger, type Pool, type Publish, type Sends } from '@bazaar/platform';
import type { Positions } from '../couriers/positions.js';
import type { Geocoder } from '../geocoding/geocoder.js';
import { nextTryDelayMs } from './delivery.js';
import { assign, claimCourier, lockNextWaiting, postpone, setCoordinates } from './delivery.store.js';
import { CANDIDATES, offerOrder, strategyFromFlags, type StrategyOf } from './strategy.js';

export type DeliveryPublish = Publish<Sends<Messages, 'shipment.dispatched' | 'shipment.handed_back' | 'shipment.picked_up' | 'shipment.attempt_failed' | 'shipment.delivered' | 'shipment.returned'>>;

export interface DispatcherDeps {
  pool: Pool;
  positions: Positions;
  geocoder: Geocoder;
  publish: DeliveryPublish;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** How far from the parcel a courier may be, in km. */
  radiusKm: number;
  /** Shipments dispatched per run at most, so one run never holds the job for long. */
  batch?: number;
  /** The strategy of each dispatch (the feature flag's answer); `nearest` without it. */
  strategy?: StrategyOf;
}

export interface DispatchRun {
  dispatched: number;
  waiting: number;
}

/** One pass over the queue: dispatches what it can, postpones what finds no courier. */
export async function dispatchWaiting(deps: DispatcherDeps): Promise<DispatchRun> {
  const run: DispatchRun = { dispatched: 0, waiting: 0 };
  const strategyOf = deps.strategy ?? strategyFromFlags(undefined);
  for (let i = 0; i < (deps.batch ?? 50); i++) {
    const outcome = await withTransaction(deps.pool, async (client) => {
      const shipment = await lockNextWaiting(client);
      if (!shipment) return 'empty' as const;
      let point = shipment.latitude !== null && shipment.longitude !== null ? { latitude: shipment.latitude, longitude: shipment.longitude } : undefined;
      if (!point) {
        point = await deps.geocoder.locate(shipment.recipient);
        if (point) await setCoordinates(client, shipment.id, point);
      }
      // Evaluated in-process, per dispatch: a flip of the flag applies from the next shipment on.
      const strategy = await strategyOf(shipment.id);
      const nearby = point ? await deps.positions.nearby(point, deps.radiusKm, CANDIDATES[strategy]) : [];
      const candidates = await offerOrder(client, strategy, nearby);
      for (const candidate of candidates) {
        const courier = await claimCourier(client, candidate.courierId);
        if (!courier) continue;
        const assigned = await assign(client, shipment.id, candidate.courierId);
        await deps.publish(client, 'shipment.dispatched', {
          shipmentId: assigned.id, orderId: assigned.orderId, trackingNumber: assigned.trackingNumber, version: assigned.version,
          courier: { courierId: candidate.courierId, name: courier.name }, dispatchedAt: new Date().toISOString(),
        });
        return 'dispatched' as const;
      }
      await postpone(client, shipment.id, nextTryDelayMs(shipment.dispatchTries));
      if (shipment.dispatchTries === 0) deps.logger.info({ shipmentId: shipment.id, located: !!point }, 'no courier available: the shipment waits');
      return 'waiting' as const;
    });
    if (outcome === 'empty') break;
    run[outcome] += 1;
  }
  return run;
}
