/** Metrics are served on a port of their own: never by the public app, only GET /metrics there. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Counter } from 'prom-client';
import { createLogger, createServiceApp, startMetricsServer } from '../src/index.js';

const app = await createServiceApp({ name: 'sample', version: '1.0.0', logger: createLogger('sample', 'silent') });
app.get('/things', async () => ({ items: [] }));
await app.ready();
const server = await startMetricsServer({ registry: app.metrics, port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${server.port}`;
after(async () => {
  await server.close();
  await app.close();
});

test('the public app does not serve /metrics', async () => {
  const response = await app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(response.statusCode, 404);
  assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
});

test('the metrics port serves the app registry, request durations and the service label included', async () => {
  new Counter({ name: 'things_made_total', help: 'things', registers: [app.metrics] }).inc(3);
  await app.inject({ method: 'GET', url: '/things' });
  const response = await fetch(`${base}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
  const text = await response.text();
  assert.match(text, /^things_made_total\{service="sample"\} 3$/m);
  assert.match(text, /^http_request_duration_seconds_count\{service="sample",method="GET",route="\/things",status_class="2xx"\} 1$/m);
});

test('the metrics port serves nothing else, and only reads', async () => {
  const other = await fetch(`${base}/things`);
  assert.equal(other.status, 404);
  assert.match(other.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const post = await fetch(`${base}/metrics`, { method: 'POST', body: 'x' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('allow'), 'GET, HEAD');
});
