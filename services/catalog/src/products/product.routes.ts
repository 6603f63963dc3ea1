import { AppError, type ServiceApp } from '@bazaar/platform';
import type { CatalogDeps } from '../app.js';
import { categoryRefOf } from '../categories/category.js';
import { findSubtree } from '../categories/category.store.js';
import { decodeCursor, pageOf } from '../pagination.js';
import type { ReadConsistency, ReadRouter } from '../reads.js';
import { IdParams, adminOnly, anonymous, queryField } from '../schemas.js';
import { resolveSort, sortKeyCheck, type ListingQuery } from './product-listing.js';
import { listProducts } from './product-listing.store.js';
import { ListingPage, ListingQuerySchema, NewProductBody, ProductChangesBody, ProductSchema, ReadHeaders, asksFresh } from './product.schemas.js';
import { changeProduct, createProduct, discontinueProduct, productDetail } from './product.service.js';

const tags = ['products'];

const consistencyOf = (headers: { 'x-catalog-lsn'?: string; 'cache-control'?: string }): ReadConsistency =>
  ({ after: headers['x-catalog-lsn'], fresh: asksFresh(headers['cache-control']) });

const WRITE_NOTE = ' A successful answer carries `x-catalog-lsn` when catalog reads from a replica: send it back on reads to see this write.';

export function registerProductRoutes(app: ServiceApp, deps: CatalogDeps & { reads: ReadRouter }): void {
  const { verifier, reads } = deps;
  const admin = verifier.preHandler({ role: 'admin' });

  app.get('/products', {
    schema: {
      operationId: 'listProducts', tags, summary: 'Active products, filtered, sorted and keyset-paginated', security: anonymous,
      description: 'Filters narrow, the sort orders, nextCursor gives the next page. Beyond the parameters\' schemas, the only refusals '
        + 'are a cursor that is not the nextCursor of this sort\'s listing and a category that names none (400 naming the parameter).',
      querystring: ListingQuerySchema, headers: ReadHeaders, response: { 200: ListingPage },
    },
  }, async (request) => {
    const { limit, cursor, category, minPrice, maxPrice, inStock, q } = request.query;
    const sort = resolveSort(request.query.sort, q);
    const query: ListingQuery = { sort, limit, minPrice, maxPrice, inStock, q };
    if (cursor) query.after = decodeCursor(cursor, sort, sortKeyCheck[sort]);
    const rows = await reads.read(consistencyOf(request.headers), async (db) => {
      if (category) {
        const subtree = await findSubtree(db, categoryRefOf(category));
        if (subtree.length === 0) throw AppError.invalid(`${queryField('category')} names no category`, [{ field: queryField('category'), message: 'names no category' }]);
        query.categoryIds = subtree.map((c) => c.id);
      }
      return listProducts(db, query);
    });
    return pageOf(rows, limit, sort, (row) => ({ key: row.key, id: row.item.id }), (row) => row.item);
  });

  app.get('/products/:id', {
    schema: {
      operationId: 'getProduct', tags, summary: 'A product of any status, with images, rating and availability', security: anonymous,
      description: 'Discontinued products stay readable here (orders refer to them); an unknown id is a 404.', params: IdParams, headers: ReadHeaders, response: { 200: ProductSchema },
    },
  }, async (request) => {
    const product = await reads.read(consistencyOf(request.headers), (db) => productDetail(db, request.params.id));
    if (!product) throw AppError.notFound(`product ${request.params.id}`);
    return product;
  });

  app.post('/products', {
    preValidation: admin,
    schema: {
      operationId: 'createProduct', tags, summary: 'Add a product (admin)', security: adminOnly,
      description: 'Answers 201 with the product and its Location; a categoryId that names no category is a 400 naming it.' + WRITE_NOTE,
      body: NewProductBody, response: { 201: ProductSchema },
    },
    config: { problems: { 409: 'the SKU is taken by another product' } },
  }, async (request, reply) => {
    const product = await createProduct(deps, request.body);
    return reply.code(201).header('location', `/products/${product.id}`).send(product);
  });

  app.patch('/products/:id', {
    preValidation: admin,
    schema: {
      operationId: 'updateProduct', tags, summary: 'Change a product (admin)', security: adminOnly,
      description: 'Changes the fields given (images are replaced as a list); a categoryId that names no category is a 400 naming it.' + WRITE_NOTE,
      params: IdParams, body: ProductChangesBody, response: { 200: ProductSchema },
    },
    config: { problems: { 409: 'the product is discontinued and can no longer be changed' } },
  }, async (request) => changeProduct(deps, request.params.id, request.body));

  app.delete('/products/:id', {
    preValidation: admin,
    schema: {
      operationId: 'discontinueProduct', tags, summary: 'Discontinue a product (admin): it leaves listings, stays readable', security: adminOnly,
      description: 'A soft delete: the product keeps its id for the orders that refer to it. Discontinuing again changes nothing.' + WRITE_NOTE,
      params: IdParams, response: { 200: ProductSchema },
    },
  }, async (request) => discontinueProduct(deps, request.params.id));
}
