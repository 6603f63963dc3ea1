import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, type ServiceApp } from '@bazaar/platform';
import type { GatewayAuth } from './auth.js';
import type { Canaries } from './canary.js';
import type { DualRun } from './dual-run.js';

const ServiceName = Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 64, description: 'the service (upstream) the canary is a second version of' });
const Count = (description: string) => Type.Integer({ format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });
const Share = Type.Number({ minimum: 0, maximum: 1, description: "the share of the service's requests sent to the canary, 0 to 1" });
const Time = Type.String({ format: 'date-time', maxLength: 40 });

const CanarySchema = Type.Object({
  service: ServiceName,
  url: Type.String({ maxLength: 2048, description: 'where the canary answers' }),
  share: Share,
  state: Type.Union([Type.Literal('active'), Type.Literal('off'), Type.Literal('rolled-back')], {
    description: 'active: it has a share; off: its share is zero (set so); rolled-back: the gateway set its share to zero',
  }),
  window: Type.Object({
    ms: Count('how far back the outcomes reach'),
    total: Count('outcomes of requests the canary took, in the window'),
    errors: Count('of which 5xx or no answer'),
    errorRatio: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'errors over total; null with no outcome' }),
  }, { additionalProperties: false }),
  threshold: Type.Number({ minimum: 0, maximum: 1, description: 'the error ratio above which the gateway sets the share to zero' }),
  minSample: Count('outcomes needed in the window before the ratio is judged'),
  lastRollback: Type.Union([Type.Object({
    at: Time,
    reason: Type.String({ maxLength: 2048 }),
    share: Share,
    errors: Count('errors in the window then'),
    total: Count('outcomes in the window then'),
  }, { additionalProperties: false }), Type.Null()]),
  rollbacks: Count('how many times the gateway rolled it back since it started'),
}, { additionalProperties: false });

const Value = Type.Unknown({ description: "this side's value (a JSON value; cut to a string when long); absent where this side has no such member" });
const MismatchesSchema = Type.Object({
  service: ServiceName,
  routes: Type.Array(Type.Object({
    route: Type.String({ maxLength: 512 }),
    ignore: Type.Array(Type.String({ maxLength: 512 }), { maxItems: 64, description: 'JSON Pointers not compared (`*` any one member, `**` any number)' }),
  }, { additionalProperties: false }), { maxItems: 256, description: 'the GET routes compared' }),
  counts: Type.Object({
    match: Count('the answers were the same'),
    mismatch: Count('they differed'),
    'canary-error': Count('the canary answered 5xx or not at all'),
    skipped: Count('not compared (too large, or too many in flight)'),
  }, { additionalProperties: false }),
  samples: Type.Array(Type.Object({
    at: Time,
    route: Type.String({ maxLength: 512 }),
    url: Type.String({ maxLength: 2048, description: "the request's path and query" }),
    status: Type.Object({ primary: Type.Integer({ format: 'int32', minimum: 100, maximum: 599 }), canary: Type.Integer({ format: 'int32', minimum: 100, maximum: 599 }) }, { additionalProperties: false }),
    differences: Type.Array(Type.Object({
      path: Type.String({ maxLength: 512, description: 'a JSON Pointer into the body, or (status), or (body) for answers that are not JSON' }),
      primary: Type.Optional(Value),
      canary: Type.Optional(Value),
    }, { additionalProperties: false }), { maxItems: 20 }),
    more: Type.Boolean({ description: 'whether there were more differences than listed' }),
  }, { additionalProperties: false }), { maxItems: 1000, description: 'the latest mismatches, newest first' }),
}, { additionalProperties: false });

const ADMIN = [{ bearer: ['admin'] }];
const notFound = (service: string) => new AppError('not_found', `${JSON.stringify(service.slice(0, 64))} has no canary at this gateway`, { extensions: { service: service.slice(0, 64) } });

/**
 * The gateway's own admin routes for its canaries (admin token, as every /admin route): each canary's
 * share, window and rollback, setting a share, and the dual-run comparisons' mismatch samples.
 */
export function registerCanaryRoutes(app: ServiceApp, options: { auth: GatewayAuth; canaries: Canaries; dualRun: DualRun }): void {
  const { auth, canaries, dualRun } = options;
  // Before the body and parameters are validated: without an admin token nothing else is said.
  const onRequest = async (request: FastifyRequest) => { await auth.enforce(request, 'admin'); };
  app.get('/admin/canaries', {
    onRequest,
    schema: {
      operationId: 'listCanaries',
      tags: ['canaries'],
      summary: "Each service's canary: its share, the outcomes in its window, its state and its last rollback",
      security: ADMIN,
      response: { 200: Type.Object({ items: Type.Array(CanarySchema, { maxItems: 64 }) }, { additionalProperties: false }) },
    },
  }, async () => ({ items: canaries.list().map((c) => c.report()) }));

  app.put('/admin/canaries/:service', {
    onRequest,
    schema: {
      operationId: 'setCanaryShare',
      tags: ['canaries'],
      summary: "Sets the share of a service's requests its canary takes (0 turns it off; this gateway instance only)",
      security: ADMIN,
      params: Type.Object({ service: ServiceName }),
      body: Type.Object({ share: Share }, { additionalProperties: false }),
      response: { 200: CanarySchema },
    },
    config: { problems: { 404: 'the service has no canary at this gateway' } },
  }, async (request) => {
    const { service } = request.params as { service: string };
    const canary = canaries.get(service);
    if (!canary) throw notFound(service);
    return canary.setShare((request.body as { share: number }).share);
  });

  app.get('/admin/canaries/:service/mismatches', {
    onRequest,
    schema: {
      operationId: 'listCanaryMismatches',
      tags: ['canaries'],
      summary: "Dual run: the comparisons of the primary's and the canary's answers to the chosen reads, and the latest mismatches",
      security: ADMIN,
      params: Type.Object({ service: ServiceName }),
      response: { 200: MismatchesSchema },
    },
    config: { problems: { 404: 'the service has no canary at this gateway' } },
  }, async (request) => {
    const { service } = request.params as { service: string };
    if (!canaries.get(service)) throw notFound(service);
    return dualRun.report(service) ?? { service, routes: [], counts: { match: 0, mismatch: 0, 'canary-error': 0, skipped: 0 }, samples: [] };
  });
}
