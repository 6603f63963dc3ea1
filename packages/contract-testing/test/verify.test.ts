import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, cpSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

// The package reads its directories from the environment: point them at a scratch folder first.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bazaar-pact-'));
process.env.PACT_GENERATED_DIR = path.join(scratch, 'generated');
process.env.PACT_DIR = path.join(scratch, 'pacts');
process.env.PACT_RESULTS_DIR = path.join(scratch, 'results');
const { consumerPact, verifyPacts, readPactDir, MatchersV3 } = await import('../src/index.js');

let body: Record<string, unknown> = { id: 'p-1', price: { amount: 1250, currency: 'EUR' }, extra: true };
const server = http.createServer((req, res) => {
  if (req.url === '/products/p-1') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  } else {
    res.writeHead(404).end();
  }
});
let baseUrl = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  rmSync(scratch, { recursive: true, force: true });
});

test('a recorded pact is verified against a provider that keeps it, and fails against one that drops a field', async () => {
  const pact = consumerPact({ consumer: 'demo-consumer', provider: 'demo-provider' });
  await pact
    .addInteraction()
    .given('product p-1 exists')
    .uponReceiving('a product by id')
    .withRequest('GET', '/products/p-1')
    .willRespondWith(200, (b) => b.jsonBody({ id: MatchersV3.string('p-1'), price: { amount: MatchersV3.integer(1250), currency: MatchersV3.string('EUR') } }))
    .executeTest(async (mock) => {
      const res = await fetch(`${mock.url}/products/p-1`);
      assert.equal(((await res.json()) as { price: { amount: number } }).price.amount, 1250);
    });
  assert.deepEqual(readdirSync(process.env.PACT_GENERATED_DIR!), ['demo-consumer-demo-provider.json']);
  cpSync(process.env.PACT_GENERATED_DIR!, process.env.PACT_DIR!, { recursive: true });
  const [recorded] = readPactDir(process.env.PACT_DIR!);
  assert.equal(recorded?.interactions.length, 1);

  const states: string[] = [];
  const stateHandlers = { 'product p-1 exists': async () => { states.push('p-1'); } };
  const ok = await verifyPacts({ provider: 'demo-provider', providerBaseUrl: baseUrl, stateHandlers });
  assert.deepEqual(ok.map((r) => [r.consumer, r.success]), [['demo-consumer', true]]);
  assert.deepEqual(states, ['p-1']);

  body = { id: 'p-1', extra: true };
  const broken = await verifyPacts({ provider: 'demo-provider', providerBaseUrl: baseUrl, stateHandlers });
  assert.deepEqual(broken.map((r) => [r.consumer, r.success]), [['demo-consumer', false]]);
});
