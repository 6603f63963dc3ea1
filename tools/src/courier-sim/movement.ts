/**
 * The courier simulator's movement model: pure functions over a city (a disc around a centre), with
 * randomness from a seeded generator so that a run can be repeated. Couriers ride along a street grid
 * (blocks of about 250 m, corners jittered so no two paths are ruler-straight), at the speeds of their
 * vehicles, and never leave the city: every waypoint is inside the disc, and so is every segment
 * between two of them, since a disc is convex.
 */
import type { Random } from '../random.js';

export interface Point {
  latitude: number;
  longitude: number;
}

export interface City {
  center: Point;
  radiusKm: number;
}

/** Where shipping's geocoder simulator places every address by default (SHIPPING_GEOCODER_CENTER, _RADIUS_KM). */
export const AMSTERDAM: City = { center: { latitude: 52.3676, longitude: 4.9041 }, radiusKm: 6 };

export type Vehicle = 'bicycle' | 'cargo-bike' | 'scooter';

/** Cruising speeds in city traffic, km/h: each courier draws its own within the range. */
export const SPEEDS_KMH: Record<Vehicle, { min: number; max: number }> = {
  bicycle: { min: 13, max: 20 },
  'cargo-bike': { min: 10, max: 16 },
  scooter: { min: 18, max: 28 },
};

/** Parcels a vehicle carries at once (the capacity registered at shipping). */
export const CAPACITY: Record<Vehicle, number> = { bicycle: 2, 'cargo-bike': 4, scooter: 3 };

const KM_PER_DEGREE = 111.32;
const BLOCK_KM = 0.25;
const JITTER_KM = 0.04;

export { seededRandom, type Random } from '../random.js';

/** Kilometres east (x) and north (y) of the city's centre: flat enough at a city's scale. */
interface Local {
  x: number;
  y: number;
}

const kmPerDegreeLongitude = (city: City) => KM_PER_DEGREE * Math.cos((city.center.latitude * Math.PI) / 180);

function toLocal(city: City, p: Point): Local {
  return { x: (p.longitude - city.center.longitude) * kmPerDegreeLongitude(city), y: (p.latitude - city.center.latitude) * KM_PER_DEGREE };
}

function toPoint(city: City, l: Local): Point {
  return { latitude: city.center.latitude + l.y / KM_PER_DEGREE, longitude: city.center.longitude + l.x / kmPerDegreeLongitude(city) };
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point pulled back inside the city's disc (a hair within, so rounding never puts it outside). */
function inside(city: City, l: Local): Local {
  const limit = city.radiusKm * 0.995;
  const r = Math.hypot(l.x, l.y);
  return r <= limit ? l : { x: (l.x * limit) / r, y: (l.y * limit) / r };
}

/** A point drawn evenly over the city's area, within `share` of its radius. */
export function randomPoint(city: City, random: Random, share = 0.9): Point {
  const r = city.radiusKm * share * Math.sqrt(random());
  const bearing = 2 * Math.PI * random();
  return toPoint(city, { x: r * Math.sin(bearing), y: r * Math.cos(bearing) });
}

/** A point drawn evenly within `km` of `from`, inside the city: where an idle courier rides next. */
export function pointNear(city: City, from: Point, km: number, random: Random): Point {
  const r = km * Math.sqrt(random());
  const bearing = 2 * Math.PI * random();
  const l = toLocal(city, from);
  return toPoint(city, inside(city, { x: l.x + r * Math.sin(bearing), y: l.y + r * Math.cos(bearing) }));
}

/**
 * Depots where couriers collect parcels: one in the centre and three around it, halfway out, so
 * that a courier anywhere in the city has one within a few kilometres.
 */
export function depots(city: City): Point[] {
  const ring = [0, 1, 2].map((i) => {
    const bearing = (2 * Math.PI * i) / 3 + Math.PI / 6;
    return toPoint(city, { x: 0.5 * city.radiusKm * Math.sin(bearing), y: 0.5 * city.radiusKm * Math.cos(bearing) });
  });
  return [city.center, ...ring];
}

export function nearest(points: Point[], from: Point): Point {
  return points.reduce((best, p) => (distanceKm(from, p) < distanceKm(from, best) ? p : best));
}

/**
 * The waypoints of a ride from `from` to `to` along the street grid: a staircase that keeps close to
 * the straight line, legs of a few blocks each way, each corner a little off the grid, all inside
 * the city. The last waypoint is `to` itself (pulled inside the city if it lay outside).
 */
export function planRoute(city: City, from: Point, to: Point, random: Random): Point[] {
  const a = toLocal(city, from);
  const b = inside(city, toLocal(city, to));
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y)) / (BLOCK_KM * (2 + 3 * random()))));
  const waypoints: Local[] = [];
  let previous = a;
  for (let k = 1; k <= steps; k++) {
    const next = k === steps ? b : { x: a.x + ((b.x - a.x) * k) / steps, y: a.y + ((b.y - a.y) * k) / steps };
    const eastFirst = random() < 0.5;
    const corner = { x: (eastFirst ? next.x : previous.x) + (random() - 0.5) * 2 * JITTER_KM, y: (eastFirst ? previous.y : next.y) + (random() - 0.5) * 2 * JITTER_KM };
    waypoints.push(inside(city, corner), k === steps ? b : inside(city, next));
    previous = next;
  }
  return waypoints.map((l) => toPoint(city, l));
}

export interface Ride {
  position: Point;
  /** Waypoints still ahead, the destination last; empty once there. */
  ahead: Point[];
}

/** The ride after covering `km` more along its waypoints. */
export function advance(ride: Ride, km: number): Ride {
  let position = ride.position;
  const ahead = [...ride.ahead];
  let left = km;
  while (ahead.length > 0 && left > 0) {
    const target = ahead[0]!;
    const gap = distanceKm(position, target);
    if (gap <= left) {
      position = target;
      ahead.shift();
      left -= gap;
    } else {
      const f = left / gap;
      position = { latitude: position.latitude + (target.latitude - position.latitude) * f, longitude: position.longitude + (target.longitude - position.longitude) * f };
      left = 0;
    }
  }
  return { position, ahead };
}

export const arrived = (ride: Ride) => ride.ahead.length === 0;

/** A courier's own cruising speed for its vehicle. */
export function cruisingSpeedKmh(vehicle: Vehicle, random: Random): number {
  const { min, max } = SPEEDS_KMH[vehicle];
  return min + (max - min) * random();
}

/** The speed for the next stretch: traffic lights, crossings and a free run, around the cruising speed (never above the vehicle's range). */
export function momentarySpeedKmh(vehicle: Vehicle, cruisingKmh: number, random: Random): number {
  const { min, max } = SPEEDS_KMH[vehicle];
  return Math.min(max, Math.max(min * 0.6, cruisingKmh * (0.75 + 0.4 * random())));
}

/** Kilometres covered in `simulatedMs` of the simulation's time at `speedKmh`. */
export const kmCovered = (speedKmh: number, simulatedMs: number) => (speedKmh * simulatedMs) / 3_600_000;
