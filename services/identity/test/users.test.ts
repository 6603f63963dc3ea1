import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, bearer, signUp, startIdentity, uniqueEmail, type Harness, type Session } from './harness.js';

describe('my profile', () => {
  let h: Harness;
  before(async () => { h = await startIdentity('profile'); });
  after(() => h.close());

  test('GET /users/me answers the signed-in user', async () => {
    const session = await signUp(h.app, { name: 'Alan Turing' });
    const response = await h.app.inject({ method: 'GET', url: '/users/me', headers: bearer(session.token) });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().id, session.user.id);
    assert.equal(response.json().name, 'Alan Turing');
    assert.equal((await h.app.inject({ method: 'GET', url: '/users/me' })).statusCode, 401);
  });

  test('PATCH /users/me changes names and email; the new email logs in', async () => {
    const session = await signUp(h.app);
    const email = uniqueEmail('moved');
    const response = await h.app.inject({ method: 'PATCH', url: '/users/me', headers: bearer(session.token), payload: { name: 'Ada King', email } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual([response.json().firstName, response.json().lastName, response.json().email], ['Ada', 'King', email]);
    const login = await h.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password: PASSWORD } });
    assert.equal(login.statusCode, 200);
    const lastOnly = await h.app.inject({ method: 'PATCH', url: '/users/me', headers: bearer(session.token), payload: { lastName: 'Byron' } });
    assert.equal(lastOnly.json().name, 'Ada Byron');
  });

  test('changing to an email someone else has (in any case) is a 409 and changes nothing', async () => {
    const taken = await signUp(h.app);
    const session = await signUp(h.app);
    const response = await h.app.inject({ method: 'PATCH', url: '/users/me', headers: bearer(session.token), payload: { email: taken.user.email.toUpperCase(), firstName: 'Changed' } });
    assert.equal(response.statusCode, 409);
    const me = (await h.app.inject({ method: 'GET', url: '/users/me', headers: bearer(session.token) })).json();
    assert.equal(me.email, session.user.email);
    assert.equal(me.firstName, 'Ada');
  });

  test('an empty change or an unknown field is a 400', async () => {
    const session = await signUp(h.app);
    for (const payload of [{}, { role: 'admin' }, { firstName: '' }, { email: 'nope' }]) {
      const response = await h.app.inject({ method: 'PATCH', url: '/users/me', headers: bearer(session.token), payload });
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
    }
  });
});

const home = { addressLine1: '1 Main Street', city: 'Springfield', postalCode: '12345', country: 'US' };

describe('my addresses', () => {
  let h: Harness;
  let me: Session;
  before(async () => {
    h = await startIdentity('addresses');
    me = await signUp(h.app);
  });
  after(() => h.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, who: Session = me) =>
    h.app.inject({ method, url, headers: bearer(who.token), ...(payload ? { payload } : {}) });
  const defaults = async (who: Session = me) =>
    ((await call('GET', '/users/me/addresses', undefined, who)).json().items as { id: string; isDefault: boolean }[]).filter((a) => a.isDefault).map((a) => a.id);

  test('the first address becomes the default; a later one does not unless asked', async () => {
    const first = await call('POST', '/users/me/addresses', home);
    assert.equal(first.statusCode, 201);
    assert.equal(first.json().isDefault, true);
    assert.equal(first.json().addressLine2, null);
    const second = await call('POST', '/users/me/addresses', { ...home, addressLine1: '2 Side Road', state: 'IL' });
    assert.equal(second.json().isDefault, false);
    assert.deepEqual(await defaults(), [first.json().id]);
  });

  test('adding or patching with isDefault moves the default: there is only ever one', async () => {
    const added = (await call('POST', '/users/me/addresses', { ...home, addressLine1: '3 New Lane', isDefault: true })).json();
    assert.deepEqual(await defaults(), [added.id]);
    const items = (await call('GET', '/users/me/addresses')).json().items as { id: string }[];
    const other = items.find((a) => a.id !== added.id)!;
    const moved = await call('PATCH', `/users/me/addresses/${other.id}`, { isDefault: true, city: 'Shelbyville' });
    assert.equal(moved.statusCode, 200);
    assert.equal(moved.json().city, 'Shelbyville');
    assert.deepEqual(await defaults(), [other.id]);
  });

  test('concurrent moves of the default still leave exactly one', async () => {
    const items = (await call('GET', '/users/me/addresses')).json().items as { id: string }[];
    const responses = await Promise.all(items.map((a) => call('PATCH', `/users/me/addresses/${a.id}`, { isDefault: true })));
    assert.ok(responses.every((r) => r.statusCode === 200));
    assert.equal((await defaults()).length, 1);
  });

  test('the database itself refuses a second default', async () => {
    await assert.rejects(
      h.pool.query('UPDATE user_addresses SET is_default = true WHERE user_id = $1', [me.user.id]),
      /user_addresses_one_default_key/,
    );
  });

  test('deleting the default hands it to the oldest remaining address', async () => {
    const [current] = await defaults();
    assert.equal((await call('DELETE', `/users/me/addresses/${current}`)).statusCode, 204);
    assert.equal((await call('GET', `/users/me/addresses/${current}`)).statusCode, 404);
    const items = (await call('GET', '/users/me/addresses')).json().items as { id: string; isDefault: boolean; createdAt: string }[];
    const oldest = [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0]!;
    assert.deepEqual(await defaults(), [oldest.id]);
  });

  test("another user's address is 404 for every verb, and is left alone", async () => {
    const other = await signUp(h.app);
    const theirs = (await call('POST', '/users/me/addresses', home, other)).json();
    for (const [method, payload] of [['GET'], ['PATCH', { city: 'Hijacked' }], ['DELETE']] as const) {
      const response = await call(method, `/users/me/addresses/${theirs.id}`, payload);
      assert.equal(response.statusCode, 404, method);
      assert.equal(response.json().code, 'not_found');
    }
    const still = await call('GET', `/users/me/addresses/${theirs.id}`, undefined, other);
    assert.equal(still.json().city, 'Springfield');
  });

  test('a malformed id or invalid fields are a 400 naming them', async () => {
    const bad = await call('GET', '/users/me/addresses/not-a-uuid');
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['params.id']);
    const invalid = await call('POST', '/users/me/addresses', { ...home, country: 'usa', city: '' });
    assert.equal(invalid.statusCode, 400);
    // 'usa' breaks both of country's rules (two letters, capitals), each named.
    assert.deepEqual([...new Set(invalid.json().errors.map((e: { field: string }) => e.field))].sort(), ['body.city', 'body.country']);
    const [mine] = (await call('GET', '/users/me/addresses')).json().items as { id: string }[];
    for (const payload of [{}, { colour: 'red' }, { addressLine1: null }]) {
      assert.equal((await call('PATCH', `/users/me/addresses/${mine!.id}`, payload)).statusCode, 400, JSON.stringify(payload));
    }
  });
});

describe('my preferences', () => {
  let h: Harness;
  let me: Session;
  before(async () => {
    h = await startIdentity('preferences');
    me = await signUp(h.app);
  });
  after(() => h.close());

  const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object, who: Session = me) =>
    h.app.inject({ method, url, headers: bearer(who.token), ...(payload ? { payload } : {}) });

  test('put, replace, read and delete', async () => {
    assert.deepEqual((await call('GET', '/users/me/preferences')).json(), { preferences: {} });
    const put = await call('PUT', '/users/me/preferences/theme', { value: 'dark' });
    assert.equal(put.statusCode, 200);
    assert.equal(put.json().value, 'dark');
    await call('PUT', '/users/me/preferences/theme', { value: 'light' });
    await call('PUT', '/users/me/preferences/notifications.email', { value: 'weekly' });
    assert.deepEqual((await call('GET', '/users/me/preferences')).json().preferences, { 'notifications.email': 'weekly', theme: 'light' });
    assert.equal((await call('DELETE', '/users/me/preferences/theme')).statusCode, 204);
    assert.equal((await call('DELETE', '/users/me/preferences/theme')).statusCode, 404);
    assert.deepEqual((await call('GET', '/users/me/preferences')).json().preferences, { 'notifications.email': 'weekly' });
  });

  test("are each user's own", async () => {
    const other = await signUp(h.app);
    await call('PUT', '/users/me/preferences/language', { value: 'fr' }, other);
    assert.equal((await call('GET', '/users/me/preferences')).json().preferences.language, undefined);
    assert.equal((await call('DELETE', '/users/me/preferences/language')).statusCode, 404);
  });

  test('a malformed key or value is a 400', async () => {
    assert.equal((await call('PUT', '/users/me/preferences/Bad%20Key', { value: 'x' })).statusCode, 400);
    assert.equal((await call('PUT', '/users/me/preferences/theme', { value: { nested: true } })).statusCode, 400);
    assert.equal((await call('PUT', '/users/me/preferences/theme', {})).statusCode, 400);
  });
});
