// The history of every message. SQL only.
import { uuidv7, type Queryable } from '@bazaar/platform';
import { jobIdOf, type Channel, type NotificationStatus, type PlannedMessage } from './notification.js';

export interface Notification {
  id: string;
  userId: string;
  orderId: string | null;
  channel: Channel;
  kind: string;
  eventId: string;
  eventType: string;
  jobId: string;
  recipient: string | null;
  subject: string | null;
  body: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  providerId: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

interface NotificationRow {
  id: string; user_id_ref: string; order_id_ref: string | null; channel: Channel; kind: string; event_id: string; event_type: string;
  job_id: string; recipient: string | null; subject: string | null; body: string; status: NotificationStatus; attempts: number;
  last_error: string | null; provider_id: string | null; created_at: Date; updated_at: Date; sent_at: Date | null;
}

const toNotification = (r: NotificationRow): Notification => ({
  id: r.id, userId: r.user_id_ref, orderId: r.order_id_ref, channel: r.channel, kind: r.kind, eventId: r.event_id, eventType: r.event_type,
  jobId: r.job_id, recipient: r.recipient, subject: r.subject, body: r.body, status: r.status, attempts: r.attempts,
  lastError: r.last_error, providerId: r.provider_id, createdAt: r.created_at, updatedAt: r.updated_at, sentAt: r.sent_at,
});

export interface EventRef {
  eventId: string; eventType: string; userId: string; orderId?: string | undefined;
  /** The trace context of the event's handling, kept so the message's job and sends continue it. */
  traceparent?: string | undefined;
}

/**
 * Records an event's messages (in the inbox's transaction). The job id is unique, so an event seen
 * twice records nothing more.
 */
export async function recordMessages(db: Queryable, event: EventRef, planned: PlannedMessage[]): Promise<void> {
  for (const m of planned) {
    await db.query(
      `INSERT INTO notifications (id, user_id_ref, order_id_ref, channel, kind, event_id, event_type, job_id, recipient, subject, body, status, last_error, traceparent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (job_id) DO NOTHING`,
      [uuidv7(), event.userId, event.orderId ?? null, m.channel, m.kind, event.eventId, event.eventType, jobIdOf(event.eventId, m.channel),
        m.recipient, m.subject, m.body, m.status, m.reason ?? null, event.traceparent ?? null],
    );
  }
}

export async function findNotification(db: Queryable, id: string): Promise<Notification | undefined> {
  const { rows } = await db.query<NotificationRow>('SELECT * FROM notifications WHERE id = $1', [id]);
  return rows[0] ? toNotification(rows[0]) : undefined;
}

/** What adding a message's job needs: its ids, its order (for the span) and the trace it was recorded in. */
export interface ToEnqueue { id: string; jobId: string; orderId: string | null; traceparent: string | null }

interface ToEnqueueRow { id: string; job_id: string; order_id_ref: string | null; traceparent: string | null }
const toEnqueue = (r: ToEnqueueRow): ToEnqueue => ({ id: r.id, jobId: r.job_id, orderId: r.order_id_ref, traceparent: r.traceparent });

/** Messages no job has been added for yet (new, or retried by an admin), oldest first. */
export async function unenqueued(db: Queryable, limit: number): Promise<ToEnqueue[]> {
  const { rows } = await db.query<ToEnqueueRow>(
    `SELECT id, job_id, order_id_ref, traceparent FROM notifications WHERE status = 'queued' AND enqueued_at IS NULL ORDER BY id LIMIT $1`, [limit]);
  return rows.map(toEnqueue);
}

/**
 * Messages still to send whose job was added more than `olderThanMs` ago and that have not moved
 * since: their job may have been lost with Redis. Oldest first.
 */
export async function stale(db: Queryable, olderThanMs: number, limit: number): Promise<ToEnqueue[]> {
  const { rows } = await db.query<ToEnqueueRow>(
    `SELECT id, job_id, order_id_ref, traceparent FROM notifications
      WHERE status IN ('queued', 'sending') AND enqueued_at IS NOT NULL
        AND enqueued_at < now() - make_interval(secs => $1::double precision / 1000)
        AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
      ORDER BY updated_at LIMIT $2`, [olderThanMs, limit]);
  return rows.map(toEnqueue);
}

export async function markEnqueued(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length) await db.query('UPDATE notifications SET enqueued_at = now() WHERE id = ANY($1::uuid[])', [ids]);
}

/** A send starts: counted, so the history shows every try. Null when there is nothing left to send. */
export async function startSending(db: Queryable, id: string): Promise<Notification | undefined> {
  const { rows } = await db.query<NotificationRow>(
    `UPDATE notifications SET status = 'sending', attempts = attempts + 1, updated_at = now()
      WHERE id = $1 AND status IN ('queued', 'sending') RETURNING *`, [id]);
  return rows[0] ? toNotification(rows[0]) : undefined;
}

export async function markDelivered(db: Queryable, id: string, providerId: string): Promise<void> {
  await db.query(
    `UPDATE notifications SET status = 'delivered', provider_id = $2, last_error = NULL, sent_at = now(), updated_at = now()
      WHERE id = $1`, [id, providerId]);
}

/** A try failed: `final` records the message failed (no retry left), otherwise queued for BullMQ's next try. */
export async function markAttemptFailed(db: Queryable, id: string, error: string, final: boolean): Promise<void> {
  await db.query(
    `UPDATE notifications SET status = $3, last_error = $2, updated_at = now() WHERE id = $1 AND status IN ('queued', 'sending')`,
    [id, error.slice(0, 1000), final ? 'failed' : 'queued']);
}

/** The job ids of failed messages (some, or all). */
export async function failedJobs(db: Queryable, ids: string[] | 'all'): Promise<string[]> {
  const { rows } = await db.query<{ job_id: string }>(
    `SELECT job_id FROM notifications WHERE status = 'failed' AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))`, [ids === 'all' ? null : ids]);
  return rows.map((r) => r.job_id);
}

export async function countFailed(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE status = 'failed'`);
  return rows[0]?.n ?? 0;
}

/** Failed messages back to queued for an admin's retry; returns those that were failed. */
export async function requeueFailed(db: Queryable, ids: string[] | 'all'): Promise<{ id: string; jobId: string }[]> {
  const { rows } = await db.query<{ id: string; job_id: string }>(
    `UPDATE notifications SET status = 'queued', enqueued_at = NULL, updated_at = now()
      WHERE status = 'failed' AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) RETURNING id, job_id`,
    [ids === 'all' ? null : ids]);
  return rows.map((r) => ({ id: r.id, jobId: r.job_id }));
}

export interface ListQuery { userId?: string; status?: NotificationStatus; after?: string; limit: number }

const VISIBLE = '($1::uuid IS NULL OR n.user_id_ref = $1) AND ($2::text IS NULL OR n.status = $2)';

/**
 * Newest first, by keyset on (created_at, id). The cursor is looked up only among the rows the query
 * may return, so `null` (it names no message of this listing) says nothing about anyone else's.
 */
export async function listNotifications(db: Queryable, query: ListQuery): Promise<Notification[] | null> {
  const scope = [query.userId ?? null, query.status ?? null];
  if (query.after !== undefined) {
    const cursor = await db.query(`SELECT 1 FROM notifications n WHERE ${VISIBLE} AND n.id = $3`, [...scope, query.after]);
    if (cursor.rowCount === 0) return null;
  }
  const { rows } = await db.query<NotificationRow>(
    `SELECT * FROM notifications n
      WHERE ${VISIBLE}
        AND ($3::uuid IS NULL OR (n.created_at, n.id) < (SELECT created_at, id FROM notifications WHERE id = $3))
      ORDER BY n.created_at DESC, n.id DESC
      LIMIT $4`,
    [...scope, query.after ?? null, query.limit]);
  return rows.map(toNotification);
}

