/**
 * Couriers at work in a system test, straight against shipping's API: each on shift near a point,
 * sending where it is, and taking its parcels through pick-up, failed attempts and delivery, or back
 * to the warehouse after the last attempt. The test's seeded generator decides each parcel's fate
 * when a courier first sees it (delivered at once, after one or two failed attempts, or returned),
 * which calls are sent twice (together, or one after the other, as an app retrying a lost answer
 * does), and when a courier ends its shift mid-round, handing its parcels back for reassignment.
 *
 * A call that does not get through (shipping killed) is made again on a later round: the courier
 * reads its parcels again and goes on from where each one is. Every answer other than the one the
 * call must give is recorded in `seen.unexpected`, which the test asserts is empty: a repeated call
 * must answer as the first did.
 */
import type { JsonAnswer } from './http.js';
import type { Shop, ShopCourier } from './shop.js';

export interface Point { latitude: number; longitude: number }

export interface CrewOptions {
  /** The test's seeded generator, in [0, 1). */
  random: () => number;
  /** Where the couriers work: they stay within about a kilometre of it. */
  centre: Point;
  /** Shipping's SHIPPING_MAX_DELIVERY_ATTEMPTS: that many failed attempts return a parcel. */
  maxAttempts: number;
  /** Share of parcels nobody can receive (returned after the last attempt). */
  returnShare: number;
  /** Share of parcels delivered after one or two failed attempts. */
  failShare: number;
  /** Share of calls sent twice. */
  repeatShare: number;
  /** Chance, each round in which a courier holds parcels, that it ends its shift and starts again. */
  shiftBreakShare: number;
  /** Pause between a courier's rounds. */
  roundMs: number;
  /** Pause between sending where it is (shipping forgets a position after a minute). */
  locationEveryMs?: number;
}

interface Parcel { id: string; status: string; failedAttempts: number; trackingNumber: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const REASONS = ['nobody home', 'address not found', 'recipient refused the parcel', 'no safe place to leave it'];

export class CourierCrew {
  readonly seen = {
    rounds: 0,
    roundsWithParcels: 0,
    pickups: 0,
    failedAttempts: 0,
    deliveries: 0,
    returns: 0,
    /** Calls sent a second time, together with the first or after its answer. */
    repeats: { together: 0, after: 0 },
    shiftBreaks: 0,
    /** Parcels a courier held when it ended its shift. */
    handedBack: 0,
    /** Calls that did not get through (connection refused or reset, or no answer in time). */
    unreachable: 0,
    unexpected: [] as string[],
  };
  /** Failed attempts planned for each parcel before it is delivered (`maxAttempts`: returned). */
  private readonly fates = new Map<string, number>();
  private stopping = false;
  private loops: Promise<void>[] = [];

  constructor(private readonly shop: Shop, readonly couriers: readonly ShopCourier[], private readonly options: CrewOptions) {}

  start(): void {
    this.loops = this.couriers.map((courier) => this.drive(courier));
  }

  /** Ends every courier's rounds (the current call is finished first). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
  }

  private async drive(courier: ShopCourier): Promise<void> {
    const { roundMs, random } = this.options;
    let onShift = true;
    let locatedAt = 0;
    while (!this.stopping) {
      this.seen.rounds++;
      try {
        if (!onShift) {
          await this.expect(courier, 'start a shift', 'PUT', '/couriers/me/shift', { onShift: true }, 200);
          onShift = true;
          locatedAt = 0;
        }
        if (Date.now() - locatedAt > (this.options.locationEveryMs ?? 5_000)) {
          await this.expect(courier, 'send the position', 'PUT', '/couriers/me/location', this.near(), 204);
          locatedAt = Date.now();
        }
        const parcels = ((await this.expect(courier, 'list my parcels', 'GET', '/couriers/me/shipments', undefined, 200))?.body.items ?? []) as Parcel[];
        if (parcels.length) this.seen.roundsWithParcels++;
        if (parcels.length && random() < this.options.shiftBreakShare) {
          // Off shift mid-delivery: the parcels it holds go back to the dispatcher, for another courier.
          onShift = false;
          await this.expect(courier, 'end the shift', 'PUT', '/couriers/me/shift', { onShift: false }, 200);
          this.seen.shiftBreaks++;
          this.seen.handedBack += parcels.length;
          await sleep(200 + Math.floor(random() * 800));
        } else {
          for (const parcel of parcels) {
            if (this.stopping) break;
            await this.advance(courier, parcel);
          }
        }
      } catch (error) {
        if (!(error instanceof Unreachable)) throw error;
        this.seen.unreachable++;
      }
      await sleep(roundMs);
    }
  }

  /** The next step of one parcel's journey. */
  private async advance(courier: ShopCourier, parcel: Parcel): Promise<void> {
    const fate = this.fateOf(parcel.id);
    const path = `/couriers/me/shipments/${parcel.id}`;
    if (parcel.status === 'dispatched') {
      const answer = await this.twice(courier, `pick up ${parcel.trackingNumber}`, `${path}/pickup`, undefined, 'picked_up');
      if (answer) this.seen.pickups++;
    } else if (parcel.status === 'picked_up' && parcel.failedAttempts < fate) {
      const attempt = parcel.failedAttempts + 1;
      const body = { attempt, reason: REASONS[Math.floor(this.options.random() * REASONS.length)]! };
      const returned = attempt >= this.options.maxAttempts;
      const answer = await this.twice(courier, `report attempt ${attempt} of ${parcel.trackingNumber} failed`, `${path}/failed-attempts`, body, returned ? 'returned' : 'picked_up');
      if (answer) {
        this.seen.failedAttempts++;
        if (returned) this.seen.returns++;
      }
    } else if (parcel.status === 'picked_up') {
      const answer = await this.twice(courier, `deliver ${parcel.trackingNumber}`, `${path}/delivered`, undefined, 'delivered');
      if (answer) this.seen.deliveries++;
    }
  }

  private fateOf(id: string): number {
    let fate = this.fates.get(id);
    if (fate === undefined) {
      const { random, returnShare, failShare, maxAttempts } = this.options;
      const r = random();
      fate = r < returnShare ? maxAttempts : r < returnShare + failShare ? 1 + Math.floor(random() * Math.min(2, maxAttempts - 1)) : 0;
      this.fates.set(id, fate);
    }
    return fate;
  }

  /**
   * A courier's call that moves a parcel to `status`, sometimes sent twice: both answers must be 200
   * with the parcel at `status`. Undefined when the repeat was refused (recorded as unexpected).
   */
  private async twice(courier: ShopCourier, what: string, path: string, body: unknown, status: string): Promise<JsonAnswer | undefined> {
    const { random, repeatShare } = this.options;
    const send = () => this.expect(courier, what, 'POST', path, body, 200, status);
    if (random() >= repeatShare) return send();
    if (random() < 0.5) {
      this.seen.repeats.together++;
      const [first, second] = await Promise.all([send(), send()]);
      return first && second;
    }
    this.seen.repeats.after++;
    const first = await send();
    return first && (await send());
  }

  /** One call; the answer when it is `status` (and the parcel at `parcelStatus`), else recorded as unexpected. */
  private async expect(courier: ShopCourier, what: string, method: string, path: string, body: unknown, status: number, parcelStatus?: string): Promise<JsonAnswer | undefined> {
    let answer: JsonAnswer;
    try {
      answer = await this.shop.call('shipping', method, path, { token: courier.token, ...(body === undefined ? {} : { body }), timeoutMs: 5_000 });
    } catch (error) {
      throw new Unreachable(`${courier.name}: ${what}: ${(error as Error).message}`);
    }
    if (answer.status === status && (parcelStatus === undefined || answer.body.status === parcelStatus)) return answer;
    this.seen.unexpected.push(`${courier.name}: ${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    return undefined;
  }

  /** A point within about a kilometre of the centre. */
  private near(): Point {
    const { centre, random } = this.options;
    return { latitude: centre.latitude + (random() - 0.5) * 0.018, longitude: centre.longitude + (random() - 0.5) * 0.03 };
  }
}

class Unreachable extends Error {}
