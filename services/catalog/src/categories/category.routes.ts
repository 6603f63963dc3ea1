import { Type } from 'typebox';
import { AppError, type ServiceApp } from '@bazaar/platform';
import type { CatalogDeps } from '../app.js';
import { Uuid, adminOnly, anonymous } from '../schemas.js';
import { SLUG_PATTERN, buildTree, categoryRefOf } from './category.js';
import { MAX_CATEGORIES, addCategory, findAncestors, findSubtree, listCategories } from './category.store.js';

const Slug = Type.String({ pattern: SLUG_PATTERN, maxLength: 80, description: 'lower-case words joined by hyphens' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Fields = { id: Uuid, slug: Slug, name: Name, parentId: Type.Union([Uuid, Type.Null()]) };
const Categories = { maxItems: MAX_CATEGORIES, description: `a catalog holds at most ${MAX_CATEGORIES} categories` };
const CategorySchema = Type.Object(Fields);
const CategoryTree = Type.Cyclic({
  CategoryNode: Type.Object({ ...Fields, children: Type.Array(Type.Ref('CategoryNode'), Categories) }),
}, 'CategoryNode');

const NewCategoryBody = Type.Object({
  slug: Slug,
  name: Name,
  parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
}, { additionalProperties: false });

const tags = ['categories'];

export function registerCategoryRoutes(app: ServiceApp, { pool, verifier }: CatalogDeps): void {
  app.get('/categories', {
    schema: {
      operationId: 'listCategories', tags, summary: 'The category tree', security: anonymous,
      description: 'Every category, nested under its parent; siblings by name.', response: { 200: Type.Object({ items: Type.Array(CategoryTree, Categories) }) },
    },
  }, async () => ({ items: buildTree(await listCategories(pool)) }));

  app.get('/categories/:slug', {
    schema: {
      operationId: 'getCategory', tags, security: anonymous,
      summary: 'A category (by slug or id) with its ancestors and the tree below it',
      description: 'Ancestors from the root down; a slug or id that names no category is a 404.',
      params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80 }) }),
      response: { 200: Type.Object({ ...Fields, ancestors: Type.Array(CategorySchema, Categories), children: Type.Array(CategoryTree, Categories) }) },
    },
  }, async (request) => {
    const subtree = await findSubtree(pool, categoryRefOf(request.params.slug));
    const [root] = buildTree(subtree);
    if (!root) throw AppError.notFound(`category ${request.params.slug}`);
    return { ...root, ancestors: await findAncestors(pool, root.id) };
  });

  app.post('/categories', {
    preValidation: verifier.preHandler({ role: 'admin' }),
    schema: {
      operationId: 'createCategory', tags, summary: 'Add a category (admin)', security: adminOnly,
      description: 'Answers 201 with the category and its Location; a parentId that names no category is a 400 naming it.',
      body: NewCategoryBody, response: { 201: CategorySchema },
    },
    config: { problems: { 409: `the slug is taken, or the catalog already holds ${MAX_CATEGORIES} categories, the most it may` } },
  }, async (request, reply) => {
    const category = await addCategory(pool, request.body);
    return reply.code(201).header('location', `/categories/${category.slug}`).send(category);
  });
}
