// Live courier positions in Redis (GEO), the hot path of a courier's app: one script call per
// location update, with no database query unless the courier's shift is not known to Redis.
import type { Redis } from 'ioredis';
import { available, type ShippingKeys } from '../redis.js';

/** Where Redis GEO can store a point (Web Mercator): latitudes beyond ±85.05112878° are refused by GEOADD. */
export const MAX_GEO_LATITUDE = 85.05112878;

// Records the position only for a courier on shift; returns its courier id, or nil if not on shift.
const LOCATE = `
local courier = redis.call('HGET', KEYS[1], ARGV[1])
if not courier then return false end
redis.call('GEOADD', KEYS[2], ARGV[2], ARGV[3], courier)
redis.call('ZADD', KEYS[3], ARGV[4], courier)
return courier`;

// Forgets positions older than the cut-off, then searches: stale couriers never come back, and a
// COUNT never fills up with them.
const NEARBY = `
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
for i = 1, #stale, 500 do
  local chunk = {unpack(stale, i, math.min(i + 499, #stale))}
  redis.call('ZREM', KEYS[1], unpack(chunk))
  redis.call('ZREM', KEYS[2], unpack(chunk))
end
local found = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[2], ARGV[3], 'BYRADIUS', ARGV[4], 'km', 'ASC', 'COUNT', ARGV[5], 'WITHDIST', 'WITHCOORD')
local result = {}
for i, item in ipairs(found) do
  result[i] = {item[1], item[2], item[3][1], item[3][2], redis.call('ZSCORE', KEYS[2], item[1])}
end
return result`;

type NearbyRow = [courierId: string, distanceKm: string, longitude: string, latitude: string, seenAtMs: string];

interface PositionCommands {
  shippingLocate(onShift: string, positions: string, seen: string, userId: string, longitude: number, latitude: number, nowMs: number): Promise<string | null>;
  shippingNearby(positions: string, seen: string, cutoffMs: number, longitude: number, latitude: number, radiusKm: number, count: number): Promise<NearbyRow[]>;
}

export interface NearbyCourier {
  courierId: string;
  distanceKm: number;
  latitude: number;
  longitude: number;
  seenAt: Date;
}

export interface Point {
  latitude: number;
  longitude: number;
}

/** Shipping's view of live positions: record, search nearest first, and keep the on-shift index. */
export class Positions {
  private readonly redis: Redis & PositionCommands;

  constructor(redis: Redis, private readonly keys: ShippingKeys, private readonly maxAgeMs: number, private readonly now: () => Date = () => new Date()) {
    // Scripts are sent once and run by their hash afterwards (ioredis falls back to EVAL after a Redis restart).
    redis.defineCommand('shippingLocate', { numberOfKeys: 3, lua: LOCATE });
    redis.defineCommand('shippingNearby', { numberOfKeys: 2, lua: NEARBY });
    this.redis = redis as Redis & PositionCommands;
  }

  /** Records where the courier of `userId` is; false if Redis does not know them to be on shift. */
  async record(userId: string, point: Point): Promise<boolean> {
    const k = this.keys;
    const courier = await available(this.redis.shippingLocate(k.onShift(), k.positions(), k.positionsSeen(), userId, point.longitude, point.latitude, this.now().getTime()));
    return courier !== null;
  }

  /** Couriers whose position is fresh, within `radiusKm` of `point`, nearest first. */
  async nearby(point: Point, radiusKm: number, limit: number): Promise<NearbyCourier[]> {
    const k = this.keys;
    const cutoff = this.now().getTime() - this.maxAgeMs;
    const rows = await available(this.redis.shippingNearby(k.positions(), k.positionsSeen(), cutoff, point.longitude, point.latitude, radiusKm, limit));
    return rows.map(([courierId, distanceKm, longitude, latitude, seenAtMs]) => ({
      courierId,
      distanceKm: Number(distanceKm),
      longitude: Number(longitude),
      latitude: Number(latitude),
      seenAt: new Date(Number(seenAtMs)),
    }));
  }

  /** A shift started: the courier's location updates count from now on. */
  async startShift(userId: string, courierId: string): Promise<void> {
    await available(this.redis.hset(this.keys.onShift(), userId, courierId));
  }

  /** A shift ended: the courier is no longer found, whatever position it last sent. */
  async endShift(userId: string, courierId: string): Promise<void> {
    const k = this.keys;
    await available(this.redis.multi().hdel(k.onShift(), userId).zrem(k.positions(), courierId).zrem(k.positionsSeen(), courierId).exec());
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  /** The last fresh position of one courier, if any. */
  async positionOf(courierId: string): Promise<(Point & { seenAt: Date }) | undefined> {
    const k = this.keys;
    const [[, coords], [, seen]] = (await available(this.redis.multi().geopos(k.positions(), courierId).zscore(k.positionsSeen(), courierId).exec()))! as [[unknown, [[string, string] | null]], [unknown, string | null]];
    const point = coords[0];
    if (!point || seen === null || Number(seen) < this.now().getTime() - this.maxAgeMs) return undefined;
    return { longitude: Number(point[0]), latitude: Number(point[1]), seenAt: new Date(Number(seen)) };
  }
}
