// Shipments as pure decisions: whether an address can be shipped to, what a cancellation does, who
// may see a shipment. No I/O; the handlers load state, ask these and record.
//
//   created ──courier assigned──▶ dispatched ──pick-up──▶ picked_up ──▶ delivered
//      │        (order confirmed)       ▲  │                     │ └──attempts exhausted──▶ returned
//      │                                └──┴── courier off shift: back to the queue ◀──┘
//      └──cancel──▶ cancelled            (failed: the address could not be served, before the couriers)

export type ShipmentStatus = 'created' | 'cancelled' | 'dispatched' | 'picked_up' | 'delivered' | 'failed' | 'returned';

export interface Recipient {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  state: string | null;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface ShipmentLine {
  sku: string;
  quantity: number;
}

export interface Shipment {
  id: string;
  orderId: string;
  shipmentRequestId: string;
  userId: string;
  recipient: Recipient;
  carrier: string;
  trackingNumber: string;
  status: ShipmentStatus;
  statusReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface ShippingSettings {
  /** ISO 3166-1 alpha-2 codes shipped to. */
  supportedCountries: ReadonlySet<string>;
  carrier: string;
}

export type CreateFailure = 'invalid_address' | 'unsupported_country' | 'undeliverable_address' | 'order_cancelled';

export interface RecipientInput {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  state?: string | undefined;
  postalCode: string;
  country: string;
}

/**
 * Test fixtures that fail deterministically whatever the configuration, so the saga's "shipment
 * failed" path can be exercised end to end: country `XX` (a code ISO reserves for private use, never
 * a real country) is never shipped to, and postal code `00000` is never deliverable.
 */
export const FAILING_COUNTRY = 'XX';
export const FAILING_POSTAL_CODE = '00000';

const blank = (value: string | undefined) => value === undefined || value.trim() === '';
const optional = (value: string | undefined) => (blank(value) ? null : value!.trim());

/** The address as it will be stored, or why no shipment can be made to it. */
export function decideAddress(input: RecipientInput, settings: ShippingSettings):
  { ok: true; recipient: Recipient } | { ok: false; reason: CreateFailure; message: string } {
  if ([input.name, input.line1, input.city, input.postalCode].some(blank)) {
    return { ok: false, reason: 'invalid_address', message: 'name, line1, city and postalCode are required' };
  }
  const country = input.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) return { ok: false, reason: 'invalid_address', message: 'country must be an ISO 3166-1 alpha-2 code' };
  if (country === FAILING_COUNTRY || !settings.supportedCountries.has(country)) {
    return { ok: false, reason: 'unsupported_country', message: `we do not ship to ${country}` };
  }
  const postalCode = input.postalCode.trim().toUpperCase();
  if (postalCode === FAILING_POSTAL_CODE) return { ok: false, reason: 'undeliverable_address', message: `postal code ${postalCode} cannot be delivered to` };
  return {
    ok: true,
    recipient: {
      name: input.name.trim(), line1: input.line1.trim(), line2: optional(input.line2), city: input.city.trim(),
      state: optional(input.state), postalCode, country,
    },
  };
}

/** One line per SKU, quantities of repeated SKUs added up. */
export function normaliseLines(items: readonly ShipmentLine[]): ShipmentLine[] {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of items) bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  return [...bySku].sort(([a], [b]) => a.localeCompare(b)).map(([sku, quantity]) => ({ sku, quantity }));
}

export type CancelDecision =
  | { kind: 'cancel' }
  /** No shipment yet: remember the cancellation so a late create fails. */
  | { kind: 'tombstone' }
  /** Already cancelled, or failed: nothing to do, and that is success. */
  | { kind: 'noop' }
  | { kind: 'refuse'; reason: 'already_dispatched' | 'already_delivered' };

/** A shipment can be cancelled until a courier has it. Cancelling is always safe to repeat. */
export function decideCancel(shipment: Shipment | undefined): CancelDecision {
  if (!shipment) return { kind: 'tombstone' };
  switch (shipment.status) {
    case 'created': return { kind: 'cancel' };
    case 'cancelled':
    case 'failed':
    case 'returned': return { kind: 'noop' };
    case 'dispatched':
    case 'picked_up': return { kind: 'refuse', reason: 'already_dispatched' };
    case 'delivered': return { kind: 'refuse', reason: 'already_delivered' };
  }
}

/** Shipments a user may see: their own; an admin may see anyone's. */
export const maySee = (shipment: Pick<Shipment, 'userId'>, viewer: { userId: string; roles: string[] }): boolean =>
  shipment.userId === viewer.userId || viewer.roles.includes('admin');
