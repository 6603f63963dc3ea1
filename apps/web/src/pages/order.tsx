/**
 * An order as it moves: its status in words, its timeline (the saga's steps and the delivery's news),
 * read again every two seconds until it ends, and, while a courier has the parcel, the courier on a
 * map from the gateway's tracking (GET /orders/:id/tracking). A failed read keeps what is shown and
 * says it is not current.
 */
import { useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { api, ApiError, call, type Body } from '../api/client';
import { useCart } from '../cart';
import { useSession } from '../session';
import { ErrorPanel, SignInFirst } from '../ui/error-panel';
import { dateTime, money, time, words } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { CourierMap, type Point } from './courier-map';

type Order = Body<'/orders/{id}', 'get'>;
const POLL_MS = 2000;
const ENDED = ['delivered', 'cancelled', 'rejected'];

const HEADLINES: Record<Order['status'], string> = {
  pending: 'We are confirming your order: payment, stock and shipment.',
  confirmed: 'Confirmed: your payment is taken and a courier will be on the way soon.',
  shipped: 'On its way: a courier has your parcel.',
  delivered: 'Delivered. Enjoy!',
  cancelling: 'Cancelling: we are undoing what was done.',
  cancelled: 'Cancelled.',
  rejected: 'Your payment was not accepted, so the order was not placed.',
};

/** What the page says first: the status in a sentence, as it stands for this order. */
function headline(order: Order): string {
  if (fraudRejected(order)) return 'We could not approve this order, so it was not placed.';
  // The courier ended the shift with the parcel (shipment.handed_back): it is still beyond cancelling.
  if (order.status === 'shipped' && !order.shipping.courier) return 'On its way: your parcel waits for the next courier.';
  return HEADLINES[order.status];
}

/** orders' reason for an order its fraud screening rejected (before any payment was asked for). */
const FRAUD_SUSPECTED = /fraud-suspected/;
const fraudRejected = (order: Order) => order.status === 'rejected' && FRAUD_SUSPECTED.test(order.statusReason ?? '');

/** Why an order ended badly, in words a customer understands, with what was (not) charged. */
function outcome(order: Order): string | undefined {
  const reason = `${order.statusReason ?? ''} ${order.payment.reason ?? ''}`;
  if (order.status === 'rejected') {
    if (fraudRejected(order)) return 'Our fraud check could not approve this order, so it was not placed. Nothing was charged. If you think this is a mistake, please contact us.';
    if (/insufficient_funds/.test(reason)) return 'The card was declined for insufficient funds. Nothing was charged.';
    if (/card_declined|invalid_card|invalid_payment_method/.test(reason)) return 'The card was declined. Nothing was charged.';
    return `The payment could not be completed (${words(order.payment.reason ?? 'declined')}). Nothing was charged.`;
  }
  if (order.status === 'cancelled') {
    const money_ = order.payment.refundedMinor > 0 ? `${money(order.payment.refundedMinor, order.currency)} was refunded.` : 'Nothing was charged.';
    if (/stock|insufficient|reserv/i.test(reason)) return `Some items were out of stock, so the order was cancelled. ${money_}`;
    return `${order.statusReason ?? 'The order was cancelled.'} ${money_}`;
  }
  return undefined;
}

export function OrderPage({ id }: { id: string }) {
  const { user } = useSession();
  const placed = new URLSearchParams(useSearch()).has('placed');
  const [live, setLive] = useState(true);
  const order = useLoad(() => call(() => api.GET('/orders/{id}', { params: { path: { id } } })), [id, user?.id], { pollMs: live && POLL_MS });
  useEffect(() => { if (order.state === 'ok' && ENDED.includes(order.data.status)) setLive(false); }, [order.state, order.data?.status]);
  if (!user) return <Page title="Your order"><SignInFirst what="this order" /></Page>;
  if (order.state === 'loading') return <Page title="Your order"><Placeholder lines={8} label="Loading your order" /></Page>;
  if (order.state === 'error') return <Page title="Your order"><ErrorPanel error={order.error} onRetry={order.reload} /></Page>;
  const o = order.data;
  const bad = outcome(o);
  return (
    <Page title={`Order ${o.number}`}>
      <p className={`status status-${o.status}`} role="status" aria-live="polite"><strong>{words(o.status)}</strong>: {headline(o)}</p>
      {order.error && <p className="notice" role="status">Showing the state of {time(new Date().toISOString())}: {order.error.message}</p>}
      {/* The thanks stay until an outcome takes their place: the page reads the order again and again,
          and what comes and goes above the columns would move them under the reader's eyes. */}
      {bad ? <div className="notice notice-error"><p>{bad}</p><ReorderButton order={o} /></div> : placed && <p className="notice notice-ok" role="status">Thank you! Your order is placed.</p>}
      <div className="order-columns">
        {/* The map comes and goes under the items, in their column, where nothing follows it to be pushed. */}
        <div>
          <section aria-labelledby="items-heading" className="box">
            <h2 id="items-heading">Items</h2>
            <ul className="plain">{o.items.map((i) => <li key={i.productId}>{i.quantity} × <Link href={`/products/${i.productId}`}>{i.name}</Link>: {money(i.lineTotalMinor, o.currency)}</li>)}</ul>
            <p className="total">Total: <strong>{money(o.totalMinor, o.currency)}</strong></p>
            <p>To {o.shippingAddress.name}, {o.shippingAddress.line1}, {o.shippingAddress.postalCode} {o.shippingAddress.city}, {o.shippingAddress.country}</p>
            {o.payment.card && <p>{o.payment.paidAt ? 'Paid' : 'Paying'} with {o.payment.card.brand ?? 'card'} ending {o.payment.card.last4}{o.payment.paidAt && <> on {dateTime(o.payment.paidAt)}</>}</p>}
            {o.shipping.trackingNumber && <p>Tracking number <strong>{o.shipping.trackingNumber}</strong>{o.shipping.courier && <>, courier {o.shipping.courier.name}</>}</p>}
            <CancelButton order={o} onDone={order.reload} />
          </section>
          {(o.status === 'shipped' || ['dispatched', 'picked_up'].includes(o.shipping.status)) && <Tracking orderId={o.id} />}
        </div>
        <section aria-labelledby="timeline-heading" className="box">
          <h2 id="timeline-heading">Timeline</h2>
          {/* Above the list, and kept when the order ends: under the list, a burst of steps pushed it far
              down the page, and its going moved what was left. */}
          <p className="muted small">{live ? 'Updates by itself while this page is open.' : 'The order has ended: nothing more will change.'}</p>
          <ol className="timeline">
            <li><time dateTime={o.createdAt}>{dateTime(o.createdAt)}</time> order placed</li>
            {o.timeline.map((t) => <li key={t.seq} className={`t-${t.status}`}><time dateTime={t.at}>{time(t.at)}</time> {words(t.step)}: {words(t.status)}{t.detail ? ` (${t.detail})` : ''}</li>)}
          </ol>
        </section>
      </div>
    </Page>
  );
}

function Tracking({ orderId }: { orderId: string }) {
  const [trail, setTrail] = useState<Point[]>([]);
  const tracking = useLoad(() => call(() => api.GET('/orders/{id}/tracking', { params: { path: { id: orderId } } })), [orderId], { pollMs: POLL_MS });
  const courier = tracking.state === 'ok' ? tracking.data.courier.data as Body<'/shipments/{tracking}/courier', 'get'> | null : null;
  const position = courier?.position;
  useEffect(() => {
    if (position) setTrail((all) => (all.at(-1)?.latitude === position.latitude && all.at(-1)?.longitude === position.longitude ? all : [...all, position].slice(-200)));
  }, [position?.latitude, position?.longitude]);
  return (
    <section aria-labelledby="tracking-heading" className="box tracking">
      <h2 id="tracking-heading">Where your parcel is</h2>
      {tracking.state === 'loading' && <div className="map-placeholder" role="status" aria-label="Loading the map" />}
      {tracking.state === 'error' && <ErrorPanel error={tracking.error} onRetry={tracking.reload} compact />}
      {tracking.state === 'ok' && (courier
        ? <CourierMap trail={trail} courier={courier.courier} />
        : <div className="map-placeholder"><p>{tracking.data.courier.status === 'degraded' ? 'The courier\'s position cannot be read right now; it will show again shortly.' : 'No courier has the parcel right now.'}</p></div>)}
    </section>
  );
}

function CancelButton({ order, onDone }: { order: Order; onDone: () => void }) {
  const [error, setError] = useState<ApiError>();
  if (!['pending', 'confirmed'].includes(order.status) || ['dispatched', 'picked_up', 'delivered'].includes(order.shipping.status)) return null;
  const cancel = async () => {
    if (!window.confirm('Cancel this order?')) return;
    await call(() => api.POST('/orders/{id}/cancel', { params: { path: { id: order.id } } })).then(onDone, (e: ApiError) => setError(e.status === 409 ? new ApiError('A courier already has the parcel, so it can no longer be cancelled.', 409, 'go-home') : e));
  };
  return <>{error && <ErrorPanel error={error} compact />}<button type="button" className="button secondary" onClick={() => void cancel()}>Cancel the order</button></>;
}

/** After a declined card or missing stock: the same items back in the cart, to try again. */
function ReorderButton({ order }: { order: Order }) {
  const cart = useCart();
  const [done, setDone] = useState(false);
  if (done) return <p role="status">The items are back in <Link href="/cart">your cart</Link>.</p>;
  return (
    <p className="actions">
      <button type="button" className="button" onClick={() => {
        for (const i of order.items) cart.add({ productId: i.productId, sku: i.sku, name: i.name, priceMinor: i.unitPriceMinor, currency: order.currency }, i.quantity);
        setDone(true);
      }}>Put the items back in my cart</button>
      <Link href="/search">Keep shopping</Link>
    </p>
  );
}
