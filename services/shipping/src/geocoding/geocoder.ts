// Where an address is. A geocoder is outside the system (a map provider), so shipping talks to one
// through this adapter; locally and in tests a simulator answers (simulated-geocoder.ts).
import type { Recipient } from '../shipments/shipment.js';

export interface Point {
  latitude: number;
  longitude: number;
}

export interface Geocoder {
  /** The address's position, or undefined if it cannot be found (the shipment then waits and is retried). */
  locate(address: Pick<Recipient, 'line1' | 'line2' | 'city' | 'postalCode' | 'country'>): Promise<Point | undefined>;
}
