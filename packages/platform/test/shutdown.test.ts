import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const tsx = createRequire(import.meta.url).resolve('tsx');
const fixture = fileURLToPath(new URL('./fixtures/slow-service.ts', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

test('SIGTERM lets an in-flight request finish, refuses new work, runs closers and exits 0', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', tsx, fixture], { env: { ...process.env, PORT: String(port), SLOW_MS: '1500' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    for (let i = 0; i < 100 && !output.includes('listening'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(output.includes('listening'), 'fixture service started');

    const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));

    const late = await fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.status, () => 'refused');
    assert.ok(late === 'refused' || late === 503, `new work after SIGTERM is refused (got ${late})`);

    const response = await inFlight;
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { finished: true });
    assert.equal(await exited, 0);
    assert.match(output, /closer-ran/);
  } finally {
    child.kill('SIGKILL');
  }
});
