// The port offsets of the test systems (tools/src/testing/system.ts): test files run two at a time, and
// each system checks its ports are free before its services listen, so two starting at once could each
// find the same offset free. An offset is reserved across processes (a file holding the taker's pid);
// a reservation whose process is gone is taken over. Each port a system will listen on is reserved
// too, so one system's replica cannot land on another's service port.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freeOffset, releaseOffset, reserveOffset } from '../src/testing/system.js';

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

test("a system whose replica would listen on another system's port does not get that offset", () => {
  // Offsets above those freeOffset picks (5000-23900), so no test system beside this one holds them.
  const withReplica = [8102, 8102 + 2000];
  assert.equal(reserveOffset(30_200, withReplica), true);
  try {
    // 8102 + 32,200 is the replica's port of the system at 30,200.
    assert.equal(reserveOffset(32_200, [8101, 8102]), false);
    assert.throws(() => readFileSync(path.join(LOCKS, '32200')), { code: 'ENOENT' }, 'a refused reservation keeps nothing');
    assert.throws(() => readFileSync(path.join(LOCKS, 'port-40301')), { code: 'ENOENT' });
    assert.equal(reserveOffset(32_300, [8101, 8102]), true, 'an offset whose ports are all free is given');
    releaseOffset(32_300);
  } finally {
    releaseOffset(30_200);
  }
  assert.equal(reserveOffset(32_200, [8101, 8102]), true, 'given once the other system has given its ports back');
  releaseOffset(32_200);
  for (const name of ['30200', '32200', '32300', 'port-38302', 'port-40302', 'port-40301']) assert.throws(() => readFileSync(path.join(LOCKS, name)), { code: 'ENOENT' });
});
