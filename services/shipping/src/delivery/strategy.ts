// How the dispatcher picks a courier for a parcel, chosen per dispatch by the feature flag
// `courier-dispatch-strategy` (deploy/flags/flags.json): a flip takes effect at the next dispatch,
// without a restart.
import type { Flags, Queryable } from '@bazaar/platform';
import type { NearbyCourier } from '../couriers/positions.js';

export const DISPATCH_STRATEGY_FLAG = 'courier-dispatch-strategy';

/**
 * - `nearest`: the nearest courier on shift with room (the behaviour before there was a choice);
 * - `least-loaded`: of the couriers on shift with room within the search radius, the one carrying the
 *   fewest parcels now (its active deliveries: dispatched or picked up), the nearest of them on a tie.
 *   It spreads work over the couriers around rather than piling it on whoever stands nearest.
 */
export const DISPATCH_STRATEGIES = ['nearest', 'least-loaded'] as const;
export type DispatchStrategy = (typeof DISPATCH_STRATEGIES)[number];

/** What the dispatcher does when the flag is not there, not readable, or names a strategy unknown here. */
export const DEFAULT_STRATEGY: DispatchStrategy = 'nearest';

/** How many couriers, nearest first, each strategy looks at within the radius. */
export const CANDIDATES: Record<DispatchStrategy, number> = {
  // The nearest ten are offered the parcel in turn; one of them nearly always has room.
  nearest: 10,
  // Every courier in the radius counts, up to a bound that keeps one dispatch one small query.
  'least-loaded': 100,
};

/** The strategy for one shipment's dispatch (the shipment's id is the flag's targeting key). */
export type StrategyOf = (shipmentId: string) => Promise<DispatchStrategy>;

/** The flag's answer, or `nearest` when the service has no flags. */
export function strategyFromFlags(flags: Flags | undefined): StrategyOf {
  if (!flags) return async () => DEFAULT_STRATEGY;
  return (shipmentId) => flags.string(DISPATCH_STRATEGY_FLAG, DEFAULT_STRATEGY, DISPATCH_STRATEGIES, { targetingKey: shipmentId });
}

/**
 * The candidates (nearest first, as the positions give them) in the order they are offered the
 * parcel. Each offer is still a claim that may fail (a courier filled up meanwhile by another
 * replica), so the dispatcher goes down this list.
 */
export async function offerOrder(db: Queryable, strategy: DispatchStrategy, candidates: NearbyCourier[]): Promise<NearbyCourier[]> {
  if (strategy === 'nearest' || candidates.length < 2) return candidates;
  const { rows } = await db.query<{ id: string; load: number }>(
    'SELECT id, load FROM couriers WHERE id = ANY($1::uuid[]) AND on_shift AND load < capacity',
    [candidates.map((c) => c.courierId)],
  );
  const load = new Map(rows.map((r) => [r.id, r.load]));
  // A stable sort on the load keeps the nearest first among equals; the unavailable ones are dropped.
  return candidates.filter((c) => load.has(c.courierId)).sort((a, b) => load.get(a.courierId)! - load.get(b.courierId)!);
}
