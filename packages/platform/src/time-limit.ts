/**
 * `work`'s outcome, or a rejection once `ms` have passed without one: for a caller that must not wait
 * on a dependency that hangs (a metrics scrape, a health probe, an API request). The work itself goes
 * on; its late failure is of no interest and is not left unhandled. The timer ends with the race.
 */
export function within<T>(ms: number, work: Promise<T>, what = 'no answer'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
