// Operators make a user a courier (and take it back); the role reaches the user's next token.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { bearer, signUp, startIdentity, uniqueEmail, type Harness, type Session } from './harness.js';

describe('roles', () => {
  const adminEmail = uniqueEmail('operator');
  let h: Harness;
  let operator: Session;

  before(async () => {
    h = await startIdentity('roles', { settings: { adminEmails: [adminEmail.toLowerCase()] } });
    operator = await signUp(h.app, { email: adminEmail });
  });
  after(() => h?.close());

  const setRole = (token: string, userId: string, payload: unknown) =>
    h.app.inject({ method: 'PUT', url: `/users/${userId}/role`, headers: bearer(token), payload: payload as object });

  test('an admin makes a user a courier; the next token says so; taking it back works the same way', async () => {
    const rider = await signUp(h.app);
    assert.deepEqual(decodeJwt(rider.token).roles, ['customer']);
    const granted = await setRole(operator.token, rider.user.id, { role: 'courier' });
    assert.equal(granted.statusCode, 200, granted.body);
    assert.deepEqual(granted.json().roles, ['customer', 'courier']);
    assert.equal((await setRole(operator.token, rider.user.id, { role: 'courier' })).statusCode, 200, 'idempotent');

    const refreshed = await h.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: rider.refreshToken } });
    assert.equal(refreshed.statusCode, 200);
    assert.deepEqual(decodeJwt(refreshed.json().token).roles, ['customer', 'courier']);
    const me = await h.app.inject({ method: 'GET', url: '/users/me', headers: bearer(refreshed.json().token) });
    assert.deepEqual(me.json().roles, ['customer', 'courier']);

    assert.deepEqual((await setRole(operator.token, rider.user.id, { role: 'customer' })).json().roles, ['customer']);
    const again = await h.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: refreshed.json().refreshToken } });
    assert.deepEqual(decodeJwt(again.json().token).roles, ['customer']);
  });

  test('only admins set roles, nobody becomes an admin through the API, and an admin stays one', async () => {
    const someone = await signUp(h.app);
    const other = await signUp(h.app);
    assert.equal((await setRole(someone.token, other.user.id, { role: 'courier' })).statusCode, 403);
    assert.equal((await setRole(someone.token, someone.user.id, { role: 'courier' })).statusCode, 403, 'not even oneself');
    assert.equal((await h.app.inject({ method: 'PUT', url: `/users/${other.user.id}/role`, payload: { role: 'courier' } })).statusCode, 401);
    const toAdmin = await setRole(operator.token, other.user.id, { role: 'admin' });
    assert.equal(toAdmin.statusCode, 400);
    assert.match(toAdmin.json().detail, /body\.role/);
    const demote = await setRole(operator.token, operator.user.id, { role: 'customer' });
    assert.equal(demote.statusCode, 409);
    assert.match(demote.json().detail, /IDENTITY_ADMIN_EMAILS/);
    assert.equal((await setRole(operator.token, randomUUID(), { role: 'courier' })).statusCode, 404);
    assert.equal((await setRole(operator.token, other.user.id, { role: 'courier', extra: 1 })).statusCode, 400);
    assert.equal((await setRole(operator.token, 'not-a-uuid', { role: 'courier' })).statusCode, 400);
  });
});
