import { Type } from 'typebox';
import { AppError, withTransaction, type JwtVerifier, type ServiceApp } from '@bazaar/platform';
import { addPaymentMethod, toPaymentMethodView, type PaymentMethodDeps } from './payment-methods.js';
import { listPaymentMethods, removePaymentMethod } from './payment-method.store.js';
import { MAX_LISTED_METHODS, NewPaymentMethodBody, PaymentMethodListSchema, PaymentMethodParams, PaymentMethodSchema } from './payment-method.schemas.js';

export interface PaymentMethodRoutesDeps extends PaymentMethodDeps {
  auth: JwtVerifier;
}

const security = [{ bearer: [] }];
const tags = ['payment methods'];

/** A signed-in user's saved cards: add one (tokenized at the processor), list them, remove one. */
export function registerPaymentMethodRoutes(app: ServiceApp, deps: PaymentMethodRoutesDeps): void {
  const preHandler = deps.auth.preHandler();

  app.post('/payments/methods', {
    schema: {
      operationId: 'createPaymentMethod', tags, security, summary: 'Save a card as a payment method',
      description: 'The card is sent to the card processor\'s vault; payments keeps only its token, brand, last four digits and expiry. Use the answer\'s paymentMethodId to pay. A card you have saved already (the same number and expiry) is not saved twice: the answer is 200 with the method you have.',
      body: NewPaymentMethodBody, response: { 201: PaymentMethodSchema, 200: PaymentMethodSchema },
    },
    preHandler,
  }, async (request, reply) => {
    const user = await deps.auth.requireUser(request);
    const { method, created } = await addPaymentMethod(deps, user.userId, request.body.card);
    return reply.code(created ? 201 : 200).send(toPaymentMethodView(method));
  });

  app.get('/payments/methods', {
    schema: { operationId: 'listPaymentMethods', tags, security, summary: 'My payment methods, newest first', response: { 200: PaymentMethodListSchema } },
    preHandler,
  }, async (request) => {
    const user = await deps.auth.requireUser(request);
    const methods = await listPaymentMethods(deps.pool, user.userId, MAX_LISTED_METHODS);
    return { items: methods.map(toPaymentMethodView) };
  });

  app.delete('/payments/methods/:paymentMethodId', {
    schema: {
      operationId: 'deletePaymentMethod', tags, security, summary: 'Remove one of my saved cards',
      description: 'Payments made with it are kept, with its brand and last four digits. Refused (409) while an order is being paid with it; try again once that order has its answer.',
      params: PaymentMethodParams, response: { 204: Type.Null({ description: 'the card is removed' }) },
    },
    config: { problems: { 404: 'no saved card of yours has this id', 409: 'an order is being paid with this card right now' } },
    preHandler,
  }, async (request, reply) => {
    const user = await deps.auth.requireUser(request);
    const outcome = await withTransaction(deps.pool, (client) => removePaymentMethod(client, user.userId, request.params.paymentMethodId));
    if (outcome === 'not-found') throw AppError.notFound('this saved card');
    if (outcome === 'in-use') throw new AppError('conflict', 'an order is being paid with this card right now; remove it once that order has its answer', { headers: { 'retry-after': '5' } });
    return reply.code(204).send(null);
  });
}
