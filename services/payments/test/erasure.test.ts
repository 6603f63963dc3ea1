// A deleted user at payments (identity's user.deleted), on the real database: saved payment methods
// removed, payments kept for the books without the card's last digits, an authorization in flight
// holding the deletion back as transient; confirmed with user.erased in the inbox's transaction.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { contracts } from '@bazaar/contracts';
import { AppError, createEnvelope, createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { deliverMessage, published, startKeyServer } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { createEventHandlers } from '../src/events.js';
import { authorizeCommand, cardOf, paymentOf, paymentsWith, TIMEOUT_MS, type CardFields } from './fixtures.js';
import { TEST_CARDS } from '../src/processor/simulated-processor.js';
import { setUpDatabase, type TestDb } from './support.js';

describe("a deleted user's payment methods", () => {
  let db: TestDb;
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  let app: ServiceApp;
  let payments: ReturnType<typeof paymentsWith>;

  before(async () => {
    db = await setUpDatabase('payments_erasure');
    keys = await startKeyServer();
    payments = paymentsWith(db);
    const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
    app = await buildApp({ pool: db.pool, auth, processor: payments.processor, processorTimeoutMs: TIMEOUT_MS, logger: createLogger('payments', 'silent') });
  });
  after(async () => {
    await app?.close();
    await keys?.close();
    await db?.close();
  });

  const save = async (userId: string, card: Partial<CardFields> = {}) => {
    const response = await app.inject({ method: 'POST', url: '/payments/methods', payload: { card: cardOf(card) }, headers: { authorization: `Bearer ${await keys.token(userId)}` } });
    assert.equal(response.statusCode, 201, response.body);
    return response.json().paymentMethodId as string;
  };
  const methodsOf = async (userId: string) =>
    (await app.inject({ method: 'GET', url: '/payments/methods', headers: { authorization: `Bearer ${await keys.token(userId)}` } })).json().items as unknown[];
  const deleteUser = (userId: string) => deliverMessage(
    { pool: db.pool, contracts, kind: 'events', handlers: createEventHandlers(db.publish) },
    createEnvelope('identity', 'user.deleted', 1, { userId, deletedAt: new Date().toISOString(), deletedBy: 'user' }),
  );

  test('saved methods go; payments stay with amount, status and brand, without the last digits; others keep theirs', async () => {
    const userId = randomUUID();
    const other = randomUUID();
    const paymentMethodId = await save(userId);
    await save(userId, { number: TEST_CARDS.approveMastercard });
    await save(other);
    const command = authorizeCommand({ userId, paymentMethodId });
    await payments.authorize(command);

    await deleteUser(userId);
    assert.deepEqual(await methodsOf(userId), []);
    assert.equal((await methodsOf(other)).length, 1);
    const payment = await paymentOf(db.pool, command.orderId);
    assert.equal(payment?.status, 'authorized');
    const { rows: [row] } = await db.pool.query('SELECT amount_minor, card_brand, card_last4, payment_method_id FROM payments WHERE order_id_ref = $1', [command.orderId]);
    assert.deepEqual(row, { amount_minor: command.amountMinor, card_brand: 'visa', card_last4: null, payment_method_id: null });

    const confirmation = (await published(db.pool)).find((m) => m.type === 'user.erased' && m.payload.userId === userId);
    assert.equal(confirmation?.payload.service, 'payments');
    assert.match(String(confirmation?.payload.summary), /^2 saved payment methods removed/);
  });

  test('an authorization in flight holds the deletion back as transient', async () => {
    const userId = randomUUID();
    const paymentMethodId = await save(userId);
    await db.pool.query(
      "INSERT INTO payments (order_id_ref, user_id_ref, amount_minor, currency, status, payment_method_id) VALUES ($1, $2, 1000, 'EUR', 'pending', $3)",
      [randomUUID(), userId, paymentMethodId],
    );
    await assert.rejects(deleteUser(userId), (error: unknown) => error instanceof AppError && error.code === 'unavailable' && error.options.extensions?.retryable === true);
    assert.equal((await methodsOf(userId)).length, 1, 'nothing was removed');
  });
});
