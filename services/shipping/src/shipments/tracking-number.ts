import { randomInt } from 'node:crypto';

/**
 * Characters a person can read off a label and type back without confusion: digits and capitals
 * without 0/O and 1/I/L, and without U (as in Crockford's base 32, so fewer accidental words).
 * 30 symbols.
 */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

export const TRACKING_NUMBER = /^BZ[2-9A-HJKMNP-TV-Z]{10}$/;

/**
 * A new tracking number: `BZ` and ten symbols drawn uniformly (30^10, about 5.9e14, possibilities).
 * Uniqueness is the database's to enforce; a collision is retried by the caller.
 */
export function newTrackingNumber(random: (max: number) => number = randomInt): string {
  let suffix = '';
  for (let i = 0; i < LENGTH; i++) suffix += TRACKING_ALPHABET[random(TRACKING_ALPHABET.length)];
  return `BZ${suffix}`;
}

/** What a person typed, as stored: case and spaces or dashes between groups do not matter. */
export const normaliseTrackingNumber = (value: string): string => value.replace(/[\s-]/g, '').toUpperCase();
