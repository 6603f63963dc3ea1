import { AppError } from '@bazaar/platform';

/**
 * Every Redis key shipping writes, built in one place so none can escape the `shipping:` namespace
 * its ACL user is limited to. Tests pass a narrower prefix (`shipping:test-…`) to run side by side.
 */
export interface ShippingKeys {
  readonly prefix: string;
  /** GEO set of the latest position of each courier on shift, by courier id. */
  positions(): string;
  /** Sorted set: when each position in `positions` was last refreshed (ms since the epoch). */
  positionsSeen(): string;
  /** Hash: identity user id → courier id, for couriers on shift (the location update's only lookup). */
  onShift(): string;
}

export const PRODUCTION_PREFIX = 'shipping';

export function shippingKeys(prefix: string = PRODUCTION_PREFIX): ShippingKeys {
  if (prefix !== PRODUCTION_PREFIX && !prefix.startsWith(`${PRODUCTION_PREFIX}:`)) {
    throw new Error(`shipping's Redis keys must live under "${PRODUCTION_PREFIX}:" (got prefix ${JSON.stringify(prefix)})`);
  }
  return {
    prefix,
    positions: () => `${prefix}:couriers:positions`,
    positionsSeen: () => `${prefix}:couriers:positions-seen`,
    onShift: () => `${prefix}:couriers:on-shift`,
  };
}

/** Redis out of reach makes live positions a 503 the client may retry, not a 500. */
export async function available<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw new AppError('unavailable', 'live courier positions are unavailable; try again shortly', { headers: { 'retry-after': '2' }, cause: error });
  }
}
