/**
 * Where spans are exported, read from the OTLP variables the specification names; kept apart from
 * setup.ts so that register.ts can decide whether to load the SDK at all without loading it.
 */
export function exportEndpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if ((env.OTEL_TRACES_EXPORTER ?? 'otlp').trim().toLowerCase() === 'none') return undefined;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

/**
 * True when this process makes spans: OTEL_SDK_DISABLED is not `true` and spans have somewhere to go.
 * Spans that are made only to be dropped cost a traced service 8–16 % of its CPU (a checkout's
 * profile), so without an endpoint none is made; the trace context still travels unchanged (the
 * kit's context, headers and envelopes carry the caller's traceparent, see context.ts).
 */
export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true' && exportEndpoint(env) !== undefined;
}
