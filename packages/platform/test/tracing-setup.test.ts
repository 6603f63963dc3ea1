import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportEndpoint, tracingWanted } from '../src/observability/endpoint.js';
import { startTracing } from '../src/observability/setup.js';
import { httpClientInstrumented, fastifyTracingPlugin } from '../src/observability/tracing.js';
import { contextHeaders, currentTraceparent, runWithContext } from '../src/context.js';

const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

test('spans are made only when they have an OTLP endpoint to go to', () => {
  assert.equal(exportEndpoint({}), undefined);
  assert.equal(exportEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }), 'http://collector:4318/v1/traces');
  assert.equal(exportEndpoint({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/x' }), 'http://collector:4318/x');
  assert.equal(exportEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }), undefined);
  assert.equal(tracingWanted({}), false);
  assert.equal(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }), true);
  assert.equal(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }), false);
});

test('without an endpoint nothing is set up, and the caller\'s traceparent is passed on unchanged', async () => {
  const tracing = await startTracing({ serviceName: 'test', serviceVersion: '0.0.0', env: { OTEL_SDK_DISABLED: 'false' } });
  assert.deepEqual({ enabled: tracing.enabled, endpoint: tracing.endpoint }, { enabled: false, endpoint: undefined });
  assert.equal(httpClientInstrumented(), false);
  assert.equal(fastifyTracingPlugin(), undefined);
  runWithContext({ correlationId: 'c-1', traceparent }, () => {
    assert.equal(currentTraceparent(), traceparent);
    assert.deepEqual(contextHeaders(), { 'x-correlation-id': 'c-1', traceparent });
  });
  await tracing.shutdown();
});
