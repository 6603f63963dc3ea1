import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createJwtVerifier, createLogger, type JwtVerifier, type ServiceApp } from '@bazaar/platform';
import { startKeyServer } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import type { CardProcessor } from '../src/processor/card-processor.js';
import { TEST_CARDS, type SimulatedCardProcessor } from '../src/processor/simulated-processor.js';
import { authorizeCommand, cardOf, paymentsWith, simulatorOver, TIMEOUT_MS, type CardFields } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

const thisYear = new Date().getUTCFullYear();
/** The app's clock: mid-June of this year, so "expired earlier this year" can be tested in any month. */
const midJune = () => new Date(Date.UTC(thisYear, 5, 15));

describe('payment methods: cards tokenized at the processor', () => {
  let db: TestDb;
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  let auth: JwtVerifier;
  let app: ServiceApp;
  let payments: ReturnType<typeof paymentsWith>;
  let simulator: SimulatedCardProcessor;

  before(async () => {
    db = await setUpDatabase('payments_methods');
    keys = await startKeyServer();
    auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
    payments = paymentsWith(db);
    simulator = payments.processor as SimulatedCardProcessor;
    app = await appWith(payments.processor);
  });
  after(async () => {
    await app.close();
    await keys.close();
    await db.close();
  });

  const appWith = (processor: CardProcessor) =>
    buildApp({ pool: db.pool, auth, processor, processorTimeoutMs: TIMEOUT_MS, logger: createLogger('payments', 'silent'), now: midJune });

  const save = async (userId: string | undefined, card: unknown, on: ServiceApp = app) => on.inject({
    method: 'POST', url: '/payments/methods', payload: { card },
    headers: userId ? { authorization: `Bearer ${await keys.token(userId)}` } : {},
  });
  const list = async (userId?: string) => app.inject({
    method: 'GET', url: '/payments/methods', headers: userId ? { authorization: `Bearer ${await keys.token(userId)}` } : {},
  });

  test('POST saves a card: 201 with its id, brand, last four and expiry, and never the number', async () => {
    const userId = randomUUID();
    const response = await save(userId, cardOf({ number: '5555 5555-5555 4444', expMonth: 7, expYear: (thisYear + 2) % 100 }));
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), ['brand', 'expMonth', 'expYear', 'last4', 'paymentMethodId']);
    assert.match(body.paymentMethodId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual({ ...body, paymentMethodId: undefined }, { paymentMethodId: undefined, brand: 'mastercard', last4: '4444', expMonth: 7, expYear: thisYear + 2 });
    assert.doesNotMatch(response.body, /5555555555554444|5555 5555|sim_tok_/);
    const { rows: [row] } = await db.pool.query('SELECT * FROM payment_methods WHERE id = $1', [body.paymentMethodId]);
    assert.deepEqual(Object.keys(row).sort(), ['brand', 'card_fingerprint', 'created_at', 'exp_month', 'exp_year', 'id', 'last4', 'processor_token', 'user_id_ref']);
    assert.equal(row.user_id_ref, userId);
    assert.match(row.processor_token, /^sim_tok_/);
    assert.match(row.card_fingerprint, /^fp_[A-Za-z0-9_-]{24}$/);
    assert.ok(!JSON.stringify(row).includes('5555555555554444'));
  });

  test('the saved method pays: its id is what payments.authorize takes', async () => {
    const userId = randomUUID();
    const { paymentMethodId } = (await save(userId, cardOf())).json();
    const command = authorizeCommand({ userId, paymentMethodId });
    await payments.authorize(command);
    const { rows: [payment] } = await db.pool.query('SELECT status, payment_method_id, card_last4 FROM payments WHERE order_id_ref = $1', [command.orderId]);
    assert.deepEqual(payment, { status: 'authorized', payment_method_id: paymentMethodId, card_last4: '4242' });
  });

  test('GET lists the caller\'s own methods, newest first, as they were answered', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const first = (await save(alice, cardOf())).json();
    const second = (await save(alice, cardOf({ number: TEST_CARDS.approveMastercard }))).json();
    await save(bob, cardOf());
    const response = await list(alice);
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { items: [second, first] });
    assert.doesNotMatch(response.body, /4242424242424242|5555555555554444|sim_tok_/);
    assert.deepEqual((await list(randomUUID())).json(), { items: [] });
  });

  test('the same card saved again (however it is typed) answers 200 with the method the user has: one card in the list', async () => {
    const userId = randomUUID();
    const first = await save(userId, cardOf({ number: '4242 4242 4242 4242', expMonth: 9, expYear: thisYear + 3 }));
    assert.equal(first.statusCode, 201);
    const tokenized = simulator.calls.tokenize;
    const again = await save(userId, cardOf({ number: '4242-4242-4242-4242', expMonth: 9, expYear: (thisYear + 3) % 100, cvc: '999' }));
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), first.json());
    assert.equal(simulator.calls.tokenize, tokenized + 1, 'the vault is asked: only its fingerprint says it is the same card');
    assert.deepEqual((await list(userId)).json(), { items: [first.json()] });
  });

  test('a new expiry (the card reissued), another number or another user: a method of its own', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const card = cardOf({ expMonth: 3, expYear: thisYear + 2 });
    const saved = await save(alice, card);
    const reissued = await save(alice, { ...card, expYear: thisYear + 5 });
    const other = await save(alice, { ...card, number: TEST_CARDS.approveMastercard });
    const bobs = await save(bob, card);
    assert.deepEqual([saved, reissued, other, bobs].map((r) => r.statusCode), [201, 201, 201, 201]);
    assert.equal(new Set([saved, reissued, other, bobs].map((r) => r.json().paymentMethodId)).size, 4);
    assert.equal((await list(alice)).json().items.length, 3);
    const { rows } = await db.pool.query('SELECT DISTINCT card_fingerprint FROM payment_methods WHERE user_id_ref = ANY($1)', [[alice, bob]]);
    assert.equal(rows.length, 2, 'the fingerprint follows the number: one for 4242…, one for 5555…');
  });

  test('the same card saved twice at once makes one method; once removed, it is saved anew', async () => {
    const userId = randomUUID();
    const card = cardOf({ expMonth: 11, expYear: thisYear + 1 });
    const answers = await Promise.all([save(userId, card), save(userId, card), save(userId, card)]);
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 200, 201]);
    assert.equal(new Set(answers.map((r) => r.json().paymentMethodId)).size, 1);
    assert.equal((await list(userId)).json().items.length, 1);
    const { paymentMethodId } = answers[0]!.json();
    assert.equal((await remove(userId, paymentMethodId)).statusCode, 204);
    const anew = await save(userId, card);
    assert.equal(anew.statusCode, 201);
    assert.notEqual(anew.json().paymentMethodId, paymentMethodId);
  });

  test('a method saved before fingerprints (none stored) is never matched: the card saved now is a method of its own', async () => {
    const userId = randomUUID();
    const card = cardOf({ expMonth: 4, expYear: thisYear + 2 });
    const old = (await save(userId, card)).json();
    await db.pool.query('UPDATE payment_methods SET card_fingerprint = NULL WHERE id = $1', [old.paymentMethodId]);
    const now = await save(userId, card);
    assert.equal(now.statusCode, 201);
    assert.notEqual(now.json().paymentMethodId, old.paymentMethodId);
  });

  const invalid: [string, unknown, string[]][] = [
    ['fails the Luhn check', { number: '4242424242424241' }, ['body.card.number']],
    ['too short', { number: '4242' }, ['body.card.number']],
    ['too long', { number: '42424242424242424242' }, ['body.card.number']],
    ['not digits', { number: 'not a card number' }, ['body.card.number']],
    ['expired in an earlier year', { expYear: 2001 }, ['body.card.expYear']],
    ['expired earlier this year', { expMonth: 5, expYear: thisYear }, ['body.card.expMonth']],
    ['month 13', { expMonth: 13 }, ['body.card.expMonth']],
    ['month 0', { expMonth: 0 }, ['body.card.expMonth']],
    ['a two-digit security code', { cvc: '12' }, ['body.card.cvc']],
    ['a security code with letters', { cvc: '12a' }, ['body.card.cvc']],
    ['several problems at once', { number: '1234', expMonth: 14, cvc: '1' }, ['body.card.cvc', 'body.card.expMonth', 'body.card.number']],
  ];
  for (const [what, card, fields] of invalid) {
    test(`400 naming the field when the card ${what}; the processor is not asked`, async () => {
      const before = simulator.calls.tokenize;
      const typed = cardOf(card as Partial<CardFields>);
      const response = await save(randomUUID(), typed);
      assert.equal(response.statusCode, 400);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      const problem = response.json();
      assert.equal(problem.code, 'invalid_data');
      assert.deepEqual(problem.errors.map((e: { field: string }) => e.field).sort(), fields);
      if (typed.number.length >= 8) assert.ok(!response.body.includes(typed.number), 'the answer does not repeat the number');
      assert.equal(simulator.calls.tokenize, before);
    });
  }

  test('400 naming the field when the body is not a card at all', async () => {
    const userId = randomUUID();
    const { cvc: _, ...withoutCvc } = cardOf();
    const cases: [unknown, string[]][] = [
      [withoutCvc, ['body.card.cvc']],
      [{ ...cardOf(), expMonth: 'June' }, ['body.card.expMonth']],
      [{ ...cardOf(), holder: 'A. Customer' }, ['body.card.holder']],
    ];
    for (const [card, fields] of cases) {
      const response = await save(userId, card);
      assert.equal(response.statusCode, 400, JSON.stringify(card));
      assert.deepEqual(response.json().errors.map((e: { field: string }) => e.field).sort(), fields);
    }
    const none = await app.inject({ method: 'POST', url: '/payments/methods', payload: {}, headers: { authorization: `Bearer ${await keys.token(userId)}` } });
    assert.deepEqual(none.json().errors.map((e: { field: string }) => e.field), ['body.card']);
    assert.deepEqual((await list(userId)).json(), { items: [] }, 'nothing was saved');
  });

  const remove = async (userId: string | undefined, paymentMethodId: string) => app.inject({
    method: 'DELETE', url: `/payments/methods/${paymentMethodId}`, headers: userId ? { authorization: `Bearer ${await keys.token(userId)}` } : {},
  });

  test('DELETE removes one of my cards (204): gone from my list, the payments it made kept with brand and last four', async () => {
    const userId = randomUUID();
    const kept = (await save(userId, cardOf({ number: TEST_CARDS.approveMastercard }))).json();
    const { paymentMethodId } = (await save(userId, cardOf())).json();
    const command = authorizeCommand({ userId, paymentMethodId });
    await payments.authorize(command);

    const response = await remove(userId, paymentMethodId);
    assert.equal(response.statusCode, 204, response.body);
    assert.deepEqual((await list(userId)).json().items.map((m: { paymentMethodId: string }) => m.paymentMethodId), [kept.paymentMethodId]);
    const { rows: [payment] } = await db.pool.query('SELECT status, payment_method_id, card_brand, card_last4 FROM payments WHERE order_id_ref = $1', [command.orderId]);
    assert.deepEqual(payment, { status: 'authorized', payment_method_id: null, card_brand: 'visa', card_last4: '4242' });
    // Removed once: a second DELETE finds nothing, and an order paid with it now is declined, not stuck.
    assert.equal((await remove(userId, paymentMethodId)).statusCode, 404);
    const later = authorizeCommand({ userId, paymentMethodId });
    await payments.authorize(later);
    const { rows: [declined] } = await db.pool.query('SELECT status, decline_reason FROM payments WHERE order_id_ref = $1', [later.orderId]);
    assert.deepEqual(declined, { status: 'declined', decline_reason: 'invalid_payment_method' });
  });

  test('DELETE of a card that is not mine, or of no card: 404, the same answer, nothing removed; 401 without a token', async () => {
    const [alice, mallory] = [randomUUID(), randomUUID()];
    const { paymentMethodId } = (await save(alice, cardOf())).json();
    const theirs = await remove(mallory, paymentMethodId);
    const none = await remove(mallory, randomUUID());
    assert.deepEqual([theirs.statusCode, none.statusCode], [404, 404]);
    assert.equal(theirs.json().detail, none.json().detail);
    assert.match(String(theirs.headers['content-type']), /^application\/problem\+json/);
    assert.equal((await remove(undefined, paymentMethodId)).statusCode, 401);
    assert.equal((await remove(alice, 'not-a-uuid')).statusCode, 400);
    assert.equal((await list(alice)).json().items.length, 1, 'alice\'s card is still there');
  });

  test('DELETE while an order is being paid with the card: 409 with Retry-After, and the authorization completes with it', async () => {
    // The processor (outside Bazaar) holds its answer until released: the payment stays pending meanwhile.
    const real = simulatorOver(db.pool);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const holding: CardProcessor = {
      tokenize: (card, options) => real.tokenize(card, options),
      authorize: async (request, options) => { await held; return real.authorize(request, options); },
      capture: (request, options) => real.capture(request, options),
      void: (request, options) => real.void(request, options),
      refund: (request, options) => real.refund(request, options),
    };
    const slow = paymentsWith(db, holding);
    const userId = randomUUID();
    const { paymentMethodId } = (await save(userId, cardOf())).json();
    const command = authorizeCommand({ userId, paymentMethodId });
    const authorizing = slow.authorize(command);
    for (let i = 0; i < 200; i++) {
      const { rows } = await db.pool.query("SELECT 1 FROM payments WHERE order_id_ref = $1 AND status = 'pending'", [command.orderId]);
      if (rows.length) break;
      await sleep(10);
    }
    const refused = await remove(userId, paymentMethodId);
    release();
    await authorizing;
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.headers['retry-after'], '5');
    assert.match(refused.json().detail, /an order is being paid with this card right now/);
    const { rows: [payment] } = await db.pool.query('SELECT status, payment_method_id FROM payments WHERE order_id_ref = $1', [command.orderId]);
    assert.deepEqual(payment, { status: 'authorized', payment_method_id: paymentMethodId });
    assert.equal((await remove(userId, paymentMethodId)).statusCode, 204, 'removed once the order has its answer');
  });

  test('401 without a token', async () => {
    assert.equal((await save(undefined, cardOf())).statusCode, 401);
    assert.equal((await list()).statusCode, 401);
  });

  test('503 (retryable) and nothing saved when the processor\'s vault fails or does not answer in time', async () => {
    const failing = vaultOnly(async () => { throw new Error('vault unreachable'); });
    const hanging = vaultOnly(async (_card, options) => { await sleep(60_000, undefined, { signal: options?.signal }); throw new Error('unreachable'); });
    for (const processor of [failing, hanging]) {
      const other = await appWith(processor);
      const userId = randomUUID();
      const response = await save(userId, cardOf(), other);
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().code, 'unavailable');
      assert.equal(response.json().retryable, true);
      assert.deepEqual((await list(userId)).json(), { items: [] });
      await other.close();
    }
  });

  test('no full card number or security code is stored anywhere: every text column of every table', async () => {
    const cvc = '9173';
    const numbers = Object.values(TEST_CARDS);
    const userId = randomUUID();
    for (const number of numbers) {
      const spaced = number.replace(/(\d{4})(?=\d)/g, '$1 ');
      const response = await save(userId, cardOf({ number: spaced, cvc }));
      assert.equal(response.statusCode, 201);
      const command = authorizeCommand({ userId, paymentMethodId: response.json().paymentMethodId });
      await payments.authorize(command);
      await payments.capture(command.orderId);
      await payments.refund(command.orderId, 100);
      await payments.void(command.orderId);
    }
    const refused = '4242424242424241';
    assert.equal((await save(userId, cardOf({ number: refused, cvc }))).statusCode, 400);

    const { rows: columns } = await db.pool.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character', 'character varying', 'json', 'jsonb')`,
    );
    const tables = new Set(columns.map((c) => c.table_name));
    for (const table of ['payments', 'payment_operations', 'payment_methods', 'outbox', 'card_simulator_vault', 'card_simulator_authorizations', 'card_simulator_requests']) {
      assert.ok(tables.has(table), `${table} was scanned`);
    }
    const { rows: [{ n: vaulted }] } = await db.pool.query('SELECT count(*)::int AS n FROM card_simulator_vault');
    assert.ok(vaulted >= numbers.length, 'the cards are in the vault (by token)');
    for (const { table_name, column_name } of columns) {
      const { rows } = await db.pool.query<{ value: string }>(`SELECT "${column_name}"::text AS value FROM "${table_name}" WHERE "${column_name}" IS NOT NULL`);
      for (const { value } of rows) {
        const digits = value.replace(/[\s-]/g, '');
        for (const number of [...numbers, refused]) assert.ok(!digits.includes(number), `${table_name}.${column_name} holds a card number`);
        assert.notEqual(value, cvc, `${table_name}.${column_name} holds a security code`);
        assert.ok(!value.includes(`"${cvc}"`) && !/cvc/i.test(value), `${table_name}.${column_name} holds a security code`);
      }
    }
    // The processor's tokens stay in payments too: no event carries one.
    const { rows: [{ n: leaked }] } = await db.pool.query("SELECT count(*)::int AS n FROM outbox WHERE envelope::text LIKE '%sim_tok_%'");
    assert.equal(leaked, 0);
  });
});

/** A processor whose vault is `tokenize` and which must not be asked anything else. */
function vaultOnly(tokenize: CardProcessor['tokenize']): CardProcessor {
  const unexpected = async (): Promise<never> => { throw new Error('only the vault should be asked'); };
  return { tokenize, authorize: unexpected, capture: unexpected, void: unexpected, refund: unexpected };
}
