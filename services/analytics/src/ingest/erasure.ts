// What analytics does with a deleted user (identity's user.deleted). Its facts hold no personal
// field (fact_users is an id and a time; orders carry the customer's id, never a name or address),
// but raw_events keeps identity's events whole: emails, names, phones, mailed links. Those payloads
// are cut down to the user's id and the event's times, so reports, the funnel and a rebuild still
// count the registration. The statement joins the raw events to the deletions already held, so it
// also cuts an event about the user that arrives after the deletion, and a rebuild repeats it
// harmlessly.
//
// analytics has no outbox (no PostgreSQL): its confirmation (user.erased) is sent by `pendingErasures`
// and the announcer in erasure.announcer.ts, for each deletion whose confirmation has not come
// back on analytics' own queue yet; raw_events is the record of both, so a crash only repeats one.
import type { Warehouse } from '../warehouse/warehouse.js';
import type { FoldStatement } from './fold.js';

/** identity's events that carry a user's personal fields. */
export const PERSONAL_EVENTS = ['user.registered', 'user.updated', 'user.verification-requested', 'user.password-reset-requested'] as const;
const list = (types: readonly string[]) => types.map((t) => `'${t}'`).join(', ');

export const ERASURE_STATEMENT: FoldStatement = {
  reads: (type) => type === 'user.deleted' || (PERSONAL_EVENTS as readonly string[]).includes(type),
  sql: `UPDATE raw_events SET payload = json_object(
      'userId', payload->>'$.userId', 'registeredAt', payload->>'$.registeredAt', 'updatedAt', payload->>'$.updatedAt',
      'requestedAt', payload->>'$.requestedAt', 'version', TRY_CAST(payload->>'$.version' AS INTEGER), 'erased', true)
    WHERE type IN (${list(PERSONAL_EVENTS)})
      AND (payload->>'$.erased') IS NULL
      AND (payload->>'$.userId') IN (SELECT (d.payload->>'$.userId') FROM raw_events d WHERE d.type = 'user.deleted')`,
};

/** Users deleted whose confirmation from analytics has not come back yet (at most `limit`). */
export async function pendingErasures(warehouse: Warehouse, limit = 100): Promise<string[]> {
  const rows = await warehouse.all<{ user_id: string }>(
    `SELECT DISTINCT (d.payload->>'$.userId') AS user_id FROM raw_events d
      WHERE d.type = 'user.deleted' AND NOT EXISTS (
        SELECT 1 FROM raw_events c
         WHERE c.type = 'user.erased' AND (c.payload->>'$.service') = 'analytics' AND (c.payload->>'$.userId') = (d.payload->>'$.userId'))
      ORDER BY 1 LIMIT ${Math.trunc(limit)}`,
  );
  return rows.map((r) => r.user_id);
}
