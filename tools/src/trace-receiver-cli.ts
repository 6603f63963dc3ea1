/**
 * The local trace receiver on its own (npm start will run one itself):
 *
 *   node tools/dist/trace-receiver-cli.js [--port 4318] [--max-traces 1000]
 *
 * then start services with OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 and read
 * http://127.0.0.1:4318/traces?orderId=… and /traces/:traceId. Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import { startTraceReceiver } from './trace-receiver.js';

const usage = `usage: node tools/dist/trace-receiver-cli.js [--port N] [--max-traces N]

  --port N          where it listens, on 127.0.0.1 (default 4318, OTLP/HTTP's usual port)
  --max-traces N    how many recent traces it keeps (default 1000)`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4318' },
    'max-traces': { type: 'string', default: '1000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const port = Number(values.port);
const maxTraces = Number(values['max-traces']);
if (values.help || !Number.isInteger(port) || port < 1 || port > 65535 || !Number.isInteger(maxTraces) || maxTraces < 1) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const receiver = await startTraceReceiver({ port, maxTraces });
console.log(`trace receiver listening: OTEL_EXPORTER_OTLP_ENDPOINT=${receiver.url}; traces at ${receiver.url}/traces`);
const stop = () => void receiver.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
