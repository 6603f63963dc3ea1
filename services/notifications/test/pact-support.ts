// What the message pacts' tests need of notifications: its own database and its event handlers, a
// message delivered as the consumer delivers it, and what that recorded (the history and the copies).
// No queue or mail: a pact is about what notifications reads of an event and makes of it.
import { contracts } from '@bazaar/contracts';
import { createEnvelope } from '@bazaar/platform';
import { deliverMessage } from '@bazaar/platform/testing';
import { createErasureHandlers, createEventHandlers } from '../src/events.js';
import { setUpDatabase } from './support.js';

export async function startPactConsumer(label: string) {
  const db = await setUpDatabase(label);
  const handlers = { ...createEventHandlers(), ...createErasureHandlers(db.publish) };
  const receive = (body: unknown) => deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers }, body);
  return {
    pool: db.pool,
    receive,
    /** An event as its source would send it, for the steps before the example under test. */
    given: (source: string, type: keyof typeof contracts.events, payload: unknown) => receive(createEnvelope(source, type, 1, payload)),
    /** The messages recorded for a user, oldest first. */
    async messagesOf(userId: string) {
      const { rows } = await db.pool.query<{ channel: string; kind: string; recipient: string | null; subject: string | null; body: string; status: string }>(
        'SELECT channel, kind, recipient, subject, body, status FROM notifications WHERE user_id_ref = $1 ORDER BY created_at, id', [userId]);
      return rows;
    },
    async contactOf(userId: string) {
      const { rows } = await db.pool.query('SELECT * FROM contact_copies WHERE user_id_ref = $1', [userId]);
      return rows[0] as Record<string, unknown> | undefined;
    },
    close: () => db.close(),
  };
}
