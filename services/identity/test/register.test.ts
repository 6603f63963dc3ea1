import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, signUp, startIdentity, uniqueEmail, type Harness } from './harness.js';

describe('registering', () => {
  let h: Harness;
  const adminEmail = uniqueEmail('boss');
  before(async () => { h = await startIdentity('register', { settings: { adminEmails: [adminEmail.toLowerCase()] } }); });
  after(() => h.close());

  const register = (payload: Record<string, unknown>) => h.app.inject({ method: 'POST', url: '/auth/register', payload });
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  test('a malformed email is a 400 naming email', async () => {
    const response = await register({ email: 'not-an-email', password: PASSWORD, name: 'A B' });
    assert.equal(response.statusCode, 400);
    assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
    assert.deepEqual(fieldsOf(response.json()), ['body.email']);
  });

  test('a password that is too short is a 400 naming password', async () => {
    const response = await register({ email: uniqueEmail(), password: 'Ab1-xyz', name: 'A B' });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(fieldsOf(response.json()), ['body.password']);
  });

  for (const password of ['password1', 'P@ssw0rd', 'qwerty123', 'QWERTY123', '1234567890']) {
    test(`a common password (${password}) is refused whatever its letter case, saying why`, async () => {
      const response = await register({ email: uniqueEmail(), password, name: 'A B' });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(fieldsOf(response.json()), ['body.password']);
      assert.match(response.json().errors[0].message, /is too common: choose another/);
    });
  }

  test('no composition rules: a long password of lower-case letters only is accepted', async () => {
    const response = await register({ email: uniqueEmail(), password: 'lantern kettle orbit', name: 'A B' });
    assert.equal(response.statusCode, 201);
  });

  test('the email address as password is refused', async () => {
    const email = uniqueEmail();
    const response = await register({ email, password: email.toUpperCase(), name: 'A B' });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(fieldsOf(response.json()), ['body.password']);
  });

  test('without any name it is a 400 naming name', async () => {
    const response = await register({ email: uniqueEmail(), password: PASSWORD });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(fieldsOf(response.json()), ['body.name']);
  });

  test('an email already registered in another letter case is a 409, and nothing is written', async () => {
    const email = uniqueEmail('Twin');
    await signUp(h.app, { email });
    const response = await register({ email: email.toUpperCase(), password: PASSWORD, name: 'Other Person' });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().code, 'conflict');
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)', [email]);
    assert.equal(rows[0].n, 1);
  });

  test('name is split on the first space; firstName/lastName may be given instead', async () => {
    const split = await signUp(h.app, { name: 'Mary Ann Evans' });
    assert.deepEqual([split.user.firstName, split.user.lastName, split.user.name], ['Mary', 'Ann Evans', 'Mary Ann Evans']);
    const one = await signUp(h.app, { name: 'Cher' });
    assert.deepEqual([one.user.firstName, one.user.lastName, one.user.name], ['Cher', '', 'Cher']);
    const explicit = await signUp(h.app, { name: undefined, firstName: 'Grace', lastName: 'Hopper' });
    assert.deepEqual([explicit.user.firstName, explicit.user.lastName, explicit.user.name], ['Grace', 'Hopper', 'Grace Hopper']);
  });

  test('the stored password is an argon2id hash, never the password itself', async () => {
    const { user } = await signUp(h.app);
    const { rows } = await h.pool.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    const stored: string = rows[0].password_hash;
    assert.match(stored, /^\$argon2id\$v=19\$m=\d+,t=2,p=1\$/);
    assert.ok(!stored.includes(PASSWORD));
  });

  test('a listed admin email registers as admin; everyone else as customer', async () => {
    const admin = await signUp(h.app, { email: adminEmail.toUpperCase() });
    assert.deepEqual(admin.user.roles, ['customer', 'admin']);
    const verify = await h.app.inject({ method: 'GET', url: '/auth/verify', headers: { authorization: `Bearer ${admin.token}` } });
    assert.deepEqual(verify.json().roles, ['customer', 'admin']);
    const customer = await signUp(h.app);
    assert.deepEqual(customer.user.roles, ['customer']);
  });

  test('unknown members are refused rather than ignored', async () => {
    const response = await register({ email: uniqueEmail(), password: PASSWORD, name: 'A B', role: 'admin' });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(fieldsOf(response.json()), ['body.role']);
  });
});

describe('token responses', () => {
  let h: Harness;
  before(async () => {
    h = await startIdentity('no_store');
  });
  after(() => h.close());

  test('register, login and refresh answers carry Cache-Control: no-store', async () => {
    const email = uniqueEmail();
    const registered = await h.app.inject({ method: 'POST', url: '/auth/register', payload: { email, password: PASSWORD, name: 'A B' } });
    assert.equal(registered.statusCode, 201);
    assert.equal(registered.headers['cache-control'], 'no-store');
    const login = await h.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password: PASSWORD } });
    assert.equal(login.statusCode, 200);
    assert.equal(login.headers['cache-control'], 'no-store');
    const refreshed = await h.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: login.json().refreshToken } });
    assert.equal(refreshed.statusCode, 200);
    assert.equal(refreshed.headers['cache-control'], 'no-store');
  });
});
