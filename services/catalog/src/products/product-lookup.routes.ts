import { Type } from 'typebox';
import { BATCH_LOOKUP_MAX_IDS, type ServiceApp } from '@bazaar/platform';
import type { CatalogDeps } from '../app.js';
import { anonymous } from '../schemas.js';
import { existingProductIds, pricesOf } from './product-lookup.store.js';

/** The most ids one lookup takes: the kit's, which the orphan checks that ask it page by. */
const LOOKUP_MAX_IDS = BATCH_LOOKUP_MAX_IDS;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const LookupQuery = Type.Object({
  ids: Type.String({
    pattern: `^${UUID}(,${UUID}){0,${LOOKUP_MAX_IDS - 1}}$`, minLength: 36, maxLength: 37 * LOOKUP_MAX_IDS - 1,
    description: `1 to ${LOOKUP_MAX_IDS} product ids, comma-separated`,
  }),
}, { additionalProperties: false });

const LookupAnswer = Type.Object({
  found: Type.Array(Type.String({ format: 'uuid', maxLength: 36 }), {
    maxItems: LOOKUP_MAX_IDS, description: 'the ids asked for that name a product, active or discontinued (lower case); an id left out names none',
  }),
});

const PriceSchema = Type.Object({
  id: Type.String({ format: 'uuid', maxLength: 36 }),
  sku: Type.String({ maxLength: 40 }),
  name: Type.String({ maxLength: 200 }),
  priceMinor: Type.Integer({ format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'the price now, in minor units of `currency`' }),
  currency: Type.String({ pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 }),
  status: Type.Union([Type.Literal('active'), Type.Literal('discontinued')], { description: 'a discontinued product cannot be bought' }),
}, { additionalProperties: false });

const PricesAnswer = Type.Object({
  items: Type.Array(PriceSchema, {
    maxItems: LOOKUP_MAX_IDS, description: 'the products the ids name (active or discontinued), in id order; an id left out names none',
  }),
}, { additionalProperties: false });

/**
 * `GET /products/lookup?ids=…`: which of these ids catalog has, in one call. Services that hold
 * product ids (inventory's stock items) ask it in their orphan cleanup instead of one GET per id.
 * `GET /products/prices?ids=…`: the name, SKU, price and status of each, in one call: orders prices
 * a checkout's lines with it. Both read the primary, never a replica that may lag behind a change.
 */
export function registerProductLookupRoute(app: ServiceApp, { pool }: Pick<CatalogDeps, 'pool'>): void {
  app.get('/products/prices', {
    schema: {
      operationId: 'priceProducts', tags: ['products'], security: anonymous,
      summary: `The current price, name, SKU and status of up to ${LOOKUP_MAX_IDS} products, in one call`,
      description: 'For pricing an order: read from the primary database, so a price just changed is the one answered. Beyond the schema there is no refusal: an id that names no product is simply left out.',
      querystring: LookupQuery, response: { 200: PricesAnswer },
    },
  }, async (request) => ({ items: await pricesOf(pool, request.query.ids.toLowerCase().split(',')) }));

  app.get('/products/lookup', {
    schema: {
      operationId: 'lookupProducts', tags: ['products'], security: anonymous,
      summary: `Which of up to ${LOOKUP_MAX_IDS} product ids name a product (of any status)`,
      description: 'For services that hold product ids. Beyond the schema there is no refusal: an id that names no product is simply left out.',
      querystring: LookupQuery, response: { 200: LookupAnswer },
    },
  }, async (request) => ({ found: await existingProductIds(pool, request.query.ids.toLowerCase().split(',')) }));
}
