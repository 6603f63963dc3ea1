/**
 * `GET /orders/:id/tracking` (API composition at the gateway) against stand-in orders and shipping
 * services: real HTTP servers that can be stopped or made to fail, part by part.
 */
import { test, describe, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import type http from 'node:http';
import { FakeUpstream, json, unavailable, type SeenRequest } from './support/upstream.js';
import { KeyServer, accessToken, signingKey } from './support/keys.js';
import { startGateway } from './support/gateway.js';

const ORDER_ID = '0195f0a4-1c2b-7d3e-8f40-0000000000a1';
const TRACKING = 'BZ7K3M9QX2PA';
const order = { id: ORDER_ID, number: 'BZ-261205-7KQ2M', status: 'confirmed' };
const shipment = (status: string) => ({ id: 'ship-1', orderId: ORDER_ID, trackingNumber: TRACKING, status });
const courier = { trackingNumber: TRACKING, status: 'picked_up', courier: { name: 'Ana', vehicle: 'cargo-bike' }, position: { latitude: 52.37, longitude: 4.9, seenAt: '2026-12-05T10:00:00.000Z' } };

type Responder = (request: SeenRequest, response: http.ServerResponse) => void;
const shippingServes = (status: string): Responder => (request, response) => {
  if (request.url.startsWith('/shipments?orderId=')) return json(response, 200, { items: [shipment(status)] });
  if (request.url === `/shipments/${TRACKING}/courier`) return json(response, 200, courier);
  json(response, 404, { type: 'about:blank', title: 'Not Found', status: 404 }, { 'content-type': 'application/problem+json' });
};

describe('GET /orders/:id/tracking', async () => {
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const orders = await new FakeUpstream().start();
  const shipping = await new FakeUpstream().start();
  const gateway = await startGateway({
    ORDERS_URL: orders.url,
    SHIPPING_URL: shipping.url,
    GATEWAY_JWKS_URL: keys.url,
    GATEWAY_UPSTREAM_TIMEOUT_MS: '1000',
    GATEWAY_BREAKER_THRESHOLD: '100',
    GATEWAY_RETRY_MAX_ATTEMPTS: '1',
  });
  after(async () => {
    await gateway.close();
    await Promise.all([orders.stop(), shipping.stop(), keys.stop()]);
  });
  beforeEach(() => {
    orders.reset();
    shipping.reset();
    orders.respond = (_request, response) => json(response, 200, order);
    shipping.respond = shippingServes('picked_up');
  });
  const authorization = `Bearer ${await accessToken(key)}`;
  const track = (headers: Record<string, string> = { authorization }) => gateway.inject({ method: 'GET', url: `/orders/${ORDER_ID}/tracking`, headers });

  test('the order, its shipment and the courier on the way, each from its owner, with the caller\'s token', async () => {
    const response = await track();
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual(body.order, { status: 'ok', data: order });
    assert.deepEqual(body.shipment, { status: 'ok', data: shipment('picked_up') });
    assert.deepEqual(body.courier, { status: 'ok', data: courier });
    assert.deepEqual(body.degraded, []);
    assert.equal(response.headers['x-degraded'], undefined);
    assert.equal(response.headers['cache-control'], 'private, no-store');
    assert.deepEqual(orders.proxied.map((r) => r.url), [`/orders/${ORDER_ID}`]);
    assert.deepEqual(shipping.proxied.map((r) => r.url), [`/shipments?orderId=${ORDER_ID}`, `/shipments/${TRACKING}/courier`]);
    for (const r of [...orders.proxied, ...shipping.proxied]) assert.equal(r.headers.authorization, authorization);
  });

  test('no courier is asked for before dispatch or after delivery', async () => {
    for (const status of ['created', 'delivered']) {
      shipping.reset();
      shipping.respond = shippingServes(status);
      const body = (await track()).json();
      assert.deepEqual(body.courier, { status: 'ok', data: null }, status);
      assert.deepEqual(shipping.proxied.map((r) => r.url), [`/shipments?orderId=${ORDER_ID}`]);
    }
  });

  test('orders down: the shipment and courier are still served, the order part marked degraded', async () => {
    orders.respond = unavailable;
    const response = await track();
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual([body.order.status, body.order.reason, body.order.upstreamStatus], ['degraded', 'upstream-error', 503]);
    assert.equal(body.shipment.status, 'ok');
    assert.deepEqual(body.degraded, ['order']);
    assert.equal(response.headers['x-degraded'], 'order');
  });

  test('shipping down: the order is served, the shipment and courier marked degraded', async () => {
    await shipping.stop();
    try {
      const body = (await track()).json();
      assert.equal(body.order.status, 'ok');
      assert.deepEqual([body.shipment.status, body.shipment.reason], ['degraded', 'unreachable']);
      assert.equal(body.courier.status, 'degraded');
      assert.deepEqual(body.degraded, ['shipment', 'courier']);
    } finally {
      await shipping.start();
    }
  });

  test("someone else's order is orders' 404, passed on; both owners down is a 503; no token is a 401", async () => {
    orders.respond = (_request, response) => json(response, 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'order not found' }, { 'content-type': 'application/problem+json' });
    assert.equal((await track()).statusCode, 404);
    orders.respond = unavailable;
    shipping.respond = unavailable;
    const down = await track();
    assert.equal(down.statusCode, 503);
    assert.match(down.headers['content-type'] as string, /^application\/problem\+json/);
    assert.equal((await track({})).statusCode, 401);
    assert.equal((await gateway.inject({ method: 'GET', url: '/orders/not-a-uuid/tracking', headers: { authorization } })).statusCode, 400);
  });
});
