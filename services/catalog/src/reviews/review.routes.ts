import { AppError, type ServiceApp } from '@bazaar/platform';
import type { CatalogDeps } from '../app.js';
import { decodeCursor, isIsoTimestamp, pageOf } from '../pagination.js';
import { findProduct } from '../products/product.store.js';
import { checkReviewer } from './review.js';
import { ListQuery, NewReviewBody, ProductParams, ReviewPage, ReviewSchema } from './review.schemas.js';
import { addReview } from './review.service.js';
import { listReviews } from './review.store.js';

const CURSOR_TAG = 'reviews';
/** Writing a review needs a bearer access token (for the OpenAPI document). */
const bearer = [{ bearer: [] }];

export function registerReviewRoutes(app: ServiceApp, { pool, verifier }: CatalogDeps): void {
  app.get('/products/:id/reviews', {
    schema: {
      operationId: 'listProductReviews',
      tags: ['reviews'],
      summary: "A product's reviews, newest first, keyset-paginated",
      description: 'Each review names its author by display name and says whether it is of a verified purchase.',
      params: ProductParams,
      querystring: ListQuery,
      response: { 200: ReviewPage },
    },
  }, async (request) => {
    const { limit, cursor } = request.query;
    const after = cursor ? decodeCursor(cursor, CURSOR_TAG, isIsoTimestamp) : undefined;
    if (!(await findProduct(pool, request.params.id))) throw AppError.notFound(`product ${request.params.id}`);
    const rows = await listReviews(pool, request.params.id, limit, after);
    return pageOf(rows, limit, CURSOR_TAG, (r) => ({ key: r.createdAt.toISOString(), id: r.id }), (r) => r);
  });

  app.post('/products/:id/reviews', {
    preValidation: verifier.preHandler(),
    config: {
      problems: {
        403: "the token's subject is not an identity user id, so it cannot author a review",
        409: 'this user has already reviewed the product, or the product is discontinued',
      },
    },
    schema: {
      operationId: 'createProductReview',
      tags: ['reviews'],
      summary: 'Review a product (signed-in user, once per product)',
      description: 'Answers the review as everyone will see it.',
      security: bearer,
      params: ProductParams,
      body: NewReviewBody,
      response: { 201: ReviewSchema },
    },
  }, async (request, reply) => {
    const user = await verifier.requireUser(request);
    checkReviewer(user.userId);
    const review = await addReview(pool, request.params.id, user.userId, request.body);
    return reply.code(201).header('location', `/products/${review.productId}/reviews`).send(review);
  });
}
