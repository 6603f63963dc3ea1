import type { Logger } from './logger.js';

/** Background work a service runs every so often (expiring reservations, overdue saga steps …). */
export interface IntervalJob<T> {
  start(): void;
  /** Stops scheduling and waits for a run in progress to finish (for `runService` closers). */
  stop(): Promise<void>;
  /** One run, now (tests call it directly). */
  runOnce(): Promise<T>;
  /**
   * Asks for a run soon instead of at the next interval: a service wakes its job when it has just
   * committed work for it, so the interval is only the net for work written elsewhere (another replica,
   * a process that died before waking). A run in progress is followed by another at once. Does nothing
   * once stopped.
   */
  wake(): void;
}

/**
 * Runs `run` every `intervalMs`, counted from the end of the previous run, so runs never overlap in
 * one process (replicas coordinate through the database, e.g. with SKIP LOCKED). A failed run is
 * logged and the next one happens on schedule. The first run comes `firstRunAfterMs` after start
 * (default: one interval), for work whose interval is long but whose first answer is wanted soon.
 */
export function createIntervalJob<T>(options: { name: string; intervalMs: number; firstRunAfterMs?: number; logger: Pick<Logger, 'error'>; run: () => Promise<T> }): IntervalJob<T> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  let inRun = false;
  // A wake that came during a run: the work it announces may have been committed after the run looked.
  let wokenDuringRun = false;

  function schedule(afterMs = options.intervalMs): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      inRun = true;
      wokenDuringRun = false;
      running = options.run()
        .catch((error: unknown) => options.logger.error({ err: error, job: options.name }, `${options.name} failed; retrying next interval`))
        .finally(() => {
          inRun = false;
          schedule(wokenDuringRun ? 0 : options.intervalMs);
        });
    }, afterMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(options.firstRunAfterMs ?? options.intervalMs);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    runOnce: options.run,
    wake() {
      if (stopped) return;
      if (inRun) wokenDuringRun = true;
      else schedule(0);
    },
  };
}
