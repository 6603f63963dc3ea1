import type { JwtVerifier, ServiceApp } from '@bazaar/platform';
import { addPaymentMethod, toPaymentMethodView, type PaymentMethodDeps } from './payment-methods.js';
import { listPaymentMethods } from './payment-method.store.js';
import { MAX_LISTED_METHODS, NewPaymentMethodBody, PaymentMethodListSchema, PaymentMethodSchema } from './payment-method.schemas.js';

export interface PaymentMethodRoutesDeps extends PaymentMethodDeps {
  auth: JwtVerifier;
}

const security = [{ bearer: [] }];
const tags = ['payment methods'];

/** A signed-in user's saved cards: add one (tokenized at the processor), list them. */
export function registerPaymentMethodRoutes(app: ServiceApp, deps: PaymentMethodRoutesDeps): void {
  const preHandler = deps.auth.preHandler();

  app.post('/payments/methods', {
    schema: {
      operationId: 'createPaymentMethod', tags, security, summary: 'Save a card as a payment method',
      description: 'The card is sent to the card processor\'s vault; payments keeps only its token, brand, last four digits and expiry. Use the answer\'s paymentMethodId to pay.',
      body: NewPaymentMethodBody, response: { 201: PaymentMethodSchema },
    },
    preHandler,
  }, async (request, reply) => {
    const user = await deps.auth.requireUser(request);
    const method = await addPaymentMethod(deps, user.userId, request.body.card);
    return reply.code(201).send(toPaymentMethodView(method));
  });

  app.get('/payments/methods', {
    schema: { operationId: 'listPaymentMethods', tags, security, summary: 'My payment methods, newest first', response: { 200: PaymentMethodListSchema } },
    preHandler,
  }, async (request) => {
    const user = await deps.auth.requireUser(request);
    const methods = await listPaymentMethods(deps.pool, user.userId, MAX_LISTED_METHODS);
    return { items: methods.map(toPaymentMethodView) };
  });
}
