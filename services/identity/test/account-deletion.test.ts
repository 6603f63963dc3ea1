// Deleting an account: the owner (with their password) or an operator; what identity keeps of the
// user afterwards, that nobody signs in as them again, and how the other services' confirmations are
// recorded for operators to follow.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contracts } from '@bazaar/contracts';
import { createEnvelope, payloadHandlers } from '@bazaar/platform';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { identityEventHandlers } from '../src/events.js';
import { ERASING_SERVICES } from '../src/users/erasure.js';
import { PASSWORD, bearer, signUp, startIdentity, uniqueEmail, type Harness, type Session } from './harness.js';

const home = { addressLine1: '1 Main Street', city: 'Springfield', postalCode: '62701', country: 'US' };

describe('deleting an account', () => {
  let h: Harness;
  let operator: Session;
  const adminEmail = uniqueEmail('operator');
  before(async () => {
    h = await startIdentity('account_deletion', { settings: { adminEmails: [adminEmail.toLowerCase()] } });
    operator = await signUp(h.app, { email: adminEmail });
  });
  after(() => h.close());

  const call = (method: 'GET' | 'DELETE' | 'POST' | 'PUT', url: string, token?: string, payload?: Record<string, unknown>) =>
    h.app.inject({ method, url, ...(token ? { headers: bearer(token) } : {}), ...(payload !== undefined ? { payload } : {}) });
  const login = (email: string, password = PASSWORD) => call('POST', '/auth/login', undefined, { email, password });
  const erasure = (userId: string) => call('GET', `/users/${userId}/erasure`, operator.token);
  const confirm = (userId: string, service: string, erasedAt = new Date().toISOString()) =>
    deliverMessage(
      { pool: h.pool, contracts, kind: 'events', handlers: payloadHandlers(contracts.events, identityEventHandlers) },
      createEnvelope(service, 'user.erased', 1, { userId, service, erasedAt, summary: `${service} erased` }),
    );

  test('the owner confirms with the password; a wrong one deletes nothing', async () => {
    const user = await signUp(h.app, { name: 'Grace Hopper' });
    assert.equal((await call('POST', '/users/me/addresses', user.token, home)).statusCode, 201);
    assert.equal((await call('PUT', '/users/me/preferences/theme', user.token, { value: 'dark' })).statusCode, 200);

    const wrong = await call('DELETE', '/users/me', user.token, { password: 'Not-The-Password-1' });
    assert.equal(wrong.statusCode, 403, wrong.body);
    assert.equal(wrong.json().errors[0].field, 'body.password');
    assert.equal((await call('GET', '/users/me', user.token)).statusCode, 200);
    assert.equal((await call('DELETE', '/users/me', user.token, {})).statusCode, 400);

    const deleted = await call('DELETE', '/users/me', user.token, { password: PASSWORD });
    assert.equal(deleted.statusCode, 204, deleted.body);

    // Signing in answers exactly as for an email nobody registered.
    const refused = await login(user.user.email);
    const unknown = await login(uniqueEmail('nobody'));
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().detail, unknown.json().detail);
    // The old tokens: the access token's session is over, the refresh token opens nothing.
    assert.equal((await call('GET', '/users/me', user.token)).statusCode, 401);
    assert.equal((await call('POST', '/auth/refresh', undefined, { refreshToken: user.refreshToken })).statusCode, 401);
    const { revoked } = (await call('GET', '/.well-known/revoked-sessions')).json() as { revoked: string[] };
    const sid = (JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;
    assert.ok(revoked.includes(sid), 'the ended session is listed for the other services');

    // What identity keeps: the id and when, nothing personal.
    const { rows: [row] } = await h.pool.query('SELECT email, first_name, last_name, phone, deleted_at FROM users WHERE id = $1', [user.user.id]);
    assert.equal(row.email, `${user.user.id}@deleted.invalid`);
    assert.deepEqual([row.first_name, row.last_name, row.phone], ['', '', null]);
    assert.ok(row.deleted_at instanceof Date);
    for (const table of ['user_addresses', 'user_preferences', 'email_tokens']) {
      const { rowCount } = await h.pool.query(`SELECT 1 FROM ${table} WHERE user_id = $1`, [user.user.id]);
      assert.equal(rowCount, 0, table);
    }

    // user.deleted is in the outbox, naming nobody but the id; the address can be used again.
    const events = (await published(h.pool)).filter((m) => m.type === 'user.deleted');
    assert.deepEqual(events.map((e) => ({ ...e.payload, deletedAt: undefined })), [{ userId: user.user.id, deletedBy: 'user', deletedAt: undefined }]);
    const again = await signUp(h.app, { email: user.user.email });
    assert.notEqual(again.user.id, user.user.id);
  });

  test('an operator deletes a user by id, but not an admin; a deleted user is gone for the other routes', async () => {
    const user = await signUp(h.app);
    assert.equal((await call('DELETE', `/users/${user.user.id}`, user.token)).statusCode, 403);
    assert.equal((await call('DELETE', `/users/${operator.user.id}`, operator.token)).statusCode, 409);
    assert.equal((await call('DELETE', `/users/${user.user.id}`, operator.token)).statusCode, 204);
    assert.equal((await call('DELETE', `/users/${user.user.id}`, operator.token)).statusCode, 404);
    assert.equal((await call('PUT', `/users/${user.user.id}/role`, operator.token, { role: 'courier' })).statusCode, 404);
    assert.equal((await login(user.user.email)).statusCode, 401);
    const event = (await published(h.pool)).find((m) => m.type === 'user.deleted' && m.payload.userId === user.user.id);
    assert.equal(event?.payload.deletedBy, 'admin');
  });

  test("operators follow the erasure: identity's part at once, each service's as it confirms", async () => {
    const user = await signUp(h.app);
    assert.equal((await erasure(user.user.id)).statusCode, 404, 'a live user has no erasure');
    assert.equal((await call('DELETE', '/users/me', user.token, { password: PASSWORD })).statusCode, 204);

    const first = (await erasure(user.user.id)).json();
    assert.equal(first.complete, false);
    assert.deepEqual(first.pending, ERASING_SERVICES.filter((s) => s !== 'identity'));

    await confirm(user.user.id, 'catalog', '2026-01-01T00:00:00.000Z');
    // A repeat from the same service keeps the first confirmation.
    await confirm(user.user.id, 'catalog', '2026-02-01T00:00:00.000Z');
    const second = (await erasure(user.user.id)).json();
    const catalog = second.services.find((s: { service: string }) => s.service === 'catalog');
    assert.equal(catalog.erasedAt, '2026-01-01T00:00:00.000Z');
    assert.equal(catalog.summary, 'catalog erased');

    for (const service of ERASING_SERVICES.filter((s) => s !== 'identity' && s !== 'catalog')) await confirm(user.user.id, service);
    const done = (await erasure(user.user.id)).json();
    assert.equal(done.complete, true);
    assert.deepEqual(done.pending, []);
    assert.equal((await call('GET', `/users/${user.user.id}/erasure`, user.token)).statusCode, 401, "the deleted user's token is refused");
  });

  test('a confirmation for a user identity has not deleted is dropped, not parked', async () => {
    const live = await signUp(h.app);
    await confirm(live.user.id, 'orders');
    const { rowCount } = await h.pool.query('SELECT 1 FROM user_erasures WHERE user_id = $1', [live.user.id]);
    assert.equal(rowCount, 0);
    await confirm('0190a4d0-0000-7000-8000-000000000000', 'orders');
  });
});
