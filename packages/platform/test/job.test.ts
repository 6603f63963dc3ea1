// The kit's interval job: runs never overlap, a failed run is logged and the next comes on schedule,
// and a wake asks for a run now instead of at the next interval. The intervals here are ten minutes,
// so a run that happens during a test can only have been asked for by a wake.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { createIntervalJob } from '../src/job.js';

const silent = { error: () => {} };
const LONG = 600_000;
/** A wake that does nothing would leave a test waiting for a run: it fails at this instead. */
const within = { timeout: 10_000 };

/** Every job made here, stopped after each test, so one that failed leaves no timer holding the process. */
const made: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((job) => job.stop()));
});

/** A job whose runs are counted and which can be held in the middle of a run. */
function counted() {
  let runs = 0;
  let hold: Promise<void> | undefined;
  const waiters: (() => void)[] = [];
  const job = createIntervalJob({
    name: 'counted', intervalMs: LONG, logger: silent,
    run: async () => {
      runs += 1;
      waiters.splice(0).forEach((w) => w());
      if (hold) await hold;
      return runs;
    },
  });
  made.push(job);
  return {
    job,
    runs: () => runs,
    /** Resolves at the start of the next run. */
    nextRun: () => new Promise<void>((resolve) => waiters.push(resolve)),
    /** Holds the runs that start from now until the returned function is called. */
    holdRuns: () => {
      let release!: () => void;
      hold = new Promise<void>((resolve) => { release = resolve; });
      return () => { hold = undefined; release(); };
    },
  };
}

test('a wake runs the job without waiting for its interval', within, async () => {
  const c = counted();
  c.job.start();
  try {
    const ran = c.nextRun();
    c.job.wake();
    await ran;
    assert.equal(c.runs(), 1);
  } finally {
    await c.job.stop();
  }
});

test('a wake during a run is followed by another run once it ends (the work it announced may have come after the run looked)', within, async () => {
  const c = counted();
  c.job.start();
  try {
    const release = c.holdRuns();
    const first = c.nextRun();
    c.job.wake();
    await first;
    const second = c.nextRun();
    c.job.wake();
    c.job.wake(); // several wakes during one run ask for one more run, not one each
    release();
    await second;
    // The second run has ended by now; a third, had the wakes each asked for one, would be on a 0 ms timer.
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(c.runs(), 2);
  } finally {
    await c.job.stop();
  }
});

test('a job not started, or stopped, is not run by a wake', within, async () => {
  const c = counted();
  c.job.wake();
  c.job.start();
  await c.job.stop();
  c.job.wake();
  // A wake schedules its run on a timer of 0 ms: one set now would have fired before this one.
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(c.runs(), 0);
});
