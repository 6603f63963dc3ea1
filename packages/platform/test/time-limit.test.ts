import assert from 'node:assert/strict';
import { test } from 'node:test';
import { within } from '../src/time-limit.js';

test('within: the work\'s value when it settles in time, its own failure when it fails in time', async () => {
  assert.equal(await within(1000, Promise.resolve(7)), 7);
  await assert.rejects(within(1000, Promise.reject(new Error('refused'))), /refused/);
});

test('within: work that never settles is given up on, saying what did not answer and for how long', async () => {
  const never = new Promise<number>(() => undefined);
  await assert.rejects(within(20, never), { message: 'no answer within 20 ms' });
  await assert.rejects(within(20, never, 'Redis did not answer'), { message: 'Redis did not answer within 20 ms' });
});

test('within: a failure after the time is up is not left unhandled', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    let fail!: (error: Error) => void;
    const late = new Promise<number>((_, reject) => { fail = reject; });
    await assert.rejects(within(10, late), /no answer within 10 ms/);
    fail(new Error('too late'));
    // Two turns of the event loop: an unhandled rejection would be reported by then.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
