// GET /internal/users/lookup: which of up to 100 user ids still have an account, in one call, for the
// services that hold user ids and look for what events missed (catalog's orphan cleanup). A deleted
// account is left out like an unknown id; anything but 1 to 100 comma-separated uuids is a 400.
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, bearer, signUp, startIdentity, type Harness } from './harness.js';

describe('user lookup', () => {
  let h: Harness;
  before(async () => { h = await startIdentity('user_lookup'); });
  after(() => h.close());

  const lookup = (ids: string) => h.app.inject({ method: 'GET', url: `/internal/users/lookup?ids=${ids}` });

  test('answers the ids whose account exists; a deleted account and an unknown id are left out', async () => {
    const [kept, deleted] = [await signUp(h.app), await signUp(h.app)];
    const gone = await h.app.inject({ method: 'DELETE', url: '/users/me', headers: bearer(deleted.token), payload: { password: PASSWORD } });
    assert.equal(gone.statusCode, 204, gone.body);
    const response = await lookup([kept.user.id.toUpperCase(), deleted.user.id, randomUUID()].join(','));
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { found: [kept.user.id] });
  });

  test('refuses what is not 1 to 100 uuids, naming the parameter', async () => {
    const hundred = Array.from({ length: 100 }, () => randomUUID());
    assert.deepEqual((await lookup(hundred.join(','))).json(), { found: [] });
    for (const ids of [[...hundred, randomUUID()].join(','), '', 'me', `${randomUUID()},`, `${randomUUID()}' OR '1'='1`]) {
      const response = await lookup(encodeURIComponent(ids));
      assert.equal(response.statusCode, 400, `${ids.slice(0, 60)}: ${response.body}`);
      assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
      assert.deepEqual([...new Set((response.json().errors as { field: string }[]).map((e) => e.field))], ['querystring.ids']);
    }
  });
});
