// Removing a saved card while an authorization records a payment on it, in both orders. The two meet
// on the method's row: the removal locks it FOR UPDATE, the payment's foreign key takes it FOR KEY
// SHARE, and these two conflict, so whichever comes second waits for the first to commit. Each test
// holds the first transaction open, waits until PostgreSQL shows the second waiting on its lock (a
// condition, not a time), and then commits the first.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@bazaar/platform';
import { eventually } from '@bazaar/platform/testing';
import { beginAuthorization } from '../src/payments/authorization.handlers.js';
import { removePaymentMethod } from '../src/methods/payment-method.store.js';
import { paymentOf, paymentsWith } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

describe('a saved card removed while an authorization records a payment on it', () => {
  let db: TestDb;
  let payments: ReturnType<typeof paymentsWith>;

  before(async () => {
    db = await setUpDatabase('payments_method_race');
    payments = paymentsWith(db);
  });
  after(() => db.close());

  /** Resolves once a statement of this database waits for a lock someone else holds. */
  const someoneWaitsForALock = () => eventually(async () => {
    const { rows } = await db.pool.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND a.datname = current_database()`,
    );
    return rows[0]!.waiting > 0;
  }, { timeoutMs: 10_000, message: 'the second transaction never waited for the first one\'s lock' });

  test('the removal first: the authorization waits, finds its card gone, and is retried; asked again, it declines, and no payment is left half-made', async () => {
    const command = await payments.command();
    const remover = await db.pool.connect();
    try {
      await remover.query('BEGIN');
      assert.equal(await removePaymentMethod(remover, command.userId, command.paymentMethodId), 'removed');
      // The method is still there for everyone else until the removal commits: the authorization reads
      // it, then its payment's foreign key waits on the removal's lock.
      const authorizing = beginAuthorization(payments.deps, command);
      await someoneWaitsForALock();
      await remover.query('COMMIT');
      await assert.rejects(authorizing, (error: unknown) =>
        error instanceof AppError && error.code === 'unavailable' && error.options.extensions?.retryable === true && /removed meanwhile/.test(error.message));
    } finally {
      remover.release();
    }
    assert.equal(await paymentOf(db.pool, command.orderId), undefined, 'the transaction that failed wrote nothing');
    // The redelivery: the card is unknown now.
    const reply = await payments.authorize(command);
    assert.equal(reply.type, 'payment.declined');
    assert.equal((reply.payload as { reason: string }).reason, 'invalid_payment_method');
  });

  test('the payment first: the removal waits for it, sees it pending and refuses (the card\'s token is still needed)', async () => {
    const command = await payments.command();
    const authorizer = await db.pool.connect();
    try {
      await authorizer.query('BEGIN');
      await authorizer.query(
        "INSERT INTO payments (order_id_ref, user_id_ref, amount_minor, currency, status, payment_method_id) VALUES ($1, $2, $3, $4, 'pending', $5)",
        [command.orderId, command.userId, command.amountMinor, command.currency, command.paymentMethodId],
      );
      const removing = removePaymentMethod(db.pool, command.userId, command.paymentMethodId);
      await someoneWaitsForALock();
      await authorizer.query('COMMIT');
      assert.equal(await removing, 'in-use');
    } finally {
      authorizer.release();
    }
    const { rowCount } = await db.pool.query('SELECT 1 FROM payment_methods WHERE id = $1', [command.paymentMethodId]);
    assert.equal(rowCount, 1, 'the card is kept');
  });
});
