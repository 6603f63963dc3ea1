// The courier simulator's movement model: couriers stay in the city, ride at their vehicles' speeds
// along streets (not as the crow flies, nor wildly around), and get where they were going.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AMSTERDAM, SPEEDS_KMH, advance, arrived, cruisingSpeedKmh, depots, distanceKm, kmCovered, momentarySpeedKmh, planRoute, pointNear,
  randomPoint, seededRandom, type Point, type Ride, type Vehicle,
} from '../src/courier-sim/movement.js';

const city = AMSTERDAM;
const inCity = (p: Point) => distanceKm(city.center, p) <= city.radiusKm;

/** Rides from `from` to `to` in steps of `stepKm`; every position on the way. */
function rideAlong(from: Point, to: Point, seed: number, stepKm = 0.05): { positions: Point[]; ride: Ride } {
  let ride: Ride = { position: from, ahead: planRoute(city, from, to, seededRandom(seed)) };
  const positions = [from];
  for (let i = 0; i < 10_000 && !arrived(ride); i++) {
    ride = advance(ride, stepKm);
    positions.push(ride.position);
  }
  return { positions, ride };
}

test('every position of every ride, including to and along the edge of the city, stays in the city', () => {
  const random = seededRandom(7);
  for (let i = 0; i < 200; i++) {
    // Half of the rides end on the city's rim, where shipping's geocoder may put an address.
    const from = randomPoint(city, random, 0.8);
    const to = i % 2 ? randomPoint(city, random, 1) : randomPoint(city, random, 0.999);
    const { positions } = rideAlong(from, to, i);
    for (const p of positions) assert.ok(inCity(p), `ride ${i}: ${JSON.stringify(p)} is ${distanceKm(city.center, p).toFixed(3)} km from the centre`);
  }
  for (const d of depots(city)) assert.ok(inCity(d));
  const edge = { latitude: city.center.latitude + city.radiusKm / 111.32 * 0.99, longitude: city.center.longitude };
  for (let i = 0; i < 100; i++) assert.ok(inCity(pointNear(city, edge, 3, random)));
});

test('a ride arrives exactly where it was going, along streets: longer than the straight line, but not by much', () => {
  const random = seededRandom(11);
  for (let i = 0; i < 100; i++) {
    const from = randomPoint(city, random);
    const to = randomPoint(city, random);
    const { positions, ride } = rideAlong(from, to, 1000 + i);
    assert.ok(arrived(ride), `ride ${i} never arrived`);
    assert.ok(distanceKm(ride.position, to) < 1e-9, `ride ${i} ended ${distanceKm(ride.position, to)} km from its target`);
    const length = positions.slice(1).reduce((sum, p, k) => sum + distanceKm(positions[k]!, p), 0);
    const straight = distanceKm(from, to);
    assert.ok(length >= straight - 1e-9, `ride ${i} is shorter than the straight line`);
    // A street grid costs at most √2 over the straight line, plus the corners' jitter.
    assert.ok(length <= straight * Math.SQRT2 + 0.2, `ride ${i}: ${length.toFixed(2)} km for ${straight.toFixed(2)} km as the crow flies`);
  }
});

test('no step of a ride covers more ground than it was given, and the last one stops at the target', () => {
  const from = randomPoint(city, seededRandom(3));
  const to = randomPoint(city, seededRandom(4));
  const { positions } = rideAlong(from, to, 5, 0.3);
  for (let k = 1; k < positions.length; k++) assert.ok(distanceKm(positions[k - 1]!, positions[k]!) <= 0.3 + 1e-9);
  assert.deepEqual(advance({ position: to, ahead: [] }, 5), { position: to, ahead: [] });
});

test('speeds are those of city traffic on each vehicle: a courier covers its distance in a plausible time', () => {
  const random = seededRandom(19);
  for (const vehicle of Object.keys(SPEEDS_KMH) as Vehicle[]) {
    const { min, max } = SPEEDS_KMH[vehicle];
    assert.ok(min >= 8 && max <= 30, `${vehicle}: ${min} to ${max} km/h`);
    for (let i = 0; i < 200; i++) {
      const cruising = cruisingSpeedKmh(vehicle, random);
      assert.ok(cruising >= min && cruising <= max, `${vehicle} cruises at ${cruising} km/h`);
      const now = momentarySpeedKmh(vehicle, cruising, random);
      assert.ok(now >= min * 0.6 && now <= max, `${vehicle} rides at ${now} km/h`);
      // Ten simulated minutes at that speed.
      const km = kmCovered(now, 600_000);
      assert.ok(Math.abs(km - now / 6) < 1e-9);
    }
  }
});

test('the same seed gives the same ride; another seed another', () => {
  const from = randomPoint(city, seededRandom(1));
  const to = randomPoint(city, seededRandom(2));
  assert.deepEqual(planRoute(city, from, to, seededRandom(42)), planRoute(city, from, to, seededRandom(42)));
  assert.notDeepEqual(planRoute(city, from, to, seededRandom(42)), planRoute(city, from, to, seededRandom(43)));
});
