/**
 * The messages parked in a service's dead-letter queue, and sending them back after a fix:
 *
 *   npm run dlq -- <service> list [--limit 50] [--json]
 *   npm run dlq -- <service> replay <message-id>
 *   npm run dlq -- <service> replay --all
 *
 * The broker is BAZAAR_AMQP_URL (default: the local one). `--namespace` (or
 * BAZAAR_MESSAGING_NAMESPACE) prefixes queue names as the service was configured to.
 */
import { parseArgs } from 'node:util';
import { DeadLetterQueue, redactUrl, topologyNames, type DeadLetter } from '@bazaar/platform';

const usage = `usage: npm run dlq -- <service> list [--limit N] [--json]
       npm run dlq -- <service> replay <message-id>
       npm run dlq -- <service> replay --all
options: --namespace <prefix>  (default: BAZAAR_MESSAGING_NAMESPACE, or none)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    all: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    limit: { type: 'string', default: '100' },
    namespace: { type: 'string', default: process.env.BAZAAR_MESSAGING_NAMESPACE },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const [service, action, id] = positionals;
const limit = Number(values.limit);
const valid =
  !values.help && service && /^[a-z][a-z0-9-]*$/.test(service) && Number.isInteger(limit) && limit > 0 &&
  ((action === 'list' && !id) || (action === 'replay' && (values.all ? !id : Boolean(id))));
if (!valid) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

function show(message: DeadLetter): string {
  const what = [message.type && `${message.type}${message.version ? ` v${message.version}` : ''}`, message.attempts && `${message.attempts} attempt(s)`, message.failedAt && `failed ${message.failedAt}`].filter(Boolean).join(', ');
  return `${message.id}  ${what}\n    ${message.error}${message.queue ? `\n    replays to ${message.queue}` : ''}`;
}

// Read here rather than through system.ts, which loads embedded PostgreSQL (and its exit hooks).
const amqpUrl = process.env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const names = topologyNames(service!, values.namespace);
const queue = names.deadLetterQueue;
let close: (() => Promise<void>) | undefined;
let code = 0;
try {
  const opened = await DeadLetterQueue.connect(amqpUrl, { queue, exchange: names.direct }, `${service}.dlq-cli`);
  close = opened.close;
  const deadLetters = opened.deadLetters;
  if (action === 'list') {
    const depth = await deadLetters.depth();
    const messages = await deadLetters.list(limit);
    if (values.json) console.log(JSON.stringify({ queue, depth, messages }, null, 2));
    else {
      console.log(`${queue}: ${depth} parked message(s)${depth > messages.length ? `, showing the first ${messages.length}` : ''}`);
      for (const message of messages) console.log(show(message));
    }
  } else if (values.all) {
    console.log(`replayed ${await deadLetters.replayAll()} message(s) from ${queue}`);
  } else if (await deadLetters.replay(id!)) {
    console.log(`replayed ${id} from ${queue}`);
  } else {
    console.error(`no message ${id} is parked in ${queue}`);
    code = 1;
  }
} catch (error) {
  console.error(`dlq: ${(error as Error).message} (broker ${redactUrl(amqpUrl)})`);
  code = 1;
} finally {
  await close?.();
}
process.exit(code);
