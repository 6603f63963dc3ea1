// Reservations' pure domain: the checkout saga's reserve, release and commit decided from the
// reservation's recorded state and the stock levels, as typed outcomes. Running out of stock is an
// answer, not an error.
import type { ReservePayload, StockReservationRejectedPayload } from '@bazaar/contracts';
import type { NewMovement, StockItem } from './stock.js';

/** A line of a reservation, as the reserve command carries it. */
export type Line = ReservePayload['items'][number];
export type Shortage = StockReservationRejectedPayload['shortages'][number];
export type RejectionReason = StockReservationRejectedPayload['reason'];
export type ReservationStatus = 'active' | 'released' | 'committed' | 'expired' | 'rejected';

export interface Reservation {
  id: string;
  /** Null only for a release that arrived before its reserve (see the migration). */
  orderId: string | null;
  status: ReservationStatus;
  statusReason: string | null;
  shortages: Shortage[] | null;
  expiresAt: Date;
  lines: Line[];
}

/** One line per SKU, in SKU order: the order rows are locked in, so two reserves never deadlock. */
export function normaliseLines(items: readonly Line[]): Line[] {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of items) bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  return [...bySku].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([sku, quantity]) => ({ sku, quantity }));
}

export type ReserveDecision =
  | { kind: 'reserved'; lines: Line[] }
  | { kind: 'rejected'; reason: RejectionReason; shortages: Shortage[] };

/**
 * All or nothing: every line is reserved, or none is. Unknown SKUs are reported before shortages,
 * since no amount of restocking makes them reservable.
 */
export function decideReservation(lines: readonly Line[], stock: ReadonlyMap<string, Pick<StockItem, 'available'>>): ReserveDecision {
  const unknown = lines.filter((line) => !stock.has(line.sku));
  if (unknown.length) {
    return { kind: 'rejected', reason: 'unknown_sku', shortages: unknown.map((l) => ({ sku: l.sku, requested: l.quantity, available: 0 })) };
  }
  const shortages = lines
    .map((l) => ({ sku: l.sku, requested: l.quantity, available: Math.max(0, stock.get(l.sku)!.available) }))
    .filter((s) => s.requested > s.available);
  if (shortages.length) return { kind: 'rejected', reason: 'insufficient_stock', shortages };
  return { kind: 'reserved', lines: [...lines] };
}

export type ReserveOutcome =
  | { kind: 'reserved'; reservationId: string; orderId: string; items: Line[]; replayed: boolean }
  | { kind: 'rejected'; reservationId: string; orderId: string; reason: RejectionReason; shortages: Shortage[]; replayed: boolean }
  /** The reservation was already released or expired (or released before it arrived): nothing is held. */
  | { kind: 'released'; reservationId: string; orderId: string; reason: string; replayed: true };

/** The answer a repeated reserve gets: the one its reservation's recorded state stands for. */
export function replayReserve(reservation: Reservation, command: Pick<ReservePayload, 'orderId'>): ReserveOutcome {
  const base = { reservationId: reservation.id, orderId: reservation.orderId ?? command.orderId, replayed: true as const };
  switch (reservation.status) {
    case 'active':
    case 'committed':
      return { ...base, kind: 'reserved', items: reservation.lines };
    case 'rejected':
      return {
        ...base,
        kind: 'rejected',
        reason: reservation.statusReason === 'unknown_sku' ? 'unknown_sku' : 'insufficient_stock',
        shortages: reservation.shortages ?? [],
      };
    case 'released':
    case 'expired':
      return { ...base, kind: 'released', reason: reservation.statusReason ?? reservation.status };
  }
}

export type ReleaseDecision =
  | { kind: 'release' }
  /** Nothing to do; `announce` when the earlier release's answer may be repeated. */
  | { kind: 'noop'; why: 'unknown_reservation' | 'already_released' | 'nothing_held'; announce: boolean }
  | { kind: 'failed'; reason: 'reservation_committed' };

export function decideRelease(reservation: Reservation | undefined): ReleaseDecision {
  switch (reservation?.status) {
    case undefined:
      return { kind: 'noop', why: 'unknown_reservation', announce: false };
    case 'active':
      return { kind: 'release' };
    case 'released':
    case 'expired':
      return { kind: 'noop', why: 'already_released', announce: true };
    case 'rejected':
      return { kind: 'noop', why: 'nothing_held', announce: false };
    case 'committed':
      return { kind: 'failed', reason: 'reservation_committed' };
  }
}

export type CommitFailure = 'unknown_reservation' | 'reservation_released' | 'reservation_expired' | 'reservation_rejected';

export type CommitDecision =
  | { kind: 'commit' }
  | { kind: 'noop'; why: 'already_committed' }
  | { kind: 'failed'; reason: CommitFailure };

export function decideCommit(reservation: Reservation | undefined): CommitDecision {
  switch (reservation?.status) {
    case undefined:
      return { kind: 'failed', reason: 'unknown_reservation' };
    case 'active':
      return { kind: 'commit' };
    case 'committed':
      return { kind: 'noop', why: 'already_committed' };
    case 'released':
    case 'expired':
    case 'rejected':
      return { kind: 'failed', reason: `reservation_${reservation.status}` };
  }
}

/** The ledger entries a reservation's lines make as they are reserved, released or committed. */
export function reservationMovements(reservationId: string, lines: readonly Line[], kind: 'reserved' | 'released' | 'committed', reason: string | null): NewMovement[] {
  const sign = kind === 'reserved' ? 1 : -1;
  return lines.map((l) => ({ sku: l.sku, kind, quantity: sign * l.quantity, reservationId, reason }));
}
