// The checkout saga's reserve, release and commit, and the expiry of forgotten reservations. Each
// runs on the caller's transaction, is idempotent by reservation id, and answers with an event.
// Locks are always taken reservation first, then stock items in SKU order, so nothing deadlocks.
import type { CommitPayload, ReleasePayload, ReservePayload } from '@bazaar/contracts';
import type { PoolClient } from '@bazaar/platform';
import { recordMovement, type StockDeps } from './stock.ledger.js';
import { lockStockItems } from './stock.store.js';
import {
  decideCommit, decideRelease, decideReservation, normaliseLines, replayReserve, reservationMovements,
  type CommitFailure, type Reservation, type ReserveOutcome,
} from './reservation.js';
import {
  claimReservation, findReservation, insertLines, insertReleasedTombstone, lockNextExpired, setReservationStatus,
} from './reservation.store.js';

/** Reserves every line or none; a repeated reserve gets the first one's answer and reserves nothing. */
export async function reserve(client: PoolClient, deps: StockDeps, command: ReservePayload): Promise<ReserveOutcome> {
  const { reservationId, orderId } = command;
  const ttl = command.ttlSeconds ?? deps.settings.reservationTtlSeconds;
  if (!(await claimReservation(client, reservationId, orderId, ttl))) {
    const existing = await findReservation(client, reservationId, { lock: false });
    if (!existing) throw new Error(`reservation ${reservationId} exists but cannot be read`);
    return answerReserve(client, deps, replayReserve(existing, command));
  }
  const lines = normaliseLines(command.items);
  await insertLines(client, reservationId, lines);
  const stock = await lockStockItems(client, lines.map((l) => l.sku));
  const decision = decideReservation(lines, stock);
  if (decision.kind === 'rejected') {
    await setReservationStatus(client, reservationId, 'rejected', decision.reason, decision.shortages);
    return answerReserve(client, deps, { ...decision, reservationId, orderId, replayed: false });
  }
  for (const movement of reservationMovements(reservationId, lines, 'reserved', null)) {
    await recordMovement(client, deps, stock.get(movement.sku)!, movement);
  }
  return answerReserve(client, deps, { kind: 'reserved', reservationId, orderId, items: lines, replayed: false });
}

async function answerReserve(client: PoolClient, deps: StockDeps, outcome: ReserveOutcome): Promise<ReserveOutcome> {
  const { reservationId, orderId } = outcome;
  if (outcome.kind === 'reserved') {
    await deps.publish(client, 'stock.reserved', { reservationId, orderId, items: outcome.items });
  } else if (outcome.kind === 'rejected') {
    await deps.publish(client, 'stock.reservation-rejected', { reservationId, orderId, reason: outcome.reason, shortages: outcome.shortages });
  } else {
    await deps.publish(client, 'stock.released', { reservationId, orderId, reason: outcome.reason });
  }
  return outcome;
}

export type ReleaseOutcome =
  | { kind: 'released'; reservationId: string; orderId: string; reason: string; replayed: boolean }
  | { kind: 'noop'; reservationId: string; why: 'unknown_reservation' | 'already_released' | 'nothing_held' }
  | { kind: 'failed'; reservationId: string; reason: 'reservation_committed' };

/**
 * Gives a reservation's stock back. Releasing an unknown, rejected or already released reservation
 * succeeds and changes nothing (an already released one is answered again).
 */
export async function release(client: PoolClient, deps: StockDeps, command: ReleasePayload): Promise<ReleaseOutcome> {
  const { reservationId } = command;
  let reservation = await findReservation(client, reservationId, { lock: true });
  if (!reservation) {
    if (await insertReleasedTombstone(client, reservationId, command.reason)) return { kind: 'noop', reservationId, why: 'unknown_reservation' };
    // A reserve with this id committed while we looked: release what it holds.
    reservation = await findReservation(client, reservationId, { lock: true });
  }
  const decision = decideRelease(reservation);
  if (decision.kind === 'failed') return { kind: 'failed', reservationId, reason: decision.reason };
  if (decision.kind === 'release') return giveBack(client, deps, reservation!, 'released', command.reason);
  if (decision.announce && reservation?.orderId) {
    const reason = reservation.statusReason ?? command.reason;
    await deps.publish(client, 'stock.released', { reservationId, orderId: reservation.orderId, reason });
    return { kind: 'released', reservationId, orderId: reservation.orderId, reason, replayed: true };
  }
  return { kind: 'noop', reservationId, why: decision.why };
}

/** Releases an active, locked reservation: ledger, snapshots, status and `stock.released`. */
async function giveBack(client: PoolClient, deps: StockDeps, reservation: Reservation, status: 'released' | 'expired', reason: string): Promise<ReleaseOutcome> {
  const stock = await lockStockItems(client, reservation.lines.map((l) => l.sku));
  for (const movement of reservationMovements(reservation.id, reservation.lines, 'released', reason)) {
    await recordMovement(client, deps, stock.get(movement.sku)!, movement);
  }
  await setReservationStatus(client, reservation.id, status, reason);
  const orderId = reservation.orderId!;
  await deps.publish(client, 'stock.released', { reservationId: reservation.id, orderId, reason });
  return { kind: 'released', reservationId: reservation.id, orderId, reason, replayed: false };
}

export type CommitOutcome =
  | { kind: 'committed'; reservationId: string; orderId: string; replayed: boolean }
  | { kind: 'failed'; reservationId: string; reason: CommitFailure };

/** Turns a reservation into stock shipped: on-hand and reserved both drop by its lines. */
export async function commit(client: PoolClient, deps: StockDeps, command: CommitPayload): Promise<CommitOutcome> {
  const { reservationId } = command;
  const reservation = await findReservation(client, reservationId, { lock: true });
  const decision = decideCommit(reservation);
  if (decision.kind === 'failed') return { kind: 'failed', reservationId, reason: decision.reason };
  const orderId = reservation!.orderId!;
  if (decision.kind === 'commit') {
    const stock = await lockStockItems(client, reservation!.lines.map((l) => l.sku));
    for (const movement of reservationMovements(reservationId, reservation!.lines, 'committed', null)) {
      await recordMovement(client, deps, stock.get(movement.sku)!, movement);
    }
    await setReservationStatus(client, reservationId, 'committed', null);
  }
  await deps.publish(client, 'stock.committed', { reservationId, orderId });
  return { kind: 'committed', reservationId, orderId, replayed: decision.kind === 'noop' };
}

/**
 * Releases one active reservation past its deadline, if any is free to take (see lockNextExpired).
 * Returns whether it released one.
 */
export async function expireOne(client: PoolClient, deps: StockDeps): Promise<boolean> {
  const id = await lockNextExpired(client);
  if (!id) return false;
  const reservation = await findReservation(client, id, { lock: true });
  await giveBack(client, deps, reservation!, 'expired', 'expired');
  return true;
}
