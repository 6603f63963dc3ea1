// The checkout's domain signals, beside the kit's golden signals: sagas in flight by step, sagas
// stuck, terminal outcomes, and the time from an order placed to confirmed.
//
// The gauges are read from the database when scraped, so every replica reports the same truth and
// nothing is lost on a restart; a database that does not answer leaves their last values and the
// scrape still answers. The outcomes and the time to confirmation are counted as they happen, by the
// replica that decided, once the decision's transaction has committed (`afterCommit`): a decision
// rolled back and made again on the reply's redelivery is counted once.
import { Counter, Gauge, Histogram, afterCommit, within, type Metric, type Pool, type Queryable, type Registry } from '@bazaar/platform';
import type { OrdersPublish } from '../events.js';
import { placedAt, sagaCounts, type StepCounts } from './checkout-metrics.store.js';
import type { OrderEventType, SagaStep } from './saga.types.js';

const STEPS: readonly SagaStep[] = [
  'screen-fraud', 'authorize-payment', 'reserve-stock', 'create-shipment', 'capture-payment', 'cancel-shipment', 'release-stock', 'void-payment', 'refund-payment',
];

const OUTCOMES: Record<OrderEventType, string> = { 'order.confirmed': 'confirmed', 'order.cancelled': 'cancelled', 'order.rejected': 'rejected' };

/** From a click to confirmed: four round trips through the broker when all is well, minutes when a step waits on its deadline. */
const CONFIRM_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** The longest a scrape waits on the database for the saga gauges. */
const SCRAPE_READ_MS = 2_000;

export interface CheckoutMetrics {
  /** Adds the checkout's metrics to the service's registry (the app's, served by runService). */
  register(registry: Registry): void;
  /**
   * Wraps the outbox's `publish`: the order's terminal events (`order.confirmed`, `order.cancelled`,
   * `order.rejected`, each announced once per outcome by the saga) are counted once their
   * transaction commits. Give the result to the routes and the saga's runner alike.
   */
  observe(publish: OrdersPublish): OrdersPublish;
}

export function createCheckoutMetrics(options: { pool: Pick<Pool, 'query'> }): CheckoutMetrics {
  const outcomes = new Counter({
    name: 'checkout_saga_outcomes_total', help: 'Checkouts ended, by outcome (confirmed, cancelled, rejected)', labelNames: ['outcome'] as const, registers: [],
  });
  for (const outcome of Object.values(OUTCOMES)) outcomes.inc({ outcome }, 0);
  const toConfirmed = new Histogram({
    name: 'checkout_time_to_confirmed_seconds', help: 'Time from an order placed to its confirmation', buckets: CONFIRM_BUCKETS, registers: [],
  });

  // One scrape reads the sagas once for both gauges: prom-client starts every collect() in the same
  // tick, so both take the read in progress; it is forgotten as soon as it settles, so the next
  // scrape reads afresh.
  let pending: Promise<StepCounts[]> | undefined;
  const counts = () => (pending ??= within(SCRAPE_READ_MS, sagaCounts(options.pool)).finally(() => (pending = undefined)));
  const inFlight = new Gauge({
    name: 'checkout_sagas_in_flight', help: 'Checkout sagas not ended, by the step they wait on', labelNames: ['step'] as const, registers: [],
    async collect() {
      const rows = await counts().catch(() => undefined);
      if (!rows) return; // database unreachable: the last values stay
      // Every step is reported, 0 when none waits on it, so a step emptied does not keep its last count.
      for (const step of STEPS) this.set({ step }, rows.find((r) => r.step === step)?.inFlight ?? 0);
    },
  });
  const stuck = new Gauge({
    name: 'checkout_sagas_stuck', help: 'Checkout sagas past their step\'s deadline that have not moved on', registers: [],
    async collect() {
      const rows = await counts().catch(() => undefined);
      if (rows) this.set(rows.reduce((sum, r) => sum + r.stuck, 0));
    },
  });

  async function counted(client: Queryable, type: string, payload: unknown): Promise<void> {
    const outcome = OUTCOMES[type as OrderEventType];
    if (!outcome) return;
    let seconds: number | undefined;
    if (type === 'order.confirmed') {
      const { orderId, confirmedAt } = payload as { orderId: string; confirmedAt: string };
      const placed = await placedAt(client, orderId);
      if (placed) seconds = Math.max(0, (Date.parse(confirmedAt) - placed.getTime()) / 1000);
    }
    afterCommit(client, () => {
      outcomes.inc({ outcome });
      if (seconds !== undefined) toConfirmed.observe(seconds);
    });
  }

  return {
    register(registry) {
      const all: [string, Metric][] = [
        ['checkout_saga_outcomes_total', outcomes], ['checkout_time_to_confirmed_seconds', toConfirmed],
        ['checkout_sagas_in_flight', inFlight], ['checkout_sagas_stuck', stuck],
      ];
      for (const [name, metric] of all) if (!registry.getSingleMetric(name)) registry.registerMetric(metric);
    },
    observe(publish) {
      return (async (client, type, payload, publishOptions) => {
        await publish(client, type, payload, publishOptions);
        await counted(client, type, payload);
      }) as OrdersPublish;
    },
  };
}
