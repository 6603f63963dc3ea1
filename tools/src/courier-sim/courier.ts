/**
 * One simulated courier, as a courier's app would behave: on shift, it sends where it is every few
 * seconds and asks for its parcels; with parcels to collect it rides to the nearest depot and picks
 * them up, then rides to each parcel's destination and delivers it, or now and then reports a failed
 * attempt and comes back later. Moves by the movement model, on the simulation's accelerated clock.
 */
import { BackOff, Refused, callAs, problem, type Gateway, type Session } from './api.js';
import {
  advance, arrived, cruisingSpeedKmh, distanceKm, kmCovered, momentarySpeedKmh, nearest, planRoute, pointNear, randomPoint,
  type City, type Point, type Random, type Ride, type Vehicle,
} from './movement.js';

export interface CourierWorld {
  gateway: Gateway;
  city: City;
  depots: Point[];
  /** Simulated milliseconds per wall-clock millisecond. */
  acceleration: number;
  /** Chance that an attempt at the door fails (nobody home …). */
  failureRate: number;
  random: Random;
  log: (line: string) => void;
  /** What happened, for the simulator's counts. */
  record: (event: 'picked_up' | 'delivered' | 'attempt_failed' | 'returned') => void;
  now: () => number;
}

interface Parcel {
  id: string;
  trackingNumber: string;
  status: string;
  failedAttempts: number;
  destination: Point;
}

const MINUTE = 60_000;
const REASONS = ['nobody home', 'recipient asked to come back later', 'building entrance closed', 'no safe place to leave it'];

type Heading = { to: 'wander' } | { to: 'depot' } | { to: 'door'; parcelId: string };

export class SimulatedCourier {
  onShift = false;
  /** Set once the courier can no longer sign in (an operator deleted the account): it rides no more. */
  retired = false;
  private ride: Ride;
  private heading: Heading = { to: 'wander' };
  private parcels: Parcel[] = [];
  private readonly destinations = new Map<string, Point>();
  private readonly retryAt = new Map<string, number>();
  private readonly cruisingKmh: number;
  private simulatedNow = 0;
  private lastWall: number;
  private dwellUntil = 0;
  private pausedUntil = 0;
  private ticks = 0;
  private lastError = '';

  constructor(private readonly world: CourierWorld, readonly session: Session, readonly name: string, readonly vehicle: Vehicle) {
    const start = randomPoint(world.city, world.random, 0.8);
    this.ride = { position: start, ahead: [] };
    this.cruisingKmh = cruisingSpeedKmh(vehicle, world.random);
    this.lastWall = world.now();
  }

  get position(): Point {
    return this.ride.position;
  }

  /** One step: move for the time since the last, report the position, look at the parcels and act. Never throws. */
  async tick(): Promise<void> {
    const wall = this.world.now();
    const elapsed = (wall - this.lastWall) * this.world.acceleration;
    this.lastWall = wall;
    this.simulatedNow += elapsed;
    if (wall < this.pausedUntil) return;
    try {
      if (!this.onShift) await this.setShift(true);
      this.move(elapsed);
      await this.report();
      // Idle, it looks for work every time; busy, now and then (a parcel may be added or taken back).
      if (this.parcels.length === 0 || this.ticks++ % 3 === 0) await this.poll();
      await this.act();
      this.lastError = '';
    } catch (error) {
      this.failed(error as Error, wall);
    }
  }

  /** Starts or ends the shift; ending it hands any parcel not delivered back to the dispatcher. */
  async setShift(onShift: boolean): Promise<void> {
    const answer = await callAs(this.world.gateway, this.session, 'PUT', '/couriers/me/shift', { onShift });
    if (answer.status !== 200) throw new Error(`${onShift ? 'start' : 'end'} shift: ${answer.status} ${problem(answer)}`);
    this.onShift = onShift;
  }

  private failed(error: Error, wall: number): void {
    if (error.name === 'AbortError') return;
    // Only signing in throws Refused here: a 401 to it is an account that is gone, not a passing
    // trouble, so the courier stops instead of asking again every tick. Shipping has taken it off
    // shift and handed its parcels to the others (user.deleted).
    if (error instanceof Refused && error.answer.status === 401) {
      this.retired = true;
      this.onShift = false;
      this.parcels = [];
      this.world.log(`${this.name}: ${error.message}; the account is gone (deleted by an operator?), so this courier stops riding`);
      return;
    }
    if (error instanceof BackOff) this.pausedUntil = wall + error.waitMs;
    // One line per trouble, not one per tick while it lasts.
    if (error.message !== this.lastError) this.world.log(`${this.name}: ${error.message}${error instanceof BackOff ? `; waiting ${Math.round(error.waitMs / 1000)} s` : ''}`);
    this.lastError = error.message;
  }

  private move(elapsedMs: number): void {
    const riding = Math.max(0, this.simulatedNow - Math.max(this.dwellUntil, this.simulatedNow - elapsedMs));
    if (riding > 0) this.ride = advance(this.ride, kmCovered(momentarySpeedKmh(this.vehicle, this.cruisingKmh, this.world.random), riding));
  }

  private async report(): Promise<void> {
    const answer = await callAs(this.world.gateway, this.session, 'PUT', '/couriers/me/location', this.ride.position);
    if (answer.status === 409) this.onShift = false;
    else if (answer.status !== 204) throw new Error(`send position: ${answer.status} ${problem(answer)}`);
  }

  private async poll(): Promise<void> {
    const answer = await callAs(this.world.gateway, this.session, 'GET', '/couriers/me/shipments');
    if (answer.status !== 200) throw new Error(`list parcels: ${answer.status} ${problem(answer)}`);
    const items = answer.body.items as (Omit<Parcel, 'destination'> & { destination: Point | null })[];
    this.parcels = items.map((item) => ({ ...item, destination: item.destination ?? this.fallbackDestination(item.id) }));
    for (const id of this.retryAt.keys()) if (!this.parcels.some((p) => p.id === id)) this.retryAt.delete(id);
  }

  /** Shipping had no point for the address (its geocoder is in the way): somewhere in the city, the same each time. */
  private fallbackDestination(id: string): Point {
    if (!this.destinations.has(id)) this.destinations.set(id, randomPoint(this.world.city, this.world.random));
    return this.destinations.get(id)!;
  }

  private headTo(heading: Heading, target: Point): void {
    this.heading = heading;
    this.ride = { position: this.ride.position, ahead: planRoute(this.world.city, this.ride.position, target, this.world.random) };
  }

  private readonly there = () => arrived(this.ride) && this.simulatedNow >= this.dwellUntil;

  private async act(): Promise<void> {
    const toCollect = this.parcels.filter((p) => p.status === 'dispatched');
    if (toCollect.length > 0) {
      if (this.heading.to !== 'depot') return this.headTo({ to: 'depot' }, nearest(this.world.depots, this.ride.position));
      if (this.there()) await this.pickUp(toCollect);
      return;
    }
    const due = this.parcels.filter((p) => p.status === 'picked_up' && (this.retryAt.get(p.id) ?? 0) <= this.simulatedNow);
    if (due.length > 0) {
      const current = this.heading.to === 'door' ? due.find((p) => p.id === (this.heading as { parcelId: string }).parcelId) : undefined;
      if (!current) {
        const next = due.reduce((a, b) => (distanceKm(this.ride.position, a.destination) <= distanceKm(this.ride.position, b.destination) ? a : b));
        return this.headTo({ to: 'door', parcelId: next.id }, next.destination);
      }
      if (this.there()) await this.atTheDoor(current);
      return;
    }
    // Nothing to do now: ride about, a few kilometres at a time, as couriers waiting for work do.
    if (this.heading.to !== 'wander' || this.there()) this.headTo({ to: 'wander' }, pointNear(this.world.city, this.ride.position, 3, this.world.random));
  }

  private async pickUp(parcels: Parcel[]): Promise<void> {
    for (const parcel of parcels) {
      const answer = await callAs(this.world.gateway, this.session, 'POST', `/couriers/me/shipments/${parcel.id}/pickup`);
      if (answer.status === 200) {
        parcel.status = 'picked_up';
        this.world.record('picked_up');
        this.world.log(`${this.name}: picked up ${parcel.trackingNumber}`);
      } else {
        // Taken back (the shift ended meanwhile) or no longer ours: the next look at the parcels says.
        this.parcels = this.parcels.filter((p) => p.id !== parcel.id);
        this.world.log(`${this.name}: could not pick up ${parcel.trackingNumber}: ${answer.status} ${problem(answer)}`);
      }
    }
    this.dwellUntil = this.simulatedNow + 3 * MINUTE;
    this.heading = { to: 'wander' };
  }

  private async atTheDoor(parcel: Parcel): Promise<void> {
    const fails = this.world.random() < this.world.failureRate;
    const answer = fails
      ? await callAs(this.world.gateway, this.session, 'POST', `/couriers/me/shipments/${parcel.id}/failed-attempts`, {
        attempt: parcel.failedAttempts + 1, reason: REASONS[Math.floor(this.world.random() * REASONS.length)],
      })
      : await callAs(this.world.gateway, this.session, 'POST', `/couriers/me/shipments/${parcel.id}/delivered`);
    this.dwellUntil = this.simulatedNow + 2 * MINUTE;
    this.heading = { to: 'wander' };
    if (answer.status !== 200) {
      this.parcels = this.parcels.filter((p) => p.id !== parcel.id);
      throw new Error(`${fails ? 'report a failed attempt' : 'deliver'} ${parcel.trackingNumber}: ${answer.status} ${problem(answer)}`);
    }
    const status = answer.body.status as string;
    if (!fails) {
      this.world.record('delivered');
      this.world.log(`${this.name}: delivered ${parcel.trackingNumber}`);
      this.parcels = this.parcels.filter((p) => p.id !== parcel.id);
    } else if (status === 'returned') {
      this.world.record('attempt_failed');
      this.world.record('returned');
      this.world.log(`${this.name}: attempt ${parcel.failedAttempts + 1} at ${parcel.trackingNumber} failed; it goes back to the warehouse`);
      this.parcels = this.parcels.filter((p) => p.id !== parcel.id);
    } else {
      this.world.record('attempt_failed');
      parcel.failedAttempts = answer.body.failedAttempts as number;
      // Back later, as a courier comes back on a later round.
      this.retryAt.set(parcel.id, this.simulatedNow + (20 + 20 * this.world.random()) * MINUTE);
      this.world.log(`${this.name}: attempt ${parcel.failedAttempts} at ${parcel.trackingNumber} failed; trying again later`);
    }
  }
}
