import { createHash } from 'node:crypto';
import type { Geocoder, Point } from './geocoder.js';

const KM_PER_DEGREE = 111.32;

/**
 * The geocoder SIMULATOR: places every address in one city, at a point drawn from a hash of the
 * address, so the same address is always at the same place and different ones are spread evenly
 * over a disc of `radiusKm` around `center`. It knows no real streets; a deployment plugs a real
 * geocoder in behind the same interface.
 */
export class SimulatedGeocoder implements Geocoder {
  constructor(private readonly center: Point, private readonly radiusKm: number) {}

  locate(address: { line1: string; line2: string | null; city: string; postalCode: string; country: string }): Promise<Point> {
    const key = [address.line1, address.line2 ?? '', address.postalCode, address.city, address.country].map((part) => part.trim().toLowerCase().replace(/\s+/g, ' ')).join('|');
    const digest = createHash('sha256').update(key).digest();
    const u = digest.readUInt32BE(0) / 2 ** 32;
    const v = digest.readUInt32BE(4) / 2 ** 32;
    // sqrt: uniform over the disc's area, not crowded at its centre.
    const distanceKm = this.radiusKm * Math.sqrt(u);
    const bearing = 2 * Math.PI * v;
    const latitude = this.center.latitude + (distanceKm * Math.cos(bearing)) / KM_PER_DEGREE;
    const longitude = this.center.longitude + (distanceKm * Math.sin(bearing)) / (KM_PER_DEGREE * Math.cos((this.center.latitude * Math.PI) / 180));
    return Promise.resolve({ latitude, longitude });
  }
}

/** `"52.3676,4.9041"` → a point; the config schema has checked the shape. */
export function parsePoint(text: string): Point {
  const [latitude, longitude] = text.split(',').map((part) => Number(part.trim()));
  return { latitude: latitude!, longitude: longitude! };
}
