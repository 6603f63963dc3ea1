import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentContext } from './context.js';
import { traceFields } from './observability/tracing.js';

export type { Logger } from 'pino';

/**
 * A structured JSON logger whose every line carries the service name. Request-scoped children add
 * the correlation id (see the HTTP app). A line written inside a span (a request, a message) carries
 * its `trace_id` and `span_id`, so logs and traces lead to each other. Secrets that may appear in
 * headers are redacted.
 *
 * Lines go to stdout asynchronously (one destination per process, shared by its loggers): a write
 * per line, synchronous, was most of what a request's access log cost. pino writes what is still
 * buffered when the process exits (its exit handler flushes the destination synchronously).
 */
export function createLogger(service: string, level: string = 'info', options: LoggerOptions & { file?: string } = {}): Logger & { close?: () => void } {
  const { file, ...pinoOptions } = options;
  // A file of its own (a tool's log beside the services'): opened at once, in this thread, so that
  // nothing opens it later (after the caller removed its directory, say); `close()` ends it.
  const out = file ? pino.destination({ dest: file, mkdir: true, sync: true }) : undefined;
  const logger = pino({
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.passwordHash', '*.token'],
      censor: '[redacted]',
    },
    mixin: () => traceFields(currentContext()?.traceparent),
    ...pinoOptions,
  }, level === 'silent' ? undefined : out ?? stdout());
  return out ? Object.assign(logger, { close: () => out.end() }) : logger;
}

let destination: DestinationStream | undefined;
const stdout = (): DestinationStream => (destination ??= pino.destination({ dest: 1, sync: false }));
