import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { AppError, createJwtVerifier, createLogger, createServiceApp } from '../src/index.js';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
interface SigningKey { kid: string; privateKey: PrivateKey; jwk: JWK }

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/**
 * Serves a key set the way identity does, counting fetches; `keys` can be changed to rotate. It lists
 * `revoked` sessions too (`revokedStatus` other than 200 plays an identity that fails).
 */
async function jwksServer(keys: SigningKey[]) {
  const state = { keys, fetches: 0, revoked: [] as string[], revokedStatus: 200, revokedFetches: 0 };
  const server = http.createServer((req, res) => {
    if (req.url === '/.well-known/revoked-sessions') {
      state.revokedFetches++;
      res.writeHead(state.revokedStatus, { 'content-type': 'application/json' }).end(JSON.stringify({ revoked: state.revoked }));
      return;
    }
    state.fetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys.map((k) => k.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { state, url, close };
}

interface TokenOptions {
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  expiresIn?: string | number;
}

function token(key: SigningKey, options: TokenOptions = {}): Promise<string> {
  return new SignJWT({ email: 'ada@example.com', roles: ['customer'], sid: 'session-1', ...options.claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setSubject('user-1')
    .setJti('token-1')
    .setIssuer(options.issuer ?? 'bazaar-identity')
    .setAudience(options.audience ?? 'bazaar')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(key.privateKey);
}

async function rejects401(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.status, 401);
    assert.match(error.message, pattern);
    assert.match(error.options.headers?.['www-authenticate'] ?? '', /^Bearer/);
    return true;
  });
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('JWT verifier', async () => {
  const key1 = await signingKey('key-1');
  const jwks = await jwksServer([key1]);
  after(() => jwks.close());
  const verifier = createJwtVerifier({ jwksUrl: jwks.url, cooldownMs: 60_000 });

  test('a valid token gives the user it names', async () => {
    assert.deepEqual(await verifier.verify(await token(key1, { claims: { roles: ['customer', 'admin'] } })), {
      userId: 'user-1', email: 'ada@example.com', roles: ['customer', 'admin'], sessionId: 'session-1',
    });
  });

  test('a tampered token is refused', async () => {
    const [header, payload, signature] = (await token(key1)).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${b64({ ...claims, roles: ['admin'] })}.${signature}`;
    await rejects401(verifier.verify(forged), /signature/);
  });

  test('an expired token is refused', async () => {
    await rejects401(verifier.verify(await token(key1, { expiresIn: Math.floor(Date.now() / 1000) - 60 })), /expired/);
  });

  test('an unsigned (alg none) token is refused', async () => {
    const payload = { sub: 'user-1', email: 'a@b.c', roles: ['admin'], sid: 's', iss: 'bazaar-identity', aud: 'bazaar', exp: Math.floor(Date.now() / 1000) + 300 };
    await rejects401(verifier.verify(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`), /not valid/);
  });

  test('a token for another audience or from another issuer is refused', async () => {
    await rejects401(verifier.verify(await token(key1, { audience: 'elsewhere' })), /claim aud/);
    await rejects401(verifier.verify(await token(key1, { issuer: 'someone-else' })), /claim iss/);
  });

  test('a token without the claims Bazaar needs is refused', async () => {
    await rejects401(verifier.verify(await token(key1, { claims: { email: undefined } })), /email/);
    await rejects401(verifier.verify(await token(key1, { claims: { roles: 'admin' } })), /roles/);
    await rejects401(verifier.verify('not-a-token'), /malformed/);
  });

  test('an unknown key id does not refetch the key set during the cooldown', async () => {
    const stranger = await signingKey('key-unknown');
    const before = jwks.state.fetches;
    await rejects401(verifier.verify(await token(stranger)), /known key/);
    assert.equal(jwks.state.fetches, before);
  });
});

test('a token signed with a newly rotated key is accepted after the key set is fetched again', async (t) => {
  const key1 = await signingKey('key-1');
  const jwks = await jwksServer([key1]);
  t.after(() => jwks.close());
  const verifier = createJwtVerifier({ jwksUrl: jwks.url, cooldownMs: 0 });

  await verifier.verify(await token(key1));
  assert.equal(jwks.state.fetches, 1);
  await verifier.verify(await token(key1));
  assert.equal(jwks.state.fetches, 1, 'the key set is cached');

  const key2 = await signingKey('key-2');
  jwks.state.keys = [key1, key2];
  const user = await verifier.verify(await token(key2));
  assert.equal(user.userId, 'user-1');
  assert.equal(jwks.state.fetches, 2);
});

test('without any key set the verifier answers 503 naming identity, not 401', async () => {
  const jwks = await jwksServer([]);
  await jwks.close(); // nothing listens there now
  const verifier = createJwtVerifier({ jwksUrl: jwks.url, fetchTimeoutMs: 500 });
  await assert.rejects(verifier.verify(await token(await signingKey('k'))), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.status, 503);
    assert.equal(error.options.extensions?.upstream, 'identity');
    return true;
  });
});

test('when identity is unreachable after the cache has aged, the keys last fetched are still used', async () => {
  const key1 = await signingKey('key-1');
  const jwks = await jwksServer([key1]);
  const verifier = createJwtVerifier({ jwksUrl: jwks.url, cacheMaxAgeMs: 1, fetchTimeoutMs: 500 });
  await verifier.verify(await token(key1));
  await jwks.close();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal((await verifier.verify(await token(key1))).userId, 'user-1');
  await rejects401(verifier.verify(await token(key1, { expiresIn: Math.floor(Date.now() / 1000) - 60 })), /expired/);
});

test('route helpers: 401 without a token, 403 without the role, the user with it', async (t) => {
  const key = await signingKey('key-1');
  const jwks = await jwksServer([key]);
  const auth = createJwtVerifier({ jwksUrl: jwks.url });
  const app = await createServiceApp({ name: 's', version: '1', logger: createLogger('s', 'silent') });
  app.get('/me', async (request) => auth.requireUser(request));
  app.get('/admin', { preHandler: auth.preHandler({ role: 'admin' }) }, async (request) => ({ id: (await auth.requireUser(request)).userId }));
  await app.ready();
  t.after(async () => {
    await app.close();
    await jwks.close();
  });

  const none = await app.inject({ method: 'GET', url: '/me' });
  assert.equal(none.statusCode, 401);
  assert.equal(none.headers['www-authenticate'], 'Bearer');
  assert.equal(none.json().code, 'unauthorized');
  assert.equal((await app.inject({ method: 'GET', url: '/me', headers: { authorization: 'Basic dXNlcjpwYXNz' } })).statusCode, 401);

  const customer = { authorization: `Bearer ${await token(key)}` };
  assert.equal((await app.inject({ method: 'GET', url: '/me', headers: customer })).json().email, 'ada@example.com');
  const forbidden = await app.inject({ method: 'GET', url: '/admin', headers: customer });
  assert.equal(forbidden.statusCode, 403);
  assert.match(forbidden.json().detail, /admin role/);

  const admin = { authorization: `Bearer ${await token(key, { claims: { roles: ['admin'] } })}` };
  const allowed = await app.inject({ method: 'GET', url: '/admin', headers: admin });
  assert.equal(allowed.statusCode, 200);
  assert.deepEqual(allowed.json(), { id: 'user-1' });
});

describe('revoked sessions', async () => {
  const key = await signingKey('key-1');
  const jwks = await jwksServer([key]);
  after(() => jwks.close());

  test('a token of a listed session is refused once the list is older than the refresh period, cached or not', async () => {
    let clock = 0;
    const verifier = createJwtVerifier({ jwksUrl: jwks.url, revocationRefreshMs: 2000, now: () => clock });
    const valid = await token(key, { claims: { sid: 'session-a' } });
    assert.equal((await verifier.verify(valid)).sessionId, 'session-a');
    jwks.state.revoked = ['session-a'];
    clock += 1999;
    assert.equal((await verifier.verify(valid)).sessionId, 'session-a', 'the list is fetched again only after the refresh period');
    clock += 1;
    await rejects401(verifier.verify(valid), /session has ended/);
    await rejects401(verifier.verify(await token(key, { claims: { sid: 'session-a' } })), /session has ended/);
    assert.equal((await verifier.verify(await token(key, { claims: { sid: 'session-b' } }))).sessionId, 'session-b');
  });

  test('while identity fails, the last list keeps being used', async () => {
    let clock = 0;
    jwks.state.revoked = ['session-c'];
    jwks.state.revokedStatus = 200;
    const verifier = createJwtVerifier({ jwksUrl: jwks.url, revocationRefreshMs: 2000, now: () => clock });
    await rejects401(verifier.verify(await token(key, { claims: { sid: 'session-c' } })), /session has ended/);
    jwks.state.revokedStatus = 500;
    jwks.state.revoked = [];
    clock += 5000;
    await rejects401(verifier.verify(await token(key, { claims: { sid: 'session-c' } })), /session has ended/);
    assert.equal((await verifier.verify(await token(key, { claims: { sid: 'session-d' } }))).sessionId, 'session-d');
    jwks.state.revokedStatus = 200;
  });

  test('revocationUrl false turns the check off', async () => {
    jwks.state.revoked = ['session-e'];
    const before = jwks.state.revokedFetches;
    const verifier = createJwtVerifier({ jwksUrl: jwks.url, revocationUrl: false });
    assert.equal((await verifier.verify(await token(key, { claims: { sid: 'session-e' } }))).sessionId, 'session-e');
    assert.equal(jwks.state.revokedFetches, before);
  });
});
