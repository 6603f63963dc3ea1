/**
 * The module every service process starts with: `node --import @bazaar/platform/register dist/main.bundle.js`.
 * It sets tracing up (setup.ts) before the service's own modules load, which is what lets pg and
 * ioredis be patched when the service imports them: ES modules cannot be patched after the fact, so
 * an import hook (import-in-the-middle's) intercepts those two packages, and only them, as they load.
 * The service's name and version come from the package.json of the folder it runs in.
 *
 * `@bazaar/platform/register` names this module bundled with the SDK (dist/register.bundle.js, made by
 * tools/bundle.mjs; about 300 modules as one): the service's own bundle holds another copy of the kit,
 * which is why what the set-up hands over (tracing.ts) lives on the global object.
 *
 * With OTEL_SDK_DISABLED=true, or without an OTLP endpoint to send spans to (OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; OTEL_TRACES_EXPORTER=none), it does nothing at all: no hook, no
 * span. A span nobody receives would cost 8-16 % of a service's CPU; the trace context a request or a
 * message brings is passed on unchanged all the same (context.ts, the envelopes).
 */
import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import path from 'node:path';
import { tracingWanted } from './endpoint.js';

/** The packages an instrumentation patches at load time (undici and Fastify are reached otherwise). */
const PATCHED = ['pg', 'pg-pool', 'ioredis'];

// Node's compile cache is not turned on here: a process that uses it keeps the cache's entries in
// memory for its whole life (11 MiB of an unbundled service's 130, 3 MiB of a bundled one's 108,
// measured) to save about 0.2 s of its start.
// Whoever prefers the faster start sets NODE_COMPILE_CACHE to a folder; Node then uses it by itself.
if (tracingWanted(process.env)) {
  // Loaded only now, as the SDK below: a process with tracing off loads neither.
  const { register, supportsSyncHooks } = await import('import-in-the-middle/register-hooks.mjs');
  if (supportsSyncHooks()) register({ include: PATCHED });
  else nodeModule.register('import-in-the-middle/hook.mjs', import.meta.url, { data: { include: PATCHED } });
  const { startTracing } = await import('./setup.js');
  const { name, version } = servicePackage();
  await startTracing({ serviceName: name, serviceVersion: version });
}

function servicePackage(): { name: string; version: string } {
  try {
    const pkg = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { name?: string; version?: string };
    return { name: (pkg.name ?? 'unknown').replace(/^@[^/]+\//, ''), version: pkg.version ?? '0.0.0' };
  } catch {
    return { name: path.basename(process.cwd()), version: '0.0.0' };
  }
}
