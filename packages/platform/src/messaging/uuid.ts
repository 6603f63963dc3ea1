import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/**
 * A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then randomness, so ids sort by
 * creation time. Within one millisecond the 12-bit `rand_a` field counts up from a random start,
 * so ids made by one process stay in order (method 1 of the RFC).
 */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    sequence = randomBytes(2).readUInt16BE(0) & 0x3ff; // leave room to count up
  } else {
    sequence++;
    if (sequence > 0xfff) {
      lastMs++;
      sequence = 0;
    }
    ms = lastMs;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
