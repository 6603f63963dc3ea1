import { events } from '@bazaar/contracts';
import type { Envelope, MessageHandler } from '@bazaar/platform';
import type { EventBatch } from './inbox.js';

/**
 * A handler for every event type in the contracts: analytics' queue is bound to all of them. Each
 * records its event in the batch; the batch appends the new ones to raw_events and folds them.
 * The consumer has checked each payload against its contract before the handler runs.
 */
export function createEventHandlers(): Record<string, MessageHandler<Envelope, EventBatch>> {
  const record: MessageHandler<Envelope, EventBatch> = (envelope, batch) => batch.record(envelope);
  return Object.fromEntries(Object.keys(events).map((type) => [type, record]));
}
