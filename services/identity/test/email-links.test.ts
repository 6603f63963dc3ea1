import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contracts } from '@bazaar/contracts';
import { ContractValidator } from '@bazaar/platform';
import { publishedMessages } from '@bazaar/platform/testing';
import { PASSWORD, bearer, signUp, startIdentity, uniqueEmail, type Harness } from './harness.js';

const PUBLIC_URL = 'https://shop.example.test/store';
const validator = new ContractValidator(contracts);

let h: Harness;
before(async () => {
  h = await startIdentity('email_links', {
    settings: { publicUrl: PUBLIC_URL, linkRequests: { maxPerIp: 100_000, ipWindowSeconds: 600, maxPerEmail: 3, emailWindowSeconds: 3600 } },
  });
});
after(() => h.close());

/** The payloads of this type identity wrote about this user, oldest first, each checked against its contract, envelope and all. */
async function written(type: string, userId: string): Promise<Record<string, unknown>[]> {
  const messages = (await publishedMessages(h.pool, { type })).filter((m) => m.payload.userId === userId);
  for (const m of messages) validator.parse(JSON.stringify(m.envelope));
  return messages.map((m) => m.payload);
}

/** The token of the link in the user's last message of this type, after checking where the link points. */
async function mailedToken(type: 'user.verification-requested' | 'user.password-reset-requested', userId: string): Promise<string> {
  const last = (await written(type, userId)).at(-1);
  assert.ok(last, `no ${type} for ${userId}`);
  const url = new URL(String(type === 'user.verification-requested' ? last.verificationUrl : last.resetUrl));
  assert.equal(`${url.origin}${url.pathname}`, `${PUBLIC_URL}/${type === 'user.verification-requested' ? 'verify-email' : 'reset-password'}`);
  return url.searchParams.get('token')!;
}

const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
const me = async (token: string) => (await h.app.inject({ method: 'GET', url: '/users/me', headers: bearer(token) })).json();
const fields = (response: { json(): { errors?: { field: string }[] } }) => (response.json().errors ?? []).map((e) => e.field);

describe('email verification', () => {
  test('a registration mails a link whose token verifies the address once', async () => {
    const session = await signUp(h.app);
    assert.equal((await me(session.token)).emailVerified, false);
    const [requested] = await written('user.verification-requested', session.user.id);
    assert.equal(requested?.email, session.user.email);
    assert.equal(requested?.firstName, 'Ada');
    const token = await mailedToken('user.verification-requested', session.user.id);

    const verified = await post('/auth/verify-email', { token });
    assert.equal(verified.statusCode, 200);
    assert.deepEqual(verified.json(), { email: session.user.email, emailVerified: true });
    assert.equal((await me(session.token)).emailVerified, true);

    const again = await post('/auth/verify-email', { token });
    assert.equal(again.statusCode, 400);
    assert.match(again.headers['content-type'] as string, /^application\/problem\+json/);
    assert.deepEqual(fields(again), ['body.token']);
  });

  test('only the hash of the token is stored', async () => {
    const session = await signUp(h.app);
    const token = await mailedToken('user.verification-requested', session.user.id);
    const { rows } = await h.pool.query("SELECT token_hash, to_jsonb(t)::text AS whole FROM email_tokens t WHERE user_id = $1 AND purpose = 'verify'", [session.user.id]);
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0].token_hash, createHash('sha256').update(token).digest());
    assert.ok(!rows[0].whole.includes(token));
  });

  test('an expired token is a 400 and verifies nothing', async () => {
    const session = await signUp(h.app);
    const token = await mailedToken('user.verification-requested', session.user.id);
    await h.pool.query("UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1", [session.user.id]);
    const response = await post('/auth/verify-email', { token });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(fields(response), ['body.token']);
    assert.equal((await me(session.token)).emailVerified, false);
  });

  test('an unknown or malformed token is a 400 naming the token', async () => {
    for (const token of ['A'.repeat(43), 'short', `${'A'.repeat(42)}=`]) {
      const response = await post('/auth/verify-email', { token });
      assert.equal(response.statusCode, 400, token);
      // A malformed token may break more than one rule, each named.
      assert.deepEqual([...new Set(fields(response))], ['body.token'], token);
    }
  });

  test('asking for a new link makes the previous one invalid; once verified, asking is a 409', async () => {
    const session = await signUp(h.app);
    const first = await mailedToken('user.verification-requested', session.user.id);
    const resent = await post('/users/me/verification', undefined, bearer(session.token));
    assert.equal(resent.statusCode, 202);
    assert.equal(resent.json().email, session.user.email);
    const second = await mailedToken('user.verification-requested', session.user.id);
    assert.notEqual(second, first);
    assert.equal((await post('/auth/verify-email', { token: first })).statusCode, 400);
    assert.equal((await post('/auth/verify-email', { token: second })).statusCode, 200);
    const verified = await post('/users/me/verification', undefined, bearer(session.token));
    assert.equal(verified.statusCode, 409);
    assert.equal((await written('user.verification-requested', session.user.id)).length, 2);
    assert.equal((await post('/users/me/verification')).statusCode, 401);
  });

  test('a new email address is unverified and gets its own link; the old address\'s link stops working', async () => {
    const session = await signUp(h.app);
    const old = await mailedToken('user.verification-requested', session.user.id);
    const email = uniqueEmail('moved');
    const changed = await h.app.inject({ method: 'PATCH', url: '/users/me', headers: bearer(session.token), payload: { email } });
    assert.equal(changed.statusCode, 200);
    assert.equal(changed.json().emailVerified, false);
    const requests = await written('user.verification-requested', session.user.id);
    assert.equal(requests.at(-1)?.email, email);
    assert.equal((await post('/auth/verify-email', { token: old })).statusCode, 400);
    assert.equal((await post('/auth/verify-email', { token: await mailedToken('user.verification-requested', session.user.id) })).statusCode, 200);
    // Only a change of address unverifies: a new name does not.
    const renamed = await h.app.inject({ method: 'PATCH', url: '/users/me', headers: bearer(session.token), payload: { firstName: 'Augusta', email: email.toUpperCase() } });
    assert.equal(renamed.json().emailVerified, true);
    assert.equal((await written('user.verification-requested', session.user.id)).length, 2);
  });
});

describe('password reset', () => {
  const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined, correlationId: undefined });

  test('a known and an unknown email get the same answer; only the known one is mailed a link', async () => {
    const session = await signUp(h.app);
    const before = (await publishedMessages(h.pool, { type: 'user.password-reset-requested' })).length;
    const unknown = await post('/auth/password-reset', { email: uniqueEmail('nobody') });
    const known = await post('/auth/password-reset', { email: session.user.email.toUpperCase() });
    assert.equal(unknown.statusCode, 202);
    assert.equal(known.statusCode, 202);
    assert.deepEqual(strip(known.json()), strip(unknown.json()));
    assert.equal(known.headers['content-type'], unknown.headers['content-type']);
    const after = await publishedMessages(h.pool, { type: 'user.password-reset-requested' });
    assert.equal(after.length, before + 1);
    const [mailed] = await written('user.password-reset-requested', session.user.id);
    assert.equal(mailed?.email, session.user.email);
  });

  test('past the limit for one email, known or not, the answer is the same 429', async () => {
    const known = (await signUp(h.app)).user.email;
    const unknown = uniqueEmail('nobody');
    for (const email of [known, unknown]) {
      for (let i = 0; i < 3; i++) assert.equal((await post('/auth/password-reset', { email })).statusCode, 202);
    }
    const [k, u] = [await post('/auth/password-reset', { email: known }), await post('/auth/password-reset', { email: unknown })];
    assert.deepEqual([k.statusCode, u.statusCode], [429, 429]);
    assert.ok(Number(k.headers['retry-after']) > 0);
  });

  test('the new password works, the old one does not, every session ends and the token works once', async () => {
    const first = await signUp(h.app);
    const email = first.user.email;
    const second = (await post('/auth/login', { email, password: PASSWORD })).json();
    assert.equal((await post('/auth/password-reset', { email })).statusCode, 202);
    const token = await mailedToken('user.password-reset-requested', first.user.id);

    // A password the policy refuses is named, and the token stays usable.
    const weak = await post('/auth/password-reset/confirm', { token, password: 'password1' });
    assert.equal(weak.statusCode, 400);
    assert.deepEqual(fields(weak), ['body.password']);
    assert.equal((await post('/auth/password-reset/confirm', { token, password: email })).statusCode, 400);

    const newPassword = 'Battery-Staple-42';
    assert.equal((await post('/auth/password-reset/confirm', { token, password: newPassword })).statusCode, 204);
    for (const session of [first, second]) {
      assert.equal((await h.app.inject({ method: 'GET', url: '/auth/verify', headers: bearer(session.token) })).statusCode, 401);
      assert.equal((await post('/auth/refresh', { refreshToken: session.refreshToken })).statusCode, 401);
    }
    // The other services' verifiers learn of it from the list of ended sessions.
    const { revoked } = (await h.app.inject({ method: 'GET', url: '/.well-known/revoked-sessions' })).json() as { revoked: string[] };
    const sid = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).sid as string;
    assert.ok(revoked.includes(sid(first.token)) && revoked.includes(sid(second.token)));

    assert.equal((await post('/auth/login', { email, password: PASSWORD })).statusCode, 401);
    assert.equal((await post('/auth/login', { email, password: newPassword })).statusCode, 200);
    const reused = await post('/auth/password-reset/confirm', { token, password: 'Another-Password-9' });
    assert.equal(reused.statusCode, 400);
    assert.deepEqual(fields(reused), ['body.token']);
  });

  test('an expired, unknown or replaced token is a 400 and changes nothing', async () => {
    const session = await signUp(h.app);
    const email = session.user.email;
    await post('/auth/password-reset', { email });
    const replaced = await mailedToken('user.password-reset-requested', session.user.id);
    await post('/auth/password-reset', { email });
    const expired = await mailedToken('user.password-reset-requested', session.user.id);
    await h.pool.query("UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'reset'", [session.user.id]);
    for (const token of [replaced, expired, 'B'.repeat(43)]) {
      const response = await post('/auth/password-reset/confirm', { token, password: 'Battery-Staple-42' });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(fields(response), ['body.token']);
    }
    assert.equal((await post('/auth/login', { email, password: PASSWORD })).statusCode, 200);
    assert.equal((await h.app.inject({ method: 'GET', url: '/auth/verify', headers: bearer(session.token) })).statusCode, 200);
  });

  test('a reset link mailed to an address the account no longer has stops working', async () => {
    const session = await signUp(h.app);
    await post('/auth/password-reset', { email: session.user.email });
    const token = await mailedToken('user.password-reset-requested', session.user.id);
    await h.app.inject({ method: 'PATCH', url: '/users/me', headers: bearer(session.token), payload: { email: uniqueEmail('new') } });
    assert.equal((await post('/auth/password-reset/confirm', { token, password: 'Battery-Staple-42' })).statusCode, 400);
  });
});
