// Couriers as plain data and pure decisions; the routes load, ask these and record.

export const VEHICLES = ['bicycle', 'cargo-bike', 'scooter', 'car', 'van'] as const;
export type Vehicle = (typeof VEHICLES)[number];

export interface Courier {
  id: string;
  userId: string;
  name: string;
  vehicle: Vehicle;
  capacity: number;
  onShift: boolean;
  shiftChangedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a courier's app and the operations console see of a courier. */
export function toCourierView(courier: Courier, position?: { latitude: number; longitude: number; seenAt: Date }) {
  return {
    id: courier.id,
    userId: courier.userId,
    name: courier.name,
    vehicle: courier.vehicle,
    capacity: courier.capacity,
    onShift: courier.onShift,
    shiftChangedAt: courier.shiftChangedAt?.toISOString() ?? null,
    position: position ? { latitude: position.latitude, longitude: position.longitude, seenAt: position.seenAt.toISOString() } : null,
    createdAt: courier.createdAt.toISOString(),
  };
}

/** What a user who is not (or no longer) a courier is told by the courier's own routes. */
export const NO_COURIER = { what: 'a courier for your account', next: 'ask an operator to register you as a courier' } as const;
