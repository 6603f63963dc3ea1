// The port offsets of the test systems (tools/src/testing/system.ts): test files run two at a time, and
// each system checks its ports are free before its services listen, so two starting at once could each
// find the same offset free. An offset is reserved across processes (a file holding the taker's pid);
// a reservation whose process is gone is taken over.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freeOffset, releaseOffset } from '../src/testing/system.js';

const LOCKS = path.join(os.tmpdir(), 'bazaar-test-offsets');
const OFFSETS = Array.from({ length: 190 }, (_, i) => (50 + i) * 100);

test('offsets reserved at once are all different, and each is given back', async () => {
  const taken = await Promise.all(Array.from({ length: 40 }, () => freeOffset([8101, 8151])));
  assert.equal(new Set(taken).size, taken.length);
  for (const offset of taken) assert.equal(readFileSync(path.join(LOCKS, String(offset)), 'utf8'), String(process.pid));
  for (const offset of taken) releaseOffset(offset);
  for (const offset of taken) assert.throws(() => readFileSync(path.join(LOCKS, String(offset))), { code: 'ENOENT' });
});

test("an offset held by a process that is gone is taken over (a test run that was killed)", async () => {
  const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
  const planted: number[] = [];
  // Every offset not reserved by a test running beside this one is left by a process that is gone.
  for (const offset of OFFSETS) {
    try {
      writeFileSync(path.join(LOCKS, String(offset)), String(gone), { flag: 'wx' });
      planted.push(offset);
    } catch {
      // Reserved by a live test system: left alone.
    }
  }
  try {
    const offset = await freeOffset([8101]);
    assert.ok(planted.includes(offset), `${offset} was one left by the process that is gone`);
    assert.equal(readFileSync(path.join(LOCKS, String(offset)), 'utf8'), String(process.pid));
    releaseOffset(offset);
  } finally {
    for (const offset of planted) {
      const file = path.join(LOCKS, String(offset));
      try {
        if (readFileSync(file, 'utf8') === String(gone)) rmSync(file);
      } catch {
        // Taken over and given back meanwhile.
      }
    }
  }
});
