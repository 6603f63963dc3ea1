// GET /orders refuses nothing its published schema allows, except for the reason the document
// states on the parameter: a cursor that is not a nextCursor of this listing. Requests are drawn
// from the published query parameters themselves.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { PROPERTY_RUNS, publishedQuery, queryOf, type QueryParameter } from '@bazaar/platform/testing';
import { checkoutBody, startOrders, type Harness } from './support.js';

describe('GET /orders: every rule is in the published schema', () => {
  let h: Harness;
  let token: string;
  let parameters: QueryParameter[];
  const cursors: string[] = [];

  before(async () => {
    h = await startOrders('list_rules');
    token = await h.token();
    const lamp = h.catalog.add().id;
    for (let i = 0; i < 3; i++) {
      const placed = await h.app.inject({
        method: 'POST', url: '/orders', payload: checkoutBody([lamp]), headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      });
      assert.equal(placed.statusCode, 202, placed.body);
    }
    const page = await h.app.inject({ method: 'GET', url: '/orders?limit=1', headers: { authorization: `Bearer ${token}` } });
    cursors.push(page.json().nextCursor as string);
    parameters = publishedQuery(h.app, 'GET', '/orders');
  });
  after(async () => {
    await h?.close();
  });

  test('a request the schema allows is answered 200, or 400 for a reason the document states', async () => {
    await fc.assert(fc.asyncProperty(queryOf(parameters, { cursor: cursors }), async (query) => {
      const response = await h.app.inject({ method: 'GET', url: `/orders?${new URLSearchParams(query)}`, headers: { authorization: `Bearer ${token}` } });
      if (query.cursor === undefined || cursors.includes(query.cursor)) {
        assert.equal(response.statusCode, 200, response.body);
        return;
      }
      assert.equal(response.statusCode, 400, response.body);
      const fields = (response.json().errors as { field: string }[]).map((e) => e.field);
      assert.deepEqual(fields, ['querystring.cursor']);
      assert.match(parameters.find((p) => p.name === 'cursor')!.description, /400/, 'the document says when cursor is refused');
    }), PROPERTY_RUNS);
  });

  test('an order id with the urn:uuid: prefix, which format uuid alone would take, is a 400 naming it', async () => {
    const response = await h.app.inject({ method: 'GET', url: `/orders/urn:uuid:${randomUUID()}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json().errors[0].field, 'params.id');
  });
});
