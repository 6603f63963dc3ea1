import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/index.js';

const logger = fileURLToPath(new URL('../src/logger.ts', import.meta.url));

// Lines are written asynchronously: what is still buffered when the process exits must be written all the same.
for (const [how, end] of [['process.exit', 'process.exit(1)'], ['an uncaught error', 'throw new Error("boom")'], ['its event loop running out', '']] as const) {
  test(`every line reaches stdout when the process ends by ${how}`, () => {
    const script = `const { createLogger } = await import(${JSON.stringify(logger)});
      const log = createLogger('exiting');
      for (let i = 0; i < 5000; i++) log.info({ i }, 'line');
      log.fatal('last');
      ${end};`;
    const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const lines = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { msg: string; i?: number; service: string });
    assert.equal(lines.length, 5001, result.stderr);
    assert.deepEqual(lines.at(-1), { ...lines.at(-1), msg: 'last', service: 'exiting' });
    assert.ok(lines.slice(0, 5000).every((line, i) => line.i === i), 'in order, none lost');
  });
}

// Lines are written in batches: a line with none after it is written all the same, while the process runs on.
test('a lone line reaches stdout while the process is still running', { timeout: 20_000 }, async () => {
  const script = `const { createLogger } = await import(${JSON.stringify(logger)});
    createLogger('idle').info('alone');
    setInterval(() => undefined, 60_000);`;
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    assert.equal((JSON.parse(chunk.toString('utf8')) as { msg: string }).msg, 'alone');
    assert.equal(child.exitCode, null, 'written while the process runs, not when it ends');
  } finally {
    child.kill();
  }
});

test('secrets are redacted wherever a line carries them, and nothing else is touched', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'logger-'));
  try {
    const file = path.join(dir, 'out.log');
    const log = createLogger('redacting', 'info', { file });
    const user = { email: 'a@example.test', password: 'hunter2', passwordHash: '$argon2id$x', token: 'abc' };
    log.info({ user, attempt: { token: 't0k3n', n: 1 }, req: { headers: { authorization: 'Bearer x', cookie: 'sid=1', accept: 'text/html' } } }, 'with secrets');
    log.info({ method: 'GET', url: '/products?token=in-a-query', status: 200, list: [{ password: 'kept: arrays are not searched' }] }, 'request');
    log.close!();
    const [first, second] = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(first!.user, { email: 'a@example.test', password: '[redacted]', passwordHash: '[redacted]', token: '[redacted]' });
    assert.deepEqual(first!.attempt, { token: '[redacted]', n: 1 });
    assert.deepEqual(first!.req, { headers: { authorization: '[redacted]', cookie: '[redacted]', accept: 'text/html' } });
    assert.equal(user.password, 'hunter2', "the caller's object is not changed");
    assert.equal(second!.url, '/products?token=in-a-query');
    assert.deepEqual(second!.list, [{ password: 'kept: arrays are not searched' }]);
    assert.match(String(first!.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
