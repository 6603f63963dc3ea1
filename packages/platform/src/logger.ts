import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * A structured JSON logger whose every line carries the service name. Request-scoped children add
 * the correlation id (see the HTTP app). Secrets that may appear in headers are redacted.
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
    ...options,
  });
}
