// What a courier's call does to a shipment, as pure decisions; the routes load the shipment under a
// row lock, ask these, and record what they say. Every call is safe to repeat: a repeat finds the
// shipment already where the call would put it, and answers the same.
import type { ShipmentStatus } from '../shipments/shipment.js';

export interface DeliveryState {
  status: ShipmentStatus;
  courierId: string | null;
  failedAttempts: number;
}

export type Decision<A extends string> =
  | { kind: A }
  | { kind: 'repeat' }
  | { kind: 'forbidden'; message: string }
  | { kind: 'conflict'; message: string };

const notYours = { kind: 'forbidden', message: 'this shipment is not assigned to you' } as const;
const conflict = (message: string) => ({ kind: 'conflict', message }) as const;

export function decidePickup(s: DeliveryState, courierId: string): Decision<'pick_up'> {
  if (s.courierId !== courierId) return notYours;
  if (s.status === 'dispatched') return { kind: 'pick_up' };
  if (s.status === 'picked_up') return { kind: 'repeat' };
  return conflict(`the shipment is ${s.status}; only a dispatched shipment can be picked up`);
}

export function decideDelivered(s: DeliveryState, courierId: string): Decision<'deliver'> {
  if (s.courierId !== courierId) return notYours;
  if (s.status === 'picked_up') return { kind: 'deliver' };
  if (s.status === 'delivered') return { kind: 'repeat' };
  if (s.status === 'dispatched') return conflict('pick the parcel up first');
  return conflict(`the shipment is ${s.status}; only a picked-up shipment can be delivered`);
}

/**
 * Attempt `attempt` (1, 2 …) failed. Numbering the attempts is what makes the call idempotent: the
 * same number again is a repeat, a number that skips one is a conflict. The last allowed attempt
 * failing returns the parcel.
 */
export function decideFailedAttempt(s: DeliveryState, courierId: string, attempt: number, maxAttempts: number): Decision<'record' | 'record_and_return'> {
  if (s.courierId !== courierId) return notYours;
  if ((s.status === 'picked_up' || s.status === 'returned') && attempt <= s.failedAttempts) return { kind: 'repeat' };
  if (s.status !== 'picked_up') return conflict(`the shipment is ${s.status}; attempts are reported for a picked-up shipment`);
  if (attempt !== s.failedAttempts + 1) return conflict(`the next failed attempt is number ${s.failedAttempts + 1}`);
  return { kind: attempt >= maxAttempts ? 'record_and_return' : 'record' };
}

/** Exponential wait before the dispatcher tries a shipment again that found no courier: 2 s … 60 s. */
export function nextTryDelayMs(tries: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.min(tries, 5));
}
