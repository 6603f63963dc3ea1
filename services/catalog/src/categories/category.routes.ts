import { Type } from 'typebox';
import { AppError, type ServiceApp } from '@bazaar/platform';
import type { CatalogDeps } from '../app.js';
import { Uuid, bearer } from '../schemas.js';
import { SLUG_PATTERN, buildTree, categoryRefOf } from './category.js';
import { findAncestors, findSubtree, insertCategories, listCategories } from './category.store.js';

const CategorySchema = Type.Object({ id: Uuid, slug: Type.String(), name: Type.String(), parentId: Type.Union([Uuid, Type.Null()]) });
const CategoryTree = Type.Cyclic({
  CategoryNode: Type.Object({
    id: Uuid, slug: Type.String(), name: Type.String(), parentId: Type.Union([Uuid, Type.Null()]),
    children: Type.Array(Type.Ref('CategoryNode')),
  }),
}, 'CategoryNode');

const NewCategoryBody = Type.Object({
  slug: Type.String({ pattern: SLUG_PATTERN, maxLength: 80, description: 'lower-case words joined by hyphens' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
}, { additionalProperties: false });

export function registerCategoryRoutes(app: ServiceApp, { pool, verifier }: CatalogDeps): void {
  app.get('/categories', {
    schema: { operationId: 'listCategories', summary: 'The category tree', response: { 200: Type.Object({ items: Type.Array(CategoryTree) }) } },
  }, async () => ({ items: buildTree(await listCategories(pool)) }));

  app.get('/categories/:slug', {
    schema: {
      operationId: 'getCategory',
      summary: 'A category (by slug or id) with its ancestors and the tree below it',
      params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80 }) }),
      response: { 200: Type.Object({ ...CategorySchema.properties, ancestors: Type.Array(CategorySchema), children: Type.Array(CategoryTree) }) },
    },
  }, async (request) => {
    const subtree = await findSubtree(pool, categoryRefOf(request.params.slug));
    const [root] = buildTree(subtree);
    if (!root) throw AppError.notFound(`category ${request.params.slug}`);
    return { ...root, ancestors: await findAncestors(pool, root.id) };
  });

  app.post('/categories', {
    preValidation: verifier.preHandler({ role: 'admin' }),
    schema: { operationId: 'createCategory', summary: 'Add a category (admin)', security: bearer, body: NewCategoryBody, response: { 201: CategorySchema } },
  }, async (request, reply) => {
    const [category] = await insertCategories(pool, [request.body]);
    return reply.code(201).header('location', `/categories/${category!.slug}`).send(category!);
  });
}
