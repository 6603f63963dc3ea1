import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { envDetector, detectResources, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type BatchSpanProcessorOptions, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import { exportEndpoint } from './endpoint.js';
import { samplerFromEnv } from './sampler.js';
import { BazaarAttributes, installTracingRuntime } from './tracing.js';

export interface TracingOptions {
  /** `service.name` of every span (OTEL_SERVICE_NAME overrides it, as the specification says). */
  serviceName: string;
  serviceVersion: string;
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  /** True when spans are made; false when OTEL_SDK_DISABLED=true or no endpoint is configured. */
  enabled: boolean;
  /** Where spans are exported; undefined when tracing is off. */
  endpoint: string | undefined;
  /** Sends the spans still buffered and stops; call before the process exits. */
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

const truthy = (value: string | undefined) => value?.trim().toLowerCase() === 'true';

/** The batch processor's OTEL_BSP_* settings that are set; the SDK's defaults for the others. */
function batchOptions(env: NodeJS.ProcessEnv): Omit<BatchSpanProcessorOptions, 'exporter'> {
  const options: Omit<BatchSpanProcessorOptions, 'exporter'> = {};
  const read = (name: string, set: (value: number) => void) => {
    const raw = env[name]?.trim();
    if (!raw) return;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not ${raw}`);
    set(value);
  };
  read('OTEL_BSP_SCHEDULE_DELAY', (v) => (options.scheduledDelayMillis = v));
  read('OTEL_BSP_EXPORT_TIMEOUT', (v) => (options.exportTimeoutMillis = v));
  read('OTEL_BSP_MAX_QUEUE_SIZE', (v) => (options.maxQueueSize = v));
  read('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', (v) => (options.maxExportBatchSize = v));
  return options;
}

/**
 * Sets up OpenTelemetry tracing for this process, once: the W3C trace context propagator, an
 * AsyncLocalStorage context manager, a tracer provider whose resource names the service, the sampler
 * of OTEL_TRACES_SAMPLER, an OTLP/HTTP (JSON) exporter to OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), and the instrumentations of undici (the service client
 * and fetch), pg and ioredis. Fastify is instrumented by `createServiceApp` through
 * {@link fastifyTracingPlugin}; messages by the kit's relay and consumer themselves.
 *
 * pg and ioredis are patched when they are loaded, so this must run before the service's modules
 * are: services start with `node --import @bazaar/platform/register dist/main.bundle.js` (register.ts).
 * Without an endpoint (or with OTEL_TRACES_EXPORTER=none, or OTEL_SDK_DISABLED=true) nothing is set
 * up: the process traces nothing and passes the trace context it receives on unchanged.
 */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  if (active) return active;
  const env = options.env ?? process.env;
  const endpoint = exportEndpoint(env);
  // Without an endpoint, spans would be made only to be dropped (8-16 % of a service's CPU): none is
  // made, as with OTEL_SDK_DISABLED=true. The caller's trace context still travels (context.ts).
  if (truthy(env.OTEL_SDK_DISABLED) || !endpoint) {
    const tracing: Tracing = { enabled: false, endpoint: undefined, shutdown: async () => undefined };
    return tracing;
  }
  // The exporter reads its URL, headers, timeout and compression from the OTEL_EXPORTER_OTLP_* variables
  // itself, as the specification says (a base endpoint gains /v1/traces, a traces endpoint is kept as is).
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const spanProcessors: SpanProcessor[] = [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), ...batchOptions(env) })];
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME?.trim() || options.serviceName,
    [ATTR_SERVICE_VERSION]: options.serviceVersion,
  }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new TracerProvider({ resource, sampler: samplerFromEnv(env), spanProcessors });

  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
  trace.setGlobalTracerProvider(provider);

  // OTEL_NODE_DISABLED_INSTRUMENTATIONS=pg,ioredis (as OpenTelemetry's Node auto-instrumentation
  // names it) leaves some out: SQL statements are most of a trace's spans, and most of its cost.
  const disabled = new Set((env.OTEL_NODE_DISABLED_INSTRUMENTATIONS ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean));
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Calls made for a request or a message; background ones (key sets, probes) would each be a trace.
      ...(disabled.has('undici') ? [] : [new UndiciInstrumentation({ requireParentforSpans: true })]),
      // Only inside a request's or a message's span: the relay's and listeners' polling would
      // otherwise make a trace of their own every second.
      ...(disabled.has('pg') ? [] : [new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true })]),
      ...(disabled.has('ioredis') ? [] : [new IORedisInstrumentation({ requireParentSpan: true })]),
    ],
  });

  const fastify = new FastifyOtelInstrumentation({
    // One span per request (the route, status, correlation id); a span per hook would cost more than it tells.
    instrumentHooks: false,
    instrumentHandler: false,
    ignorePaths: (route: { url: string }) => route.url.startsWith('/health'),
    // Named as the specification says, `GET /orders/:id`: the route template, never the path with its ids.
    requestHook: (span, request: FastifyRequest) => {
      span.updateName(`${request.method} ${request.routeOptions.url ?? 'unmatched'}`);
      span.setAttribute(BazaarAttributes.correlationId, request.id);
      // The path without its query string, which may hold what a trace should not keep (a link's token).
      span.setAttribute('url.path', request.url.split('?')[0]!);
    },
  });
  fastify.setTracerProvider(provider);

  const tracing: Tracing = {
    enabled: true,
    endpoint,
    shutdown: async () => {
      active = undefined;
      installTracingRuntime(undefined);
      await provider.shutdown();
    },
  };
  installTracingRuntime({ fastifyPlugin: () => fastify.plugin() as FastifyPluginCallback, shutdown: tracing.shutdown });
  active = tracing;
  return tracing;
}
