import { Type } from 'typebox';
import { AppError, type ServiceApp } from '@bazaar/platform';
import type { CatalogDeps } from '../app.js';
import { CursorSchema, LimitSchema, decodeCursor, isIsoTimestamp, pageOf } from '../pagination.js';
import { findProduct } from '../products/product.store.js';
import { IdParams, Timestamp, Uuid, bearer } from '../schemas.js';
import { checkReviewer } from './review.js';
import { addReview } from './review.service.js';
import { listReviews } from './review.store.js';

const ReviewSchema = Type.Object({
  id: Uuid, productId: Uuid, userId: Uuid, rating: Type.Integer(), comment: Type.String(), createdAt: Timestamp,
});

const NewReviewBody = Type.Object({
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });

const CURSOR_TAG = 'reviews';

export function registerReviewRoutes(app: ServiceApp, { pool, verifier }: CatalogDeps): void {
  app.get('/products/:id/reviews', {
    schema: {
      summary: "A product's reviews, newest first, keyset-paginated",
      params: IdParams,
      querystring: Type.Object({ limit: LimitSchema, cursor: Type.Optional(CursorSchema) }),
      response: { 200: Type.Object({ items: Type.Array(ReviewSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
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
    schema: { summary: 'Review a product (signed-in user, once per product)', security: bearer, params: IdParams, body: NewReviewBody, response: { 201: ReviewSchema } },
  }, async (request, reply) => {
    const user = await verifier.requireUser(request);
    checkReviewer(user.userId);
    const review = await addReview(pool, request.params.id, user.userId, request.body);
    return reply.code(201).header('location', `/products/${review.productId}/reviews`).send(review);
  });
}
