// The copies notifications keeps of identity's users and orders' orders. SQL only.
import type { Queryable } from '@bazaar/platform';
import { DEFAULT_PREFERENCES, type Channel, type Contact } from '../notifications/notification.js';
import type { OrderCopy, OrderLine } from '../notifications/templates.js';

export interface ContactChange {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  /** Absent: the event did not say (the copy keeps what it had). */
  phone?: string | null | undefined;
  preferences?: Record<Channel, boolean> | undefined;
  version?: number | undefined;
  changedAt: string;
}

/**
 * Writes a user's contact details unless the copy already holds a newer state: by identity's
 * version when both have one, else by the time of the change. Returns whether it was applied.
 */
export async function applyContact(db: Queryable, change: ContactChange): Promise<boolean> {
  const prefs = change.preferences;
  const { rowCount } = await db.query(
    `INSERT INTO contact_copies AS c (user_id_ref, email, first_name, last_name, phone, email_enabled, sms_enabled, push_enabled, version, changed_at)
     VALUES ($1, $2, $3, $4, $5, COALESCE($6::boolean, $11::boolean), COALESCE($7::boolean, $12::boolean), COALESCE($8::boolean, $13::boolean), $9, $10)
     ON CONFLICT (user_id_ref) DO UPDATE SET
       email = EXCLUDED.email, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
       phone = CASE WHEN $14::boolean THEN EXCLUDED.phone ELSE c.phone END,
       email_enabled = COALESCE($6::boolean, c.email_enabled), sms_enabled = COALESCE($7::boolean, c.sms_enabled), push_enabled = COALESCE($8::boolean, c.push_enabled),
       version = COALESCE(EXCLUDED.version, c.version), changed_at = GREATEST(EXCLUDED.changed_at, c.changed_at), copied_at = now()
     WHERE CASE WHEN EXCLUDED.version IS NOT NULL AND c.version IS NOT NULL THEN EXCLUDED.version > c.version
                ELSE EXCLUDED.changed_at >= c.changed_at END`,
    [
      change.userId, change.email, change.firstName, change.lastName, change.phone ?? null,
      prefs?.email ?? null, prefs?.sms ?? null, prefs?.push ?? null, change.version ?? null, change.changedAt,
      DEFAULT_PREFERENCES.email, DEFAULT_PREFERENCES.sms, DEFAULT_PREFERENCES.push, change.phone !== undefined,
    ],
  );
  return (rowCount ?? 0) > 0;
}

interface ContactRow {
  user_id_ref: string; email: string; first_name: string; last_name: string; phone: string | null;
  email_enabled: boolean; sms_enabled: boolean; push_enabled: boolean;
}

export async function findContact(db: Queryable, userId: string): Promise<Contact | undefined> {
  const { rows } = await db.query<ContactRow>('SELECT * FROM contact_copies WHERE user_id_ref = $1', [userId]);
  const r = rows[0];
  if (!r) return undefined;
  return {
    userId: r.user_id_ref, email: r.email, firstName: r.first_name, lastName: r.last_name, phone: r.phone,
    preferences: { email: r.email_enabled, sms: r.sms_enabled, push: r.push_enabled },
  };
}

/** Copies an order as placed; a repeat changes nothing (an order's placed snapshot never changes). */
export async function saveOrderCopy(db: Queryable, order: OrderCopy & { placedAt: string }): Promise<void> {
  await db.query(
    `INSERT INTO order_copies (order_id_ref, user_id_ref, order_number, total_minor, currency, items, placed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (order_id_ref) DO NOTHING`,
    [order.orderId, order.userId, order.orderNumber, order.totalMinor, order.currency, JSON.stringify(order.items), order.placedAt],
  );
}

interface OrderRow {
  order_id_ref: string; user_id_ref: string; order_number: string; total_minor: string; currency: string; items: OrderLine[];
}

export async function findOrderCopy(db: Queryable, orderId: string): Promise<OrderCopy | undefined> {
  const { rows } = await db.query<OrderRow>('SELECT * FROM order_copies WHERE order_id_ref = $1', [orderId]);
  const r = rows[0];
  if (!r) return undefined;
  return {
    orderId: r.order_id_ref, userId: r.user_id_ref, orderNumber: r.order_number,
    totalMinor: Number(r.total_minor), currency: r.currency, items: r.items,
  };
}
