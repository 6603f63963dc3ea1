// Events as identity, orders and shipping send them, with a fresh user, order and shipment each.
import { randomUUID } from 'node:crypto';

const now = () => new Date().toISOString();

export function newUser(overrides: Record<string, unknown> = {}) {
  const userId = randomUUID();
  return { userId, email: `ana-${userId.slice(0, 8)}@example.test`, firstName: 'Ana', lastName: 'Pereira', registeredAt: now(), version: 1, ...overrides };
}

export const updated = (user: { userId: string; firstName: string; lastName: string }, changes: Record<string, unknown>) => ({
  userId: user.userId, firstName: user.firstName, lastName: user.lastName, updatedAt: now(), ...changes,
});

export function newOrder(userId: string) {
  const orderId = randomUUID();
  return {
    orderId, userId, orderNumber: `BZ-261205-${orderId.slice(0, 5).toUpperCase()}`, totalMinor: 6147, currency: 'EUR', placedAt: now(),
    items: [
      { productId: randomUUID(), sku: 'LAMP-001', quantity: 2, unitPriceMinor: 2499 },
      { productId: randomUUID(), sku: 'MUG-042', quantity: 1, unitPriceMinor: 1149 },
    ],
  };
}

export const ref = (order: { orderId: string; orderNumber: string; userId: string }) => ({ orderId: order.orderId, orderNumber: order.orderNumber, userId: order.userId });

export const confirmed = (order: ReturnType<typeof newOrder>) => ({ ...ref(order), totalMinor: order.totalMinor, currency: order.currency, confirmedAt: now() });

export const delivery = (order: { orderId: string }, version: number) => ({
  shipmentId: randomUUID(), orderId: order.orderId, trackingNumber: 'BZ7K3M9QX2PA', version,
});

export const courier = { courierId: randomUUID(), name: 'Joost de Vries' };
