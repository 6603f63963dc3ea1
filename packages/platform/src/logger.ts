import { pino, type Logger, type LoggerOptions } from 'pino';
import { currentContext } from './context.js';
import { traceFields } from './observability/tracing.js';

export type { Logger } from 'pino';

/**
 * A structured JSON logger whose every line carries the service name. Request-scoped children add
 * the correlation id (see the HTTP app). A line written inside a span (a request, a message) carries
 * its `trace_id` and `span_id`, so logs and traces lead to each other. Secrets that may appear in
 * headers are redacted.
 */
export function createLogger(service: string, level: string = 'info', options: LoggerOptions = {}): Logger {
  return pino({
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.passwordHash', '*.token'],
      censor: '[redacted]',
    },
    mixin: () => traceFields(currentContext()?.traceparent),
    ...options,
  });
}
