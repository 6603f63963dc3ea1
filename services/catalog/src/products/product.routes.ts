import { AppError, type ServiceApp } from '@bazaar/platform';
import type { CatalogDeps } from '../app.js';
import { categoryRefOf } from '../categories/category.js';
import { findSubtree } from '../categories/category.store.js';
import { decodeCursor, pageOf } from '../pagination.js';
import { IdParams, bearer, queryField } from '../schemas.js';
import { resolveSort, sortKeyCheck, type ListingQuery } from './product-listing.js';
import { listProducts } from './product-listing.store.js';
import { ListingPage, ListingQuerySchema, NewProductBody, ProductChangesBody, ProductSchema } from './product.schemas.js';
import { changeProduct, createProduct, discontinueProduct, productDetail } from './product.service.js';

const tags = ['products'];

export function registerProductRoutes(app: ServiceApp, deps: CatalogDeps): void {
  const { pool, verifier } = deps;
  const admin = verifier.preHandler({ role: 'admin' });

  app.get('/products', {
    schema: { operationId: 'listProducts', tags, summary: 'Active products, filtered, sorted and keyset-paginated', querystring: ListingQuerySchema, response: { 200: ListingPage } },
  }, async (request) => {
    const { limit, cursor, category, minPrice, maxPrice, inStock, q } = request.query;
    const sort = resolveSort(request.query.sort, q);
    const query: ListingQuery = { sort, limit, minPrice, maxPrice, inStock, q };
    if (cursor) query.after = decodeCursor(cursor, sort, sortKeyCheck[sort]);
    if (category) {
      const subtree = await findSubtree(pool, categoryRefOf(category));
      if (subtree.length === 0) throw AppError.invalid(`${queryField('category')} names no category`, [{ field: queryField('category'), message: 'names no category' }]);
      query.categoryIds = subtree.map((c) => c.id);
    }
    const rows = await listProducts(pool, query);
    return pageOf(rows, limit, sort, (row) => ({ key: row.key, id: row.item.id }), (row) => row.item);
  });

  app.get('/products/:id', {
    schema: { operationId: 'getProduct', tags, summary: 'A product of any status, with images, rating and availability', params: IdParams, response: { 200: ProductSchema } },
  }, async (request) => {
    const product = await productDetail(pool, request.params.id);
    if (!product) throw AppError.notFound(`product ${request.params.id}`);
    return product;
  });

  app.post('/products', {
    preValidation: admin,
    schema: { operationId: 'createProduct', tags, summary: 'Add a product (admin)', security: bearer, body: NewProductBody, response: { 201: ProductSchema } },
  }, async (request, reply) => {
    const product = await createProduct(deps, request.body);
    return reply.code(201).header('location', `/products/${product.id}`).send(product);
  });

  app.patch('/products/:id', {
    preValidation: admin,
    schema: { operationId: 'updateProduct', tags, summary: 'Change a product (admin)', security: bearer, params: IdParams, body: ProductChangesBody, response: { 200: ProductSchema } },
  }, async (request) => changeProduct(deps, request.params.id, request.body));

  app.delete('/products/:id', {
    preValidation: admin,
    schema: { operationId: 'discontinueProduct', tags, summary: 'Discontinue a product (admin): it leaves listings, stays readable', security: bearer, params: IdParams, response: { 200: ProductSchema } },
  }, async (request) => discontinueProduct(deps, request.params.id));
}
