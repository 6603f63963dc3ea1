import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contracts } from '@bazaar/contracts';
import { ContractValidator } from '@bazaar/platform';
import { publishedMessages } from '@bazaar/platform/testing';
import { bearer, signUp, startIdentity, type Harness, type Session } from './harness.js';

const validator = new ContractValidator(contracts);

describe("a user's contact details and the channels they allow", () => {
  let h: Harness;
  before(async () => { h = await startIdentity('contact'); });
  after(() => h.close());

  /** What identity announced about the user (registered, then each update), each checked against its contract. */
  async function announced(userId: string): Promise<Record<string, unknown>[]> {
    const messages = (await publishedMessages(h.pool)).filter((m) => ['user.registered', 'user.updated'].includes(m.type) && m.payload.userId === userId);
    for (const m of messages) validator.parse(JSON.stringify(m.envelope));
    return messages.map((m) => m.payload);
  }
  const call = (session: Session, method: 'GET' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    h.app.inject({ method, url, headers: bearer(session.token), ...(payload ? { payload } : {}) });

  test('a new user: version 1, no phone, email on, SMS and push off, unverified', async () => {
    const session = await signUp(h.app);
    const profile = (await call(session, 'GET', '/users/me')).json();
    assert.equal(profile.emailVerified, false);
    assert.equal(profile.phone, null);
    assert.deepEqual(profile.notificationPreferences, { email: true, sms: false, push: false });
    const [registered] = await announced(session.user.id);
    assert.equal(registered?.version, 1);
    assert.equal(registered?.phone, null);
    assert.deepEqual(registered?.notificationPreferences, { email: true, sms: false, push: false });
  });

  test('changing the preferences announces user.updated at a higher version; the same values announce nothing', async () => {
    const session = await signUp(h.app);
    assert.deepEqual((await call(session, 'GET', '/users/me/notification-preferences')).json(), { email: true, sms: false, push: false });
    const put = await call(session, 'PUT', '/users/me/notification-preferences', { email: false, sms: true, push: true });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(put.json(), { email: false, sms: true, push: true });
    assert.deepEqual((await call(session, 'GET', '/users/me/notification-preferences')).json(), { email: false, sms: true, push: true });
    assert.deepEqual((await call(session, 'GET', '/users/me')).json().notificationPreferences, { email: false, sms: true, push: true });

    const [registered, updated, ...rest] = await announced(session.user.id);
    assert.equal(rest.length, 0);
    assert.ok((updated?.version as number) > (registered?.version as number));
    assert.deepEqual(updated?.notificationPreferences, { email: false, sms: true, push: true });
    assert.equal(updated?.email, session.user.email);

    assert.equal((await call(session, 'PUT', '/users/me/notification-preferences', { email: false, sms: true, push: true })).statusCode, 200);
    assert.equal((await announced(session.user.id)).length, 2);
  });

  test('preferences are all required booleans, and nothing else', async () => {
    const session = await signUp(h.app);
    for (const payload of [{ email: true, sms: false }, { email: 'true', sms: false, push: false }, { email: true, sms: false, push: false, fax: true }, {}]) {
      const response = await call(session, 'PUT', '/users/me/notification-preferences', payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
    }
    assert.equal((await h.app.inject({ method: 'GET', url: '/users/me/notification-preferences' })).statusCode, 401);
    assert.equal((await announced(session.user.id)).length, 1);
  });

  test('a phone number is set and removed through PATCH /users/me, each change announced with the next version', async () => {
    const session = await signUp(h.app);
    const set = await call(session, 'PATCH', '/users/me', { phone: '+14155550123' });
    assert.equal(set.statusCode, 200);
    assert.equal(set.json().phone, '+14155550123');
    const renamed = await call(session, 'PATCH', '/users/me', { lastName: 'King' });
    assert.equal(renamed.json().phone, '+14155550123', 'a change of name leaves the phone');
    const removed = await call(session, 'PATCH', '/users/me', { phone: null });
    assert.equal(removed.json().phone, null);
    const versions = (await announced(session.user.id)).map((p) => [p.version, p.phone]);
    assert.deepEqual(versions, [[1, null], [2, '+14155550123'], [3, '+14155550123'], [4, null]]);
  });

  test('a phone number that is not E.164 is a 400 naming phone, and changes nothing', async () => {
    const session = await signUp(h.app);
    for (const phone of ['4155550123', '+0123456789', '+1 415 555 0123', '+1234567890123456', '']) {
      const response = await call(session, 'PATCH', '/users/me', { phone, firstName: 'Changed' });
      assert.equal(response.statusCode, 400, phone);
      assert.ok(response.json().errors.some((e: { field: string }) => e.field === 'body.phone'), phone);
    }
    const profile = (await call(session, 'GET', '/users/me')).json();
    assert.deepEqual([profile.phone, profile.firstName], [null, 'Ada']);
  });
});
