import { Type } from 'typebox';
import { BATCH_LOOKUP_MAX_IDS, type Pool, type ServiceApp } from '@bazaar/platform';
import { existingUserIds } from './user-lookup.store.js';

/** The most ids one lookup takes: the kit's, which the orphan checks that ask it page by. */
const LOOKUP_MAX_IDS = BATCH_LOOKUP_MAX_IDS;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const LookupQuery = Type.Object({
  ids: Type.String({
    pattern: `^${UUID}(,${UUID}){0,${LOOKUP_MAX_IDS - 1}}$`, minLength: 36, maxLength: 37 * LOOKUP_MAX_IDS - 1,
    description: `1 to ${LOOKUP_MAX_IDS} user ids, comma-separated`,
  }),
}, { additionalProperties: false });

const LookupAnswer = Type.Object({
  found: Type.Array(Type.String({ format: 'uuid', maxLength: 36 }), {
    maxItems: LOOKUP_MAX_IDS, description: 'the ids asked for whose account exists (lower case); a deleted account or an unknown id is left out',
  }),
});

/**
 * `GET /internal/users/lookup?ids=…`: which of these user ids still have an account, in one call, for
 * the services that hold user ids (catalog's reviews) and look for what events missed. Service to
 * service only: the gateway routes no `/internal` path. It answers ids the caller already holds and
 * nothing about the users, so it asks for no token, like the key set and the revoked sessions.
 */
export function registerUserLookupRoute(app: ServiceApp, { pool }: { pool: Pool }): void {
  app.get('/internal/users/lookup', {
    schema: {
      operationId: 'lookupUsers', tags: ['internal'], security: [{}],
      summary: `Which of up to ${LOOKUP_MAX_IDS} user ids have an account (services only; not routed by the gateway)`,
      description: 'Beyond the schema there is no refusal: an id without an account (deleted or unknown) is simply left out.',
      querystring: LookupQuery, response: { 200: LookupAnswer },
    },
  }, async (request) => ({ found: await existingUserIds(pool, request.query.ids.toLowerCase().split(',')) }));
}
