import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const logger = fileURLToPath(new URL('../src/logger.ts', import.meta.url));

// Lines are written asynchronously: what is still buffered when the process exits must be written all the same.
for (const [how, end] of [['process.exit', 'process.exit(1)'], ['an uncaught error', 'throw new Error("boom")']] as const) {
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
