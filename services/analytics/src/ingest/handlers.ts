import { events } from '@bazaar/contracts';
import type { Envelope, MessageHandler } from '@bazaar/platform';
import type { EventBatch } from './inbox.js';

/**
 * The version analytics receives of each event type that has several live ones, as its pact with the
 * producer asks (test/pact-catalog.consumer.test.ts records it). The fold reads every version, so the
 * raw events received before a move still fold; see fold.ts.
 */
export const RECEIVES = { 'product.updated': 2 } as const;

/**
 * A handler for every event type in the contracts: analytics' queue is bound to all of them. Each
 * records its event in the batch; the batch appends the new ones to raw_events and folds them.
 * The consumer has checked each payload against its contract before the handler runs.
 */
export function createEventHandlers(): Record<string, MessageHandler<Envelope, EventBatch>> {
  const record: MessageHandler<Envelope, EventBatch> = (envelope, batch) => batch.record(envelope);
  return Object.fromEntries(Object.keys(events).map((type) => [type, record]));
}
