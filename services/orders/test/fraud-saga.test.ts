// The fraud screening as the pure saga decides it, the scorer simulator's documented rules, and how a
// verdict is obtained from a scorer (timeout, failure, nonsense). No database: see
// fraud-checkout.test.ts for the same through orders' routes, flags, database and screening job.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FRAUD_REJECTION, decide, orderStatusOf, startSaga } from '../src/checkout/saga.js';
import type { Saga, SagaInput, Screening } from '../src/checkout/saga.types.js';
import { screen } from '../src/checkout/screening.js';
import type { FraudScorer } from '../src/fraud/fraud-scorer.js';
import { SimulatedFraudScorer } from '../src/fraud/simulated-scorer.js';
import { ORDER_ID, T0, ctx, everyDeliveryEvent, everyReply, facts, ids, later, reply, run, settings } from './saga.fixtures.js';

const STEP = settings.stepTimeoutMs;
const screening = (): Saga => startSaga(facts, ids, settings, T0, { fraudCheck: true }).saga;
const screened = (s: Screening): SagaInput => ({ type: 'screened', screening: s });
const pass: Screening = { verdict: 'pass', score: 5, threshold: 70, reasons: [] };
const suspicious: Screening = { verdict: 'reject', score: 95, threshold: 70, reasons: ['shipping address on the watch list'] };

describe('a saga that screens', () => {
  test('starts in screening, waiting on screen-fraud, with nothing sent and nothing held; the decision is kept with the saga', () => {
    const start = startSaga(facts, ids, settings, T0, { fraudCheck: true });
    assert.equal(start.saga.state, 'screening');
    assert.equal(start.saga.step, 'screen-fraud');
    assert.equal(start.saga.fraudCheck, true);
    assert.deepEqual(start.saga.deadlineAt, later(STEP));
    assert.deepEqual(start.commands, []);
    assert.deepEqual(start.events, []);
    assert.deepEqual({ payment: start.saga.payment, reservation: start.saga.reservation, shipment: start.saga.shipment }, { payment: 'none', reservation: 'none', shipment: 'none' });
    assert.deepEqual(start.log, [{ step: 'screen-fraud', kind: 'action', status: 'started', detail: null }]);
    assert.equal(orderStatusOf(start.saga), 'pending');
  });

  test('one that does not screen starts as before, and says so', () => {
    const start = startSaga(facts, ids, settings, T0, { fraudCheck: false });
    assert.deepEqual(start, startSaga(facts, ids, settings, T0));
    assert.equal(start.saga.fraudCheck, false);
    assert.equal(start.saga.state, 'authorizing');
    assert.deepEqual(start.commands.map((c) => c.type), ['payments.authorize', 'inventory.reserve']);
  });

  test('passed: authorizes and reserves next (both at once), and the rest of the checkout runs as without screening', () => {
    const r = run(screening(), screened(pass), reply.authorized(), reply.reserved(), reply.created(), reply.captured());
    assert.equal(r.saga.state, 'confirmed');
    assert.equal(r.saga.fraudCheck, true);
    assert.deepEqual(r.sent, ['payments.authorize', 'inventory.reserve', 'shipping.create-shipment', 'payments.capture']);
    assert.deepEqual(r.decisions[0]!.commands.map((c) => c.type), ['payments.authorize', 'inventory.reserve']);
    assert.deepEqual(r.decisions[0]!.log, [
      { step: 'screen-fraud', kind: 'action', status: 'succeeded', detail: 'score 5, below 70: passed' },
      { step: 'authorize-payment', kind: 'action', status: 'started', detail: null },
      { step: 'reserve-stock', kind: 'action', status: 'started', detail: null },
    ]);
    assert.equal(r.decisions[0]!.saga.payment, 'authorizing');
    assert.equal(r.decisions[0]!.saga.reservation, 'reserving');
    assert.deepEqual(r.decisions[0]!.saga.deadlineAt, later(STEP));
  });

  test('fraud suspected: rejected at once with its reason, nothing sent (nothing was charged or reserved, nothing to compensate)', () => {
    const r = run(screening(), screened(suspicious));
    assert.equal(r.saga.state, 'rejected');
    assert.equal(r.saga.step, null);
    assert.equal(r.saga.deadlineAt, null);
    assert.equal(r.saga.reason, FRAUD_REJECTION);
    assert.match(FRAUD_REJECTION, /fraud-suspected/);
    assert.deepEqual(r.sent, []);
    assert.deepEqual(r.events, ['order.rejected']);
    const [event] = r.decisions[0]!.events;
    assert.ok(event?.type === 'order.rejected');
    assert.deepEqual(event.payload, { orderId: ORDER_ID, orderNumber: facts.orderNumber, userId: facts.userId, reason: FRAUD_REJECTION, rejectedAt: T0.toISOString() });
    assert.deepEqual(r.decisions[0]!.log, [
      { step: 'screen-fraud', kind: 'action', status: 'failed', detail: 'score 95, at or above 70: fraud suspected: shipping address on the watch list' },
      { step: 'reject-order', kind: 'action', status: 'succeeded', detail: FRAUD_REJECTION },
    ]);
    assert.equal(orderStatusOf(r.saga), 'rejected');
  });

  test('no score (the scorer timed out or failed): let through unscreened, and the step log says which', () => {
    const timedOut = run(screening(), screened({ verdict: 'unavailable', cause: 'timeout', detail: 'the scorer did not answer within 2000 ms' }));
    assert.equal(timedOut.saga.state, 'authorizing');
    assert.deepEqual(timedOut.sent, ['payments.authorize', 'inventory.reserve']);
    assert.deepEqual(timedOut.decisions[0]!.log[0], {
      step: 'screen-fraud', kind: 'action', status: 'timed_out', detail: 'no score: the scorer did not answer within 2000 ms; let through unscreened',
    });
    const failed = run(screening(), screened({ verdict: 'unavailable', cause: 'error', detail: 'the scorer failed: 503' }));
    assert.equal(failed.saga.state, 'authorizing');
    assert.deepEqual(failed.sent, ['payments.authorize', 'inventory.reserve']);
    assert.equal(failed.decisions[0]!.log[0]!.status, 'failed');
  });

  test('its deadline passing without a verdict (the screening job not running): let through unscreened, logged as timed out', () => {
    const early = decide(screening(), { type: 'deadline' }, ctx(later(STEP - 1)));
    assert.equal(early.changed, false);
    const r = run(screening(), [{ type: 'deadline' }, later(STEP)]);
    assert.equal(r.saga.state, 'authorizing');
    assert.deepEqual(r.sent, ['payments.authorize', 'inventory.reserve']);
    assert.deepEqual(r.decisions[0]!.log[0], { step: 'screen-fraud', kind: 'action', status: 'timed_out', detail: `no verdict within ${STEP} ms: let through unscreened` });
  });

  test('a verdict for a saga that has moved on, or a second verdict, changes nothing', () => {
    const passed = run(screening(), screened(pass)).saga;
    for (const s of [pass, suspicious]) assert.equal(decide(passed, screened(s), ctx()).changed, false);
    const rejected = run(screening(), screened(suspicious)).saga;
    assert.equal(decide(rejected, screened(pass), ctx()).changed, false);
    const afterDeadline = run(screening(), [{ type: 'deadline' }, later(STEP)]).saga;
    assert.equal(decide(afterDeadline, screened(suspicious), ctx()).changed, false);
    // A saga that does not screen is never screened, whatever verdict comes.
    assert.equal(decide(startSaga(facts, ids, settings, T0).saga, screened(suspicious), ctx()).changed, false);
  });

  test('the customer cancels while it screens: cancelled at once, nothing to undo; a verdict afterwards changes nothing', () => {
    const r = run(screening(), { type: 'cancel', shippingStatus: null });
    assert.equal(r.saga.state, 'cancelled');
    assert.deepEqual(r.sent, []);
    assert.deepEqual(r.events, ['order.cancelled']);
    const [event] = r.decisions[0]!.events;
    assert.ok(event?.type === 'order.cancelled');
    assert.equal(event.payload.refundedMinor, 0);
    assert.equal(decide(r.saga, screened(pass), ctx()).changed, false);
  });

  test('no reply or delivery event moves a screening saga (nothing has been asked of anyone)', () => {
    for (const make of [...Object.values(everyReply), ...Object.values(everyDeliveryEvent)]) {
      const d = decide(screening(), make(), ctx());
      assert.equal(d.changed, false, make().type);
    }
  });
});

describe('leaving the screening', () => {
  test('once passed, the saga is the one that would have started unscreened at that moment (its decision kept): the rest of the saga is as every other test proves it', () => {
    const at = later(1_234);
    const passed = decide(screening(), screened(pass), ctx(at));
    const unscreened = startSaga(facts, ids, settings, at);
    assert.deepEqual({ ...passed.saga, fraudCheck: false }, unscreened.saga);
    assert.deepEqual(passed.commands, unscreened.commands);
  });

  test('whatever comes while it screens (verdicts, deadlines, cancellations, stray replies, in any order): nothing is sent before it leaves, and a rejection or cancellation never sends anything', () => {
    // A small deterministic PRNG (mulberry32): a failing seed can be replayed.
    const prng = (seed: number) => () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const strays = [...Object.values(everyReply), ...Object.values(everyDeliveryEvent)];
    const verdicts: Screening[] = [pass, suspicious, { verdict: 'unavailable', cause: 'timeout', detail: 'slow' }, { verdict: 'unavailable', cause: 'error', detail: '503' }];
    const exits = new Set<string>();
    for (let seed = 1; seed <= 500; seed++) {
      const next = prng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
      let saga = screening();
      let left: string | undefined;
      for (let i = 0; i < 12; i++) {
        const now = later(Math.floor(next() * 2 * STEP));
        const input: SagaInput = pick<() => SagaInput>([
          () => screened(pick(verdicts)), () => ({ type: 'deadline' }), () => ({ type: 'cancel', shippingStatus: null }), () => pick(strays)(),
        ])();
        const d = decide(saga, input, ctx(now));
        const sent = d.commands.map((c) => c.type);
        if (saga.state === 'screening' && d.saga.state !== 'screening') {
          left = d.saga.state;
          exits.add(left);
          const expected = { authorizing: [['payments.authorize', 'inventory.reserve'], []], rejected: [[], ['order.rejected']], cancelled: [[], ['order.cancelled']] }[left as 'authorizing'];
          assert.ok(expected, `seed ${seed}: left screening for ${left}`);
          assert.deepEqual([sent, d.events.map((e) => e.type)], expected, `seed ${seed}: on leaving for ${left}`);
        } else if (saga.state === 'screening') {
          assert.deepEqual([sent, d.events], [[], []], `seed ${seed}: while screening`);
        } else if (left !== 'authorizing') {
          assert.deepEqual(sent, [], `seed ${seed}: after ${left}, nothing is ever sent`);
        }
        saga = d.saga;
        assert.equal(saga.fraudCheck, true);
      }
    }
    assert.deepEqual([...exits].sort(), ['authorizing', 'cancelled', 'rejected'], 'the runs left the screening every way it can be left');
  });
});

describe('the scorer simulator', () => {
  const scorer = new SimulatedFraudScorer();
  const request = (totalMinor: number, postalCode = 'N1 9GU') => ({
    orderId: ORDER_ID, userId: facts.userId, totalMinor, currency: 'EUR', units: 1, shippingAddress: { ...facts.recipient, postalCode },
  });
  const score = (totalMinor: number, postalCode?: string) => scorer.score(request(totalMinor, postalCode), { signal: new AbortController().signal });

  test('a score from the total and the shipping address, the same every time', async () => {
    assert.deepEqual(await score(4_900), { score: 5, reasons: [] });
    assert.deepEqual(await score(4_900), await score(4_900));
    assert.equal((await score(100_000)).score, 5);
    assert.deepEqual(await score(100_001), { score: 30, reasons: ['large order (EUR 1000.01)'] });
    assert.deepEqual(await score(500_001), { score: 75, reasons: ['very large order (EUR 5000.01)'] });
    assert.deepEqual(await score(4_900, '66666'), { score: 95, reasons: ['shipping address on the watch list'] });
    assert.equal((await score(600_000, '66666')).score, 100);
  });

  test('postal code 99998 fails; 99999 never answers until the caller gives up', async () => {
    await assert.rejects(score(4_900, '99998'), /503/);
    const controller = new AbortController();
    const silent = scorer.score(request(4_900, '99999'), { signal: controller.signal });
    controller.abort(new Error('given up'));
    await assert.rejects(silent, /given up/);
  });
});

describe('asking the scorer for a verdict', () => {
  const options = (scorer: FraudScorer) => ({ scorer, timeoutMs: 100, rejectScore: 70 });
  const orderTo = (postalCode: string, totalMinor = facts.totalMinor) => ({ ...facts, totalMinor, recipient: { ...facts.recipient, postalCode } });

  test('pass below the threshold, reject at or above it, with the score and reasons', async () => {
    assert.deepEqual(await screen(facts, options(new SimulatedFraudScorer())), { verdict: 'pass', score: 5, threshold: 70, reasons: [] });
    assert.deepEqual(await screen(orderTo('66666'), options(new SimulatedFraudScorer())), {
      verdict: 'reject', score: 95, threshold: 70, reasons: ['shipping address on the watch list'],
    });
    const exactly = { score: (): Promise<{ score: number; reasons: string[] }> => Promise.resolve({ score: 70, reasons: [] }) };
    assert.equal((await screen(facts, options(exactly))).verdict, 'reject');
  });

  test('no answer within the timeout, a failure, or a score out of range: unavailable, naming why', async () => {
    assert.deepEqual(await screen(orderTo('99999'), options(new SimulatedFraudScorer())), {
      verdict: 'unavailable', cause: 'timeout', detail: 'the scorer did not answer within 100 ms',
    });
    // A scorer that ignores the signal is given up on all the same.
    const deaf = { score: () => new Promise<never>(() => undefined) };
    assert.equal((await screen(facts, options(deaf))).verdict, 'unavailable');
    const failed = await screen(orderTo('99998'), options(new SimulatedFraudScorer()));
    assert.ok(failed.verdict === 'unavailable' && failed.cause === 'error');
    assert.match(failed.detail, /^the scorer failed: .*503/);
    const nonsense = { score: () => Promise.resolve({ score: 140, reasons: [] }) };
    assert.deepEqual(await screen(facts, options(nonsense)), { verdict: 'unavailable', cause: 'error', detail: 'the scorer answered an invalid score (140)' });
  });
});
