/** A random number in [0, 1), repeatable from its seed. */
export type Random = () => number;

/**
 * mulberry32: small, fast and good enough to drive a test plan or a simulation from one 32-bit seed,
 * so that a run can be replayed from the seed it printed.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
