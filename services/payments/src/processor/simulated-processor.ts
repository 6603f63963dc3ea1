// A SIMULATED card processor. Bazaar charges no real cards: the processor is an external system, so
// it is stood in for by this simulator behind the CardProcessor adapter. It behaves like a real
// processor where payments depends on it: it keeps cards in a vault and answers tokens for them, it
// honours idempotency keys (a repeated key replays the first answer and has no second effect), it
// can be slow, it can fail, and it can time out after having done the work.
//
// Where its state lives: a real processor keeps its vault, authorizations and idempotency records on
// its own side, and they outlive anything that happens to us. The simulator's stand-in for that
// storage is a set of tables of its own, `card_simulator_*`, in payments' database (migration
// 0004_card_simulator.sql). So a new instance over the same database (payments restarted, even
// SIGKILLed) sees every authorization and every answer the previous one gave. Payments' own code
// never touches those tables. Only the per-instance call counters are in memory.
//
// The vault does not keep the card number: what a number decides (the test cards below) is worked
// out when it is tokenized and kept with the token as the card's `behaviour`.
//
// Test cards (any future expiry date, any 3-digit security code):
//
// | number              | authorize                                            | afterwards                 |
// |---------------------|------------------------------------------------------|----------------------------|
// | 4242 4242 4242 4242 | approved                                             | capture, void, refund work |
// | 5555 5555 5555 4444 | approved (mastercard)                                | capture, void, refund work |
// | 4000 0000 0000 0002 | declined: card_declined                              |                            |
// | 4000 0000 0000 9995 | declined: insufficient_funds                         |                            |
// | 4000 0000 0000 0119 | processor error                                      |                            |
// | 4000 0000 0000 0069 | authorizes, then never answers in time (hangs until  | void releases it           |
// |                     | the caller gives up): payments sees a timeout        |                            |
// | 4000 0000 0000 0077 | approved after a slow answer (1.5 s by default,      | capture, void, refund work |
// |                     | within the default timeout)                          |                            |
// | 4000 0000 0000 0341 | approved                                             | capture is declined        |
// | any other number    | approved if it passes the vault's checks             | capture, void, refund work |
//
// Numbers that fail the Luhn check or are not 12 to 19 digits are refused by payments before they
// reach the vault (and by the vault itself if they did). A token the vault does not know is declined
// as `invalid_payment_method`.
import { createHmac, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { withTransaction, type Pool, type PoolClient, type Queryable } from '@bazaar/platform';
import { brandOf, luhnValid } from '../payments/card.js';
import type {
  AuthorizeAnswer, AuthorizeRequest, CardDetails, CardProcessor, OperationAnswer, ProcessorCallOptions, TokenizedCard, VoidRequest,
} from './card-processor.js';

export const TEST_CARDS = {
  approve: '4242424242424242',
  approveMastercard: '5555555555554444',
  decline: '4000000000000002',
  insufficientFunds: '4000000000009995',
  processorError: '4000000000000119',
  timeout: '4000000000000069',
  slow: '4000000000000077',
  captureDeclined: '4000000000000341',
} as const;

/** What the simulator does with charges to a card, decided by its number when it is tokenized. */
export type CardBehaviour = 'approve' | 'decline' | 'insufficient_funds' | 'processor_error' | 'timeout' | 'slow' | 'capture_declined';

const behaviours: Record<string, CardBehaviour> = {
  [TEST_CARDS.decline]: 'decline',
  [TEST_CARDS.insufficientFunds]: 'insufficient_funds',
  [TEST_CARDS.processorError]: 'processor_error',
  [TEST_CARDS.timeout]: 'timeout',
  [TEST_CARDS.slow]: 'slow',
  [TEST_CARDS.captureDeclined]: 'capture_declined',
};

export const behaviourOf = (number: string): CardBehaviour => behaviours[number] ?? 'approve';

export interface SimulatedAuthorization {
  id: string;
  orderId: string;
  authorizeKey: string;
  token: string;
  amountMinor: number;
  currency: string;
  last4: string;
  status: 'authorized' | 'captured' | 'voided';
  capturedMinor: number;
  refundedMinor: number;
  captureDeclines: boolean;
}

export interface SimulatorOptions {
  /** The database holding the simulator's tables (`card_simulator_*`): payments' own, in Bazaar. */
  pool: Pool;
  /** How long the slow card takes to answer. */
  slowMs?: number;
  /** How long the timeout card hangs before it would answer (the caller gives up long before). */
  hangMs?: number;
}

type Kind = 'authorize' | 'capture' | 'void' | 'refund';
type Answer = AuthorizeAnswer | OperationAnswer;

interface AuthorizationRow {
  id: string; order_id_ref: string; authorize_key: string; token: string; amount_minor: number; currency: string;
  last4: string; status: SimulatedAuthorization['status']; captured_minor: number; refunded_minor: number; behaviour: CardBehaviour;
}

const AUTHORIZATION_COLUMNS = `a.id, a.order_id_ref, a.authorize_key, a.token, a.amount_minor, a.currency, v.last4, a.status,
  a.captured_minor, a.refunded_minor, v.behaviour`;

const toAuthorization = (r: AuthorizationRow): SimulatedAuthorization => ({
  id: r.id, orderId: r.order_id_ref, authorizeKey: r.authorize_key, token: r.token, amountMinor: r.amount_minor,
  currency: r.currency, last4: r.last4, status: r.status, capturedMinor: r.captured_minor, refundedMinor: r.refunded_minor,
  captureDeclines: r.behaviour === 'capture_declined',
});

/** The simulator. Its state is in the database; `calls` counts what this instance received. */
export class SimulatedCardProcessor implements CardProcessor {
  /** Every call this instance received, replays included. */
  readonly calls: Record<Kind | 'tokenize', number> = { tokenize: 0, authorize: 0, capture: 0, void: 0, refund: 0 };
  private readonly pool: Pool;
  private readonly slowMs: number;
  private readonly hangMs: number;

  private key: Promise<Buffer> | undefined;

  /** The account's fingerprint key (migration 0006), read once. */
  private fingerprintKey(): Promise<Buffer> {
    this.key ??= this.pool.query<{ fingerprint_key: Buffer }>('SELECT fingerprint_key FROM card_simulator_account').then(({ rows }) => {
      if (!rows[0]) throw new Error('the card simulator has no account key: are payments\' migrations applied?');
      return rows[0].fingerprint_key;
    });
    this.key.catch(() => { this.key = undefined; });
    return this.key;
  }

  constructor(options: SimulatorOptions) {
    this.pool = options.pool;
    this.slowMs = options.slowMs ?? 1500;
    this.hangMs = options.hangMs ?? 60_000;
  }

  async tokenize(card: CardDetails, options: { signal?: AbortSignal } = {}): Promise<TokenizedCard> {
    this.calls.tokenize++;
    const number = card.number.replace(/\D/g, '');
    if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) throw new Error('the vault refused the card: not a valid card number');
    if (!/^\d{3,4}$/.test(card.cvc)) throw new Error('the vault refused the card: not a valid security code');
    options.signal?.throwIfAborted();
    const fingerprint = `fp_${createHmac('sha256', await this.fingerprintKey()).update(number).digest('base64url').slice(0, 24)}`;
    const stored = { token: reference('tok'), brand: brandOf(number), last4: number.slice(-4), fingerprint };
    await this.pool.query(
      `INSERT INTO card_simulator_vault (token, behaviour, brand, last4, exp_month, exp_year) VALUES ($1, $2, $3, $4, $5, $6)`,
      [stored.token, behaviourOf(number), stored.brand, stored.last4, card.expMonth, card.expYear],
    );
    return stored;
  }

  async authorize(request: AuthorizeRequest, options: ProcessorCallOptions): Promise<AuthorizeAnswer> {
    this.calls.authorize++;
    const behaviour = await this.behaviourOfToken(request.token);
    // The work is done (and remembered under the key) before the answer is delayed, as with a real
    // processor whose reply is lost or late: the authorization exists even if the caller gave up.
    const answer = await this.once('authorize', options.idempotencyKey, (tx) =>
      this.decideAuthorization(tx, request, behaviour, options.idempotencyKey));
    if (behaviour === 'timeout') await sleep(this.hangMs, undefined, { signal: options.signal });
    if (behaviour === 'slow') await sleep(this.slowMs, undefined, { signal: options.signal });
    return answer as AuthorizeAnswer;
  }

  async capture(request: { authorizationId: string; amountMinor: number }, options: ProcessorCallOptions): Promise<OperationAnswer> {
    this.calls.capture++;
    return this.once('capture', options.idempotencyKey, async (tx) => {
      const auth = await lockAuthorization(tx, request.authorizationId);
      if (!auth) return declined('unknown_authorization');
      if (auth.status !== 'authorized') return declined(auth.status === 'captured' ? 'already_captured' : 'authorization_voided');
      if (request.amountMinor > auth.amountMinor) return declined('amount_exceeds_authorization');
      if (auth.captureDeclines) return declined('capture_declined');
      await updateAuthorization(tx, auth.id, { status: 'captured', capturedMinor: request.amountMinor });
      return succeeded('cap');
    }) as Promise<OperationAnswer>;
  }

  async void(request: VoidRequest, options: ProcessorCallOptions): Promise<OperationAnswer> {
    this.calls.void++;
    return this.once('void', options.idempotencyKey, async (tx) => {
      let id: string | undefined;
      if ('authorizationId' in request) id = request.authorizationId;
      else {
        // Wait for an authorize call under that key that is still being worked on, so the void
        // cannot miss the authorization it is meant to release.
        await lockKey(tx, 'authorize', request.authorizeKey);
        const { rows } = await tx.query<{ id: string }>('SELECT id FROM card_simulator_authorizations WHERE authorize_key = $1', [request.authorizeKey]);
        id = rows[0]?.id;
      }
      const auth = id ? await lockAuthorization(tx, id) : undefined;
      if (!auth) return succeeded('void_nothing');
      if (auth.status === 'captured') return declined('already_captured');
      await updateAuthorization(tx, auth.id, { status: 'voided' });
      return succeeded('void');
    }) as Promise<OperationAnswer>;
  }

  async refund(request: { authorizationId: string; amountMinor: number }, options: ProcessorCallOptions): Promise<OperationAnswer> {
    this.calls.refund++;
    return this.once('refund', options.idempotencyKey, async (tx) => {
      const auth = await lockAuthorization(tx, request.authorizationId);
      if (!auth || auth.status !== 'captured') return declined('not_captured');
      if (request.amountMinor > auth.capturedMinor - auth.refundedMinor) return declined('amount_exceeds_captured');
      await updateAuthorization(tx, auth.id, { refundedMinor: auth.refundedMinor + request.amountMinor });
      return succeeded('ref');
    }) as Promise<OperationAnswer>;
  }

  /** Authorizations made for an order (tests: "exactly one authorization at the processor"). */
  async authorizationsFor(orderId: string): Promise<SimulatedAuthorization[]> {
    const { rows } = await this.pool.query<AuthorizationRow>(
      `SELECT ${AUTHORIZATION_COLUMNS} FROM card_simulator_authorizations a JOIN card_simulator_vault v USING (token)
        WHERE a.order_id_ref = $1 ORDER BY a.created_at, a.id`,
      [orderId],
    );
    return rows.map(toAuthorization);
  }

  private async behaviourOfToken(token: string): Promise<CardBehaviour | undefined> {
    const { rows } = await this.pool.query<{ behaviour: CardBehaviour }>('SELECT behaviour FROM card_simulator_vault WHERE token = $1', [token]);
    return rows[0]?.behaviour;
  }

  private async decideAuthorization(tx: PoolClient, request: AuthorizeRequest, behaviour: CardBehaviour | undefined, key: string): Promise<AuthorizeAnswer> {
    if (!behaviour) return { outcome: 'declined', reason: 'invalid_payment_method' };
    if (behaviour === 'decline') return { outcome: 'declined', reason: 'card_declined' };
    if (behaviour === 'insufficient_funds') return { outcome: 'declined', reason: 'insufficient_funds' };
    if (behaviour === 'processor_error') return { outcome: 'error', message: 'simulated processor error' };
    const id = reference('auth');
    await tx.query(
      `INSERT INTO card_simulator_authorizations (id, token, order_id_ref, authorize_key, amount_minor, currency, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'authorized')`,
      [id, request.token, request.orderId, key, request.amountMinor, request.currency],
    );
    return { outcome: 'approved', authorizationId: id };
  }

  /**
   * Processor-side idempotency: the first answer under a key is kept (in the same transaction as the
   * work it describes) and replayed. Calls under one key take turns, so two concurrent ones cannot
   * both do the work.
   */
  private once(kind: Kind, key: string, work: (tx: PoolClient) => Promise<Answer>): Promise<Answer> {
    return withTransaction(this.pool, async (tx) => {
      await lockKey(tx, kind, key);
      const { rows } = await tx.query<{ answer: Answer }>(
        'SELECT answer FROM card_simulator_requests WHERE kind = $1 AND idempotency_key = $2', [kind, key]);
      if (rows[0]) return rows[0].answer;
      const answer = await work(tx);
      await tx.query('INSERT INTO card_simulator_requests (kind, idempotency_key, answer) VALUES ($1, $2, $3)', [kind, key, JSON.stringify(answer)]);
      return answer;
    });
  }
}

/** Serialises the calls under one idempotency key until the end of the transaction. */
async function lockKey(tx: Queryable, kind: Kind, key: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('card_simulator:' || $1 || ':' || $2, 0))", [kind, key]);
}

async function lockAuthorization(tx: Queryable, id: string): Promise<SimulatedAuthorization | undefined> {
  const { rows } = await tx.query<AuthorizationRow>(
    `SELECT ${AUTHORIZATION_COLUMNS} FROM card_simulator_authorizations a JOIN card_simulator_vault v USING (token)
      WHERE a.id = $1 FOR UPDATE OF a`,
    [id],
  );
  return rows[0] && toAuthorization(rows[0]);
}

async function updateAuthorization(
  tx: Queryable, id: string, change: { status?: SimulatedAuthorization['status']; capturedMinor?: number; refundedMinor?: number },
): Promise<void> {
  await tx.query(
    `UPDATE card_simulator_authorizations
        SET status = COALESCE($2, status), captured_minor = COALESCE($3, captured_minor),
            refunded_minor = COALESCE($4, refunded_minor), updated_at = clock_timestamp()
      WHERE id = $1`,
    [id, change.status ?? null, change.capturedMinor ?? null, change.refundedMinor ?? null],
  );
}

const reference = (prefix: string) => `sim_${prefix}_${randomBytes(8).toString('hex')}`;
const succeeded = (prefix: string): OperationAnswer => ({ outcome: 'succeeded', reference: reference(prefix) });
const declined = (reason: string): OperationAnswer => ({ outcome: 'declined', reason });
