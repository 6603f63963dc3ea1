// The words of every message, as pure functions of what the event and the copies say. Plain text:
// every mail client shows it, and tests read it back from the SMTP sink as it was written.
import { formatMoney } from '@bazaar/platform';
import type { Composed } from './notification.js';

export interface OrderLine { sku: string; quantity: number; unitPriceMinor: number }

/** An order as notifications copied it from order.placed. */
export interface OrderCopy {
  orderId: string;
  userId: string;
  orderNumber: string;
  totalMinor: number;
  currency: string;
  items: OrderLine[];
}

const greeting = (firstName: string | undefined) => (firstName ? `Hello ${firstName},` : 'Hello,');
const signOff = '\n\nBazaar';

export function welcome(firstName: string): Composed {
  return {
    kind: 'welcome',
    subject: `Welcome to Bazaar, ${firstName}`,
    body: `${greeting(firstName)}\n\nyour Bazaar account is ready. Browse the stalls, fill your basket, and we will tell you how each order is doing.${signOff}`,
    short: `Welcome to Bazaar, ${firstName}: your account is ready.`,
  };
}

export function verification(firstName: string, url: string, expiresAt: string): Composed {
  return {
    kind: 'email_verification',
    subject: 'Confirm your email address',
    body: `${greeting(firstName)}\n\nplease confirm this is your email address by opening this link:\n\n${url}\n\nThe link works once, until ${expiresAt}. If you did not sign up at Bazaar, ignore this message.${signOff}`,
    short: 'Confirm your email address with the link we sent you.',
  };
}

export function passwordReset(firstName: string, url: string, expiresAt: string): Composed {
  return {
    kind: 'password_reset',
    subject: 'Reset your Bazaar password',
    body: `${greeting(firstName)}\n\nsomeone asked to reset the password of your Bazaar account. To choose a new one, open this link:\n\n${url}\n\nThe link works once, until ${expiresAt}. If it was not you, ignore this message: your password stays as it is.${signOff}`,
    short: 'A password reset was asked for your account; the link is in your email.',
  };
}

export function receipt(firstName: string | undefined, order: { orderNumber: string; totalMinor: number; currency: string }, items: OrderLine[]): Composed {
  const lines = items.map((i) => `  ${i.quantity} × ${i.sku} at ${formatMoney(i.unitPriceMinor, order.currency)} = ${formatMoney(i.quantity * i.unitPriceMinor, order.currency)}`);
  const total = formatMoney(order.totalMinor, order.currency);
  return {
    kind: 'receipt',
    subject: `Your receipt for order ${order.orderNumber}`,
    body: `${greeting(firstName)}\n\nthank you: order ${order.orderNumber} is confirmed and paid.\n\n${lines.length ? `${lines.join('\n')}\n\n` : ''}Total: ${total}\n\nWe will tell you when a courier is on the way.${signOff}`,
    short: `Order ${order.orderNumber} is confirmed: ${total} paid.`,
  };
}

export function orderRejected(firstName: string | undefined, orderNumber: string, reason: string): Composed {
  return {
    kind: 'order_rejected',
    subject: `Order ${orderNumber} could not be completed`,
    body: `${greeting(firstName)}\n\nwe could not complete order ${orderNumber}: ${reason}.\n\nNothing was charged.${signOff}`,
    short: `Order ${orderNumber} could not be completed: ${reason}. Nothing was charged.`,
  };
}

export function orderCancelled(firstName: string | undefined, orderNumber: string, reason: string, refundedMinor: number, currency: string | undefined): Composed {
  // 0 says only that nothing was refunded: nothing was taken, or a refund the processor refused (an
  // operator follows that up). Better no sentence than "nothing was charged" to someone who was.
  const refund = refundedMinor > 0
    ? ` We refunded ${currency ? formatMoney(refundedMinor, currency) : `${refundedMinor} (minor units)`} to your payment method.`
    : '';
  return {
    kind: 'order_cancelled',
    subject: `Order ${orderNumber} was cancelled`,
    body: `${greeting(firstName)}\n\norder ${orderNumber} was cancelled: ${reason}.${refund ? `\n\n${refund.trim()}` : ''}${signOff}`,
    short: `Order ${orderNumber} was cancelled: ${reason}.${refund}`,
  };
}

export function dispatched(firstName: string | undefined, orderNumber: string, courier: string, trackingNumber: string): Composed {
  return {
    kind: 'shipment_dispatched',
    subject: `Order ${orderNumber}: a courier is on the way`,
    body: `${greeting(firstName)}\n\n${courier} is bringing order ${orderNumber}. Track it with ${trackingNumber}.${signOff}`,
    short: `${courier} is bringing order ${orderNumber} (tracking ${trackingNumber}).`,
  };
}

/** The courier who had the parcel no longer brings it (their shift ended, their account was deleted); another will. */
export function handedBack(firstName: string | undefined, orderNumber: string, reason: string): Composed {
  return {
    kind: 'shipment_handed_back',
    subject: `Order ${orderNumber}: another courier will bring it`,
    body: `${greeting(firstName)}\n\nthe courier who had order ${orderNumber} will not bring it after all: ${reason}. It waits for the next courier, and we will tell you who brings it.${signOff}`,
    short: `Order ${orderNumber} waits for another courier: ${reason}.`,
  };
}

export function attemptFailed(firstName: string | undefined, orderNumber: string, reason: string, attemptsLeft: number): Composed {
  const next = attemptsLeft > 0 ? `We will try again (${attemptsLeft} more ${attemptsLeft === 1 ? 'attempt' : 'attempts'}).` : 'The parcel goes back to our warehouse and you will be refunded.';
  return {
    kind: 'shipment_attempt_failed',
    subject: `Order ${orderNumber}: we could not deliver it`,
    body: `${greeting(firstName)}\n\nthe courier could not deliver order ${orderNumber}: ${reason}.\n\n${next}${signOff}`,
    short: `We could not deliver order ${orderNumber}: ${reason}. ${next}`,
  };
}

export function delivered(firstName: string | undefined, orderNumber: string): Composed {
  return {
    kind: 'shipment_delivered',
    subject: `Order ${orderNumber} was delivered`,
    body: `${greeting(firstName)}\n\norder ${orderNumber} was delivered. Enjoy it!${signOff}`,
    short: `Order ${orderNumber} was delivered.`,
  };
}

export function returned(firstName: string | undefined, orderNumber: string, reason: string): Composed {
  return {
    kind: 'shipment_returned',
    subject: `Order ${orderNumber} is coming back to us`,
    body: `${greeting(firstName)}\n\norder ${orderNumber} could not be delivered and is on its way back to our warehouse: ${reason}.\n\nThe order will be cancelled and refunded.${signOff}`,
    short: `Order ${orderNumber} could not be delivered and is coming back: ${reason}.`,
  };
}
