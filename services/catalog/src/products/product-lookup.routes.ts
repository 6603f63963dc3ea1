import { Type } from 'typebox';
import { BATCH_LOOKUP_MAX_IDS, type ServiceApp } from '@bazaar/platform';
import type { CatalogDeps } from '../app.js';
import { anonymous } from '../schemas.js';
import { existingProductIds } from './product-lookup.store.js';

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

/**
 * `GET /products/lookup?ids=…`: which of these ids catalog has, in one call. Services that hold
 * product ids (inventory's stock items) ask it in their orphan cleanup instead of one GET per id.
 */
export function registerProductLookupRoute(app: ServiceApp, { pool }: Pick<CatalogDeps, 'pool'>): void {
  app.get('/products/lookup', {
    schema: {
      operationId: 'lookupProducts', tags: ['products'], security: anonymous,
      summary: `Which of up to ${LOOKUP_MAX_IDS} product ids name a product (of any status)`,
      description: 'For services that hold product ids. Beyond the schema there is no refusal: an id that names no product is simply left out.',
      querystring: LookupQuery, response: { 200: LookupAnswer },
    },
  }, async (request) => ({ found: await existingProductIds(pool, request.query.ids.toLowerCase().split(',')) }));
}
