import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { assertHostileSafe, startKeyServer, startTestDeadLetterQueue } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { TEST_CARDS } from '../src/processor/simulated-processor.js';
import { TIMEOUT_MS, cardOf, paymentsWith } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

// payments as deployed (its dead-letter routes on a real broker queue), with a customer's authorized
// payment and saved card, so generated requests reach real rows and the simulated processor.
let db: TestDb;
let keys: Awaited<ReturnType<typeof startKeyServer>>;
let app: ServiceApp;
let dlq: Awaited<ReturnType<typeof startTestDeadLetterQueue>>;
const customerId = randomUUID();
const known: Record<string, string[]> = {};

before(async () => {
  db = await setUpDatabase('payments_hostile');
  keys = await startKeyServer();
  dlq = await startTestDeadLetterQueue('payments');
  const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  const payments = paymentsWith(db);
  app = await buildApp({ pool: db.pool, auth, processor: payments.processor, processorTimeoutMs: TIMEOUT_MS, logger: createLogger('payments', 'silent'), deadLetters: dlq.deadLetters });
  const command = await payments.command({ userId: customerId, amountMinor: 2599 });
  await payments.authorize(command);
  const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM payments WHERE order_id_ref = $1', [command.orderId]);
  const card = cardOf();
  Object.assign(known, { id: rows.map((r) => r.id), number: [card.number, TEST_CARDS.decline], cvc: [card.cvc], expYear: [card.expYear], expMonth: [card.expMonth] });
});
after(async () => {
  await app.close();
  await dlq.close();
  await keys.close();
  await db.close();
});

test('payments: every route answers hostile requests with a 2xx or a problem+json 4xx, never a 5xx', async () => {
  const auth = {
    user: { authorization: `Bearer ${await keys.token(customerId)}` },
    admin: { authorization: `Bearer ${await keys.token(randomUUID(), ['customer', 'admin'])}` },
  };
  await assertHostileSafe(app, { auth, known });
});
