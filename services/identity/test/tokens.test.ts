import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, base64url, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { bearer, signUp, startIdentity, type Harness, type Session } from './harness.js';

const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

describe('access tokens', () => {
  let h: Harness;
  let session: Session;
  before(async () => {
    h = await startIdentity('tokens');
    session = await signUp(h.app);
  });
  after(() => h.close());

  const verify = (token: string) => h.app.inject({ method: 'GET', url: '/auth/verify', headers: bearer(token) });
  const assertRejected = async (token: string) => {
    const response = await verify(token);
    assert.equal(response.statusCode, 401);
    assert.match(response.headers['www-authenticate'] as string, /^Bearer/);
    assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
    return response.json();
  };
  const signingKey = async () => {
    const { rows } = await h.pool.query<{ kid: string; private_jwk: JWK }>('SELECT kid, private_jwk FROM signing_keys');
    return { kid: rows[0]!.kid, key: await importJWK(rows[0]!.private_jwk, 'ES256') };
  };

  test('carry the agreed claims, signed ES256 with a kid', () => {
    const header = decodeProtectedHeader(session.token);
    assert.equal(header.alg, 'ES256');
    assert.equal(typeof header.kid, 'string');
    const claims = decodeJwt(session.token);
    assert.equal(claims.iss, 'bazaar-identity');
    assert.equal(claims.aud, 'bazaar');
    assert.equal(claims.sub, session.user.id);
    assert.equal(claims.email, session.user.email);
    assert.deepEqual(claims.roles, ['customer']);
    assert.equal(typeof claims.sid, 'string');
    assert.equal(typeof claims.jti, 'string');
    assert.equal(claims.exp! - claims.iat!, 300);
  });

  test('a tampered signature is refused', async () => {
    const [head, body, signature] = session.token.split('.');
    const flipped = signature!.slice(0, 10) + (signature![10] === 'A' ? 'B' : 'A') + signature!.slice(11);
    await assertRejected(`${head}.${body}.${flipped}`);
  });

  test('a tampered payload under the original signature is refused', async () => {
    const [head, , signature] = session.token.split('.');
    const claims = { ...decodeJwt(session.token), roles: ['customer', 'admin'] };
    await assertRejected(`${head}.${encode(claims)}.${signature}`);
  });

  test('an unsigned token (alg: none) is refused', async () => {
    const { kid } = decodeProtectedHeader(session.token);
    await assertRejected(`${encode({ alg: 'none', typ: 'JWT', kid })}.${encode(decodeJwt(session.token))}.`);
  });

  test('an HS256 token keyed with the public key is refused', async () => {
    const jwks = (await h.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const publicJwk = jwks.keys[0];
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const forged = await new SignJWT({ ...decodeJwt(session.token) })
      .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid, typ: 'JWT' })
      .sign(secret);
    await assertRejected(forged);
  });

  test('an expired token is refused, even with a valid signature and an open session', async () => {
    const { kid, key } = await signingKey();
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...decodeJwt(session.token), iat: now - 600, exp: now - 300 })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .sign(key);
    const problem = await assertRejected(expired);
    assert.match(problem.detail, /expired/);
    assert.equal((await verify(session.token)).statusCode, 200, 'the same session with a fresh token still verifies');
  });

  test('a token for another audience or issuer is refused', async () => {
    const { kid, key } = await signingKey();
    for (const change of [{ aud: 'somebody-else' }, { iss: 'someone-else' }]) {
      const token = await new SignJWT({ ...decodeJwt(session.token), ...change }).setProtectedHeader({ alg: 'ES256', kid }).sign(key);
      await assertRejected(token);
    }
  });

  test('a missing or malformed Authorization header is refused', async () => {
    for (const authorization of [undefined, 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not-a-jwt', `Token ${session.token}`]) {
      const response = await h.app.inject({ method: 'GET', url: '/auth/verify', headers: authorization ? { authorization } : {} });
      assert.equal(response.statusCode, 401, `for ${authorization}`);
    }
  });
});

describe('sessions', () => {
  let h: Harness;
  before(async () => { h = await startIdentity('sessions'); });
  after(() => h.close());

  const verify = (token: string) => h.app.inject({ method: 'GET', url: '/auth/verify', headers: bearer(token) });
  const refresh = (refreshToken: string) => h.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } });

  test('after logout the token is refused', async () => {
    const { token } = await signUp(h.app);
    assert.equal((await verify(token)).statusCode, 200);
    const logout = await h.app.inject({ method: 'POST', url: '/auth/logout', headers: bearer(token) });
    assert.equal(logout.statusCode, 204);
    const response = await verify(token);
    assert.equal(response.statusCode, 401);
    assert.match(response.json().detail, /session/);
    assert.equal((await h.app.inject({ method: 'GET', url: '/users/me', headers: bearer(token) })).statusCode, 401);
  });

  test('logging out one session leaves the user’s other sessions open', async () => {
    const first = await signUp(h.app);
    const login = await h.app.inject({ method: 'POST', url: '/auth/login', payload: { email: first.user.email, password: 'Correct-Horse-7' } });
    await h.app.inject({ method: 'POST', url: '/auth/logout', headers: bearer(first.token) });
    assert.equal((await verify(login.json().token)).statusCode, 200);
  });

  test('refresh rotates: new tokens work, the old refresh token does not', async () => {
    const first = await signUp(h.app);
    const response = await refresh(first.refreshToken);
    assert.equal(response.statusCode, 200);
    const next = response.json();
    assert.notEqual(next.refreshToken, first.refreshToken);
    assert.equal(next.expiresIn, 300);
    assert.equal((await verify(next.token)).statusCode, 200);
    assert.equal(decodeJwt(next.token).sid, decodeJwt(first.token).sid, 'same session');
    assert.equal((await refresh(first.refreshToken)).statusCode, 401);
  });

  test('reusing a rotated refresh token ends the session it belonged to', async () => {
    const first = await signUp(h.app);
    const next = (await refresh(first.refreshToken)).json();
    assert.equal((await refresh(first.refreshToken)).statusCode, 401, 'the stolen, already-used token');
    assert.equal((await verify(next.token)).statusCode, 401, 'the access token of that session');
    assert.equal((await refresh(next.refreshToken)).statusCode, 401, 'and the latest refresh token too');
  });

  test('a refresh token that was never issued is refused without ending the session', async () => {
    const first = await signUp(h.app);
    const sid = first.refreshToken.split('.')[0];
    assert.equal((await refresh(`${sid}.${'x'.repeat(43)}`)).statusCode, 401);
    assert.equal((await refresh('garbage')).statusCode, 401);
    assert.equal((await refresh(first.refreshToken)).statusCode, 200);
  });

  test('a session lives in Redis under the prefix, as a hash holding only the refresh token’s hash', async () => {
    const first = await signUp(h.app);
    const sid = decodeJwt(first.token).sid as string;
    const stored = await h.admin.hgetall(`${h.prefix}:session:${sid}`);
    assert.equal(stored.userId, first.user.id);
    assert.match(stored.refreshHash!, /^[0-9a-f]{64}$/);
    assert.ok(!Object.values(stored).some((v) => first.refreshToken.includes(v)), 'the refresh token itself is not stored');
    const ttl = await h.admin.ttl(`${h.prefix}:session:${sid}`);
    assert.ok(ttl > 7 * 86_400 - 60 && ttl <= 7 * 86_400, `TTL is the refresh lifetime (got ${ttl})`);
  });
});
