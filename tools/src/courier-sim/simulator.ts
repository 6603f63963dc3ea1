/**
 * The courier simulator: a few dozen couriers who sign in through the gateway, ride about one city
 * and deliver what shipping's dispatcher gives them, so that an order placed in a started shop goes
 * all the way to delivered. It uses the public API only, as couriers' apps would. `npm start` runs it
 * in-process (tools/src/launcher.ts); `npm run couriers` runs it alone (tools/src/courier-sim-cli.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BackOff, Gateway, Refused, type Session } from './api.js';
import { SimulatedCourier, type CourierWorld } from './courier.js';
import { AMSTERDAM, depots, seededRandom, type City } from './movement.js';
import { courierProfile, prepareCourier, registeredCourierNames, signInAdmin, type CourierProfile } from './setup.js';

export interface CourierSimulatorOptions {
  /** The gateway's base URL, e.g. http://127.0.0.1:8080. */
  gateway: string;
  /** How many couriers (default 24, at most 99: courier-01 … courier-99). */
  couriers?: number;
  /** Simulated time per wall-clock time; the default makes a typical delivery take about a minute. */
  acceleration?: number;
  /** Chance that an attempt at the door fails (default 0.1). */
  failureRate?: number;
  admin?: { email: string; password: string };
  city?: City;
  seed?: number;
  /** Wall-clock milliseconds between two of a courier's position reports (default 2000 to 3000). */
  tickMs?: { min: number; max: number };
  log?: (line: string) => void;
}

export interface CourierCounts {
  onShift: number;
  pickedUp: number;
  delivered: number;
  failedAttempts: number;
  returned: number;
}

export type SimulatorStart = { couriers: number } | { problem: string } | { stopped: true };

export interface CourierSimulator {
  /** Settles once set-up is over: how many couriers ride, why none can, or that it was stopped first. */
  started: Promise<SimulatorStart>;
  counts(): CourierCounts;
  /** Ends every courier's shift (their parcels go back to the dispatcher), best effort within `deadlineMs`. */
  stop(deadlineMs?: number): Promise<void>;
}

export const DEFAULT_ACCELERATION = 25;
export const DEMO_ADMIN = { email: 'admin@bazaar.test', password: 'Bazaar-admin-1' };
const SETUP_CONCURRENCY = 4;

export function startCourierSimulator(options: CourierSimulatorOptions): CourierSimulator {
  const total = options.couriers ?? 24;
  if (!Number.isInteger(total) || total < 1 || total > 99) throw new Error('the courier simulator runs 1 to 99 couriers');
  const simulation = new Simulation(options, total);
  return { started: simulation.started, counts: () => simulation.counts(), stop: (deadlineMs) => simulation.stop(deadlineMs) };
}

type Event = 'picked_up' | 'delivered' | 'attempt_failed' | 'returned';
const COUNTED = { picked_up: 'pickedUp', delivered: 'delivered', attempt_failed: 'failedAttempts', returned: 'returned' } as const;

class Simulation {
  readonly started: Promise<SimulatorStart>;
  private readonly controller = new AbortController();
  private readonly gateway: Gateway;
  private readonly world: CourierWorld;
  private readonly tally = { pickedUp: 0, delivered: 0, failedAttempts: 0, returned: 0 };
  private readonly couriers: SimulatedCourier[] = [];
  private readonly loops: Promise<void>[] = [];
  private readonly log: (line: string) => void;

  constructor(private readonly options: CourierSimulatorOptions, private readonly total: number) {
    this.log = options.log ?? (() => undefined);
    this.gateway = new Gateway(options.gateway.replace(/\/+$/, ''), this.controller.signal);
    const city = options.city ?? AMSTERDAM;
    this.world = {
      gateway: this.gateway, city, depots: depots(city), random: seededRandom(options.seed ?? Date.now()), log: this.log, now: Date.now,
      acceleration: options.acceleration ?? DEFAULT_ACCELERATION,
      failureRate: options.failureRate ?? 0.1,
      record: (event: Event) => { this.tally[COUNTED[event]] += 1; },
    };
    this.started = this.setUp().catch((error: Error): SimulatorStart => (this.stopping ? { stopped: true } : { problem: error.message }));
  }

  private get stopping(): boolean {
    return this.controller.signal.aborted;
  }

  counts(): CourierCounts {
    return { onShift: this.couriers.filter((c) => c.onShift).length, ...this.tally };
  }

  private async setUp(): Promise<SimulatorStart> {
    const { email, password } = this.options.admin ?? DEMO_ADMIN;
    const admin = await this.patiently('admin sign-in', () => signInAdmin(this.gateway, email, password));
    if (typeof admin === 'string') return { problem: admin };
    const known = await this.patiently('courier list', () => registeredCourierNames(this.gateway, admin));
    let next = 1;
    // A few at a time: each sign-up costs identity a password hash.
    const worker = async () => {
      while (next <= this.total && !this.stopping) await this.setUpCourier(courierProfile(next++), admin, known);
    };
    await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, worker));
    if (this.stopping) return { stopped: true };
    this.log(`${this.couriers.length} of ${this.total} couriers riding in the city (${this.world.acceleration}× time)`);
    this.loops.push(this.summarise());
    return { couriers: this.couriers.length };
  }

  private async setUpCourier(profile: CourierProfile, admin: Session, known: Set<string>): Promise<void> {
    try {
      const session = await this.patiently(profile.email, () => prepareCourier(this.gateway, admin, profile, known));
      const courier = new SimulatedCourier(this.world, session, profile.name, profile.vehicle);
      this.couriers.push(courier);
      this.loops.push(this.ride(courier));
    } catch (error) {
      if (!this.stopping) this.log(`${profile.email}: ${(error as Error).message}${error instanceof Refused ? '; this courier stays off' : ''}`);
    }
  }

  private async ride(courier: SimulatedCourier): Promise<void> {
    const { min, max } = this.options.tickMs ?? { min: 2000, max: 3000 };
    while (!this.stopping && !courier.retired) {
      await courier.tick();
      await sleep(min + this.world.random() * (max - min), undefined, { signal: this.controller.signal }).catch(() => undefined);
    }
  }

  /** A line a minute with the counts, when they have changed. */
  private async summarise(): Promise<void> {
    let said = '';
    while (!this.stopping) {
      await sleep(60_000, undefined, { signal: this.controller.signal }).catch(() => undefined);
      const c = this.counts();
      const line = `${c.onShift} on shift; so far ${c.pickedUp} picked up, ${c.delivered} delivered, ${c.failedAttempts} failed attempt(s), ${c.returned} returned`;
      if (line !== said && !this.stopping) this.log(line);
      said = line;
    }
  }

  /** Repeats `step` while it is asked to wait (429, 503, the gateway not answering); anything else is thrown on. */
  private async patiently<T>(what: string, step: () => Promise<T>): Promise<T> {
    let said = '';
    for (;;) {
      try {
        return await step();
      } catch (error) {
        if (!(error instanceof BackOff) || this.stopping) throw error;
        if (error.message !== said) this.log(`${what}: ${error.message}; trying again in ${Math.round(error.waitMs / 1000)} s`);
        said = error.message;
        await sleep(error.waitMs, undefined, { signal: this.controller.signal });
      }
    }
  }

  async stop(deadlineMs = 3000): Promise<void> {
    if (this.stopping) return;
    this.controller.abort();
    await this.started;
    await Promise.all(this.loops);
    // Calls after the abort go out on a signal of their own, bounded by the deadline.
    this.gateway.signal = AbortSignal.timeout(deadlineMs);
    const onShift = this.couriers.filter((c) => c.onShift);
    await Promise.all(onShift.map((c) => c.setShift(false).catch(() => undefined)));
    const left = onShift.filter((c) => c.onShift).length;
    this.log(left ? `stopped; ${left} courier(s) could not end their shift in time` : `stopped; ${onShift.length} courier(s) ended their shift`);
  }
}
