import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { AppError, createJwtVerifier } from '@bazaar/platform';
import { bearer, signUp, startIdentity, type Harness } from './harness.js';

describe('logout reaches the other services', () => {
  let h: Harness;
  let base: string;
  before(async () => {
    h = await startIdentity('revocation');
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  after(() => h.close());

  test("a token used after logout is refused by another service's verifier once its list is refreshed", async () => {
    let clock = 1_000_000;
    // Another service's verifier, as every service builds it from identity's URL.
    const verifier = createJwtVerifier({ jwksUrl: `${base}/.well-known/jwks.json`, revocationRefreshMs: 2000, now: () => clock });
    const session = await signUp(h.app);
    const user = await verifier.verify(session.token);
    assert.equal(user.userId, session.user.id);

    const logout = await h.app.inject({ method: 'POST', url: '/auth/logout', headers: bearer(session.token) });
    assert.equal(logout.statusCode, 204);
    const listed = await h.app.inject({ method: 'GET', url: '/.well-known/revoked-sessions' });
    assert.equal(listed.statusCode, 200);
    assert.ok((listed.json() as { revoked: string[] }).revoked.includes(user.sessionId));

    clock += 2000;
    // The token sits in the verifier's cache of verified tokens: the cache must not let it through.
    await assert.rejects(verifier.verify(session.token), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.status, 401);
      assert.match(error.message, /session has ended/);
      return true;
    });
  });

  test('a session ended by refresh-token reuse is listed too; an open one is not', async () => {
    const stolen = await signUp(h.app);
    const open = await signUp(h.app);
    const refresh = (refreshToken: string) => h.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } });
    assert.equal((await refresh(stolen.refreshToken)).statusCode, 200);
    assert.equal((await refresh(stolen.refreshToken)).statusCode, 401);
    const { revoked } = (await h.app.inject({ method: 'GET', url: '/.well-known/revoked-sessions' })).json() as { revoked: string[] };
    const sid = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;
    assert.ok(revoked.includes(sid(stolen.token)));
    assert.ok(!revoked.includes(sid(open.token)));
  });
});
