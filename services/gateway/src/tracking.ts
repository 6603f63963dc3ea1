import { Type } from 'typebox';
import { AppError, type ServiceApp, type ServiceResponse } from '@bazaar/platform';
import { identityHeaders, type GatewayAuth } from './auth.js';
import { DEGRADED_HEADER, jsonObject, passOn, type OverviewPart } from './overview.js';

export interface TrackingOptions {
  auth: GatewayAuth;
  /** Orders, owner of the order; shipping, owner of the shipment and of the courier's live position. */
  orders?: OverviewPart;
  shipping?: OverviewPart;
}

const PARTS = ['order', 'shipment', 'courier'] as const;
type PartName = (typeof PARTS)[number];
const REASONS = ['timeout', 'unreachable', 'circuit-open', 'upstream-error', 'invalid-response', 'not-configured'] as const;
type Reason = (typeof REASONS)[number];

type Part = { status: 'ok'; data: object | null } | { status: 'degraded'; data: null; reason: Reason; upstreamStatus?: number };

const PartSchema = (description: string) => Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  data: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], { description }),
  reason: Type.Optional(Type.Enum(REASONS, { description: 'why the part is missing' })),
  upstreamStatus: Type.Optional(Type.Integer({ format: 'int32', minimum: 100, maximum: 599 })),
});

const TrackingSchema = Type.Object({
  orderId: Type.String({ format: 'uuid', maxLength: 36 }),
  order: PartSchema("orders' GET /orders/:id, as it answered"),
  shipment: PartSchema("shipping's shipment of the order (GET /shipments?orderId=); null before it exists"),
  courier: PartSchema("shipping's GET /shipments/:tracking/courier: who has the parcel and where they are; null when no courier has it"),
  degraded: Type.Array(Type.Enum(PARTS), { maxItems: 3, description: 'the parts served without their data; empty when the answer is complete' }),
});

type Headers = Record<string, string | undefined>;

/**
 * `GET /orders/:id/tracking`: where my order is, composed at the gateway from the services that own
 * each part, read at once: the order (orders), its shipment (shipping, asked by order id for the
 * caller, so it shows only the caller's), and, while a courier has the parcel, the courier and their
 * live position (shipping). Each part that cannot be read is marked degraded with the reason and
 * the rest is served (200, `X-Degraded`); the caller's own 4xx from orders (401, 404: not theirs or
 * no such order) is passed on; with neither orders nor shipping answering it is a 503.
 */
export function registerTracking(app: ServiceApp, options: TrackingOptions): void {
  app.get('/orders/:id/tracking', {
    schema: {
      operationId: 'trackMyOrder', tags: ['me'], summary: 'Where my order is: the order, its shipment and its courier, each marked degraded if its service is down',
      security: [{ bearer: [] }], params: Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }), response: { 200: TrackingSchema },
    },
    config: { problems: { 404: 'no such order of yours', 503: 'neither orders nor shipping answered' } },
  }, async (request, reply) => {
    const caller = await options.auth.enforce(request, 'user');
    const headers: Headers = { accept: 'application/json', authorization: request.headers.authorization, ...identityHeaders(caller) };
    const orderId = request.params.id;
    const [order, shipment] = await Promise.all([
      read(options.orders, `/orders/${orderId}`, headers),
      read(options.shipping, `/shipments?orderId=${orderId}`, headers),
    ]);
    if ('passOn' in order) return passOn(reply, order.passOn);
    const shipmentPart: Part = 'passOn' in shipment
      ? degraded('upstream-error', shipment.passOn.status)
      : shipment.status === 'ok' ? { status: 'ok', data: firstItem(shipment.data) } : shipment;
    if (order.status === 'degraded' && shipmentPart.status === 'degraded') {
      throw AppError.unavailable('neither orders nor shipping can say where this order is; try again shortly', { upstream: 'orders, shipping' });
    }
    const courier = await readCourier(options.shipping, shipmentPart, headers);
    const parts: Record<PartName, Part> = { order: order as Part, shipment: shipmentPart, courier };
    const degradedParts = PARTS.filter((name) => parts[name].status === 'degraded');
    for (const name of degradedParts) request.log.warn({ part: name, ...parts[name] }, 'tracking served without a part');
    reply.header('cache-control', 'private, no-store');
    if (degradedParts.length) reply.header(DEGRADED_HEADER, degradedParts.join(', '));
    return { orderId, ...parts, degraded: degradedParts };
  });
}

const degraded = (reason: Reason, upstreamStatus?: number): Part => ({ status: 'degraded', data: null, reason, ...(upstreamStatus !== undefined ? { upstreamStatus } : {}) });

/** One upstream read: its JSON object, the caller's own 4xx to pass on, or why there is none. */
async function read(part: OverviewPart | undefined, path: string, headers: Headers): Promise<Part | { passOn: ServiceResponse<Buffer> }> {
  if (!part) return degraded('not-configured');
  let response: ServiceResponse<Buffer>;
  try {
    response = await part.client.request<Buffer>({ method: 'GET', path, headers, timeoutMs: part.timeoutMs, raw: true });
  } catch (error) {
    const reason = error instanceof AppError ? error.options.extensions?.reason : undefined;
    return degraded(reason === 'timeout' || reason === 'circuit-open' ? reason : 'unreachable');
  }
  if (response.status >= 400 && response.status < 500) return { passOn: response };
  if (response.status < 200 || response.status >= 300) return degraded('upstream-error', response.status);
  const body = jsonObject(response);
  return body ? { status: 'ok', data: body } : degraded('invalid-response');
}

/** The courier part: read only while a courier has the parcel; otherwise there is none to show. */
async function readCourier(shipping: OverviewPart | undefined, shipment: Part, headers: Headers): Promise<Part> {
  const s = shipment.data as { status?: unknown; trackingNumber?: unknown } | null;
  if (shipment.status === 'degraded') return degraded(shipment.reason);
  if (!s || (s.status !== 'dispatched' && s.status !== 'picked_up') || typeof s.trackingNumber !== 'string') return { status: 'ok', data: null };
  const courier = await read(shipping, `/shipments/${encodeURIComponent(s.trackingNumber)}/courier`, headers);
  // 404: the courier delivered or handed the parcel back between the two reads.
  if ('passOn' in courier) return courier.passOn.status === 404 ? { status: 'ok', data: null } : degraded('upstream-error', courier.passOn.status);
  return courier;
}

const firstItem = (page: object | null): object | null => {
  const items = (page as { items?: unknown } | null)?.items;
  return Array.isArray(items) && items[0] !== null && typeof items[0] === 'object' ? items[0] as object : null;
};
