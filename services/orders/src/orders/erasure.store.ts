import type { Queryable } from '@bazaar/platform';

/**
 * The user's orders whose checkout still needs the recipient's address: their saga has not yet
 * handed it to shipping (every state before `capturing`, whatever new ones come).
 */
export async function ordersAwaitingShipment(db: Queryable, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ number: string }>(
    `SELECT o.order_number AS number FROM orders o JOIN checkout_sagas s ON s.order_id = o.id
      WHERE o.user_id_ref = $1 AND s.state NOT IN ('capturing', 'confirmed', 'compensating', 'cancelled', 'rejected')`,
    [userId],
  );
  return rows.map((r) => r.number);
}

/**
 * Blanks the personal fields of every order of the user, which stay for accounting (number, lines,
 * amounts, statuses, the payment's and shipment's ids, the country for tax): the recipient's name and
 * address but the country, and the card's last four digits. How many orders.
 */
export async function blankOrders(db: Queryable, userId: string): Promise<number> {
  const shipping = await db.query(
    `UPDATE order_shipping s SET recipient_name = '', address_line1 = '', address_line2 = NULL, city = '', state = NULL, postal_code = '', updated_at = now()
       FROM orders o WHERE o.id = s.order_id AND o.user_id_ref = $1`,
    [userId],
  );
  await db.query(
    'UPDATE order_payment p SET card_last4 = NULL, updated_at = now() FROM orders o WHERE o.id = p.order_id AND o.user_id_ref = $1',
    [userId],
  );
  return shipping.rowCount ?? 0;
}
