// Identity keeps what its HTTP consumers recorded (pacts/<consumer>-identity.json): the real app,
// listening on a real port over its own migrated database and Redis prefix, verified by pact. Each
// provider state signs a user up through identity's own API; the token a pact recorded is replaced by
// the token of that user's session, since only identity's own tokens (of an open session) pass.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { replaceBearerToken, unhandledStates, verifyPacts } from '@bazaar/contract-testing';
import { PASSWORD, bearer, signUp, startIdentity, uniqueEmail, type Harness } from './harness.js';

let h: Harness;
let providerBaseUrl = '';
/** The token the current interaction is sent with, set by its provider state. */
let token: string | undefined;

before(async () => {
  h = await startIdentity('pact_http');
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  providerBaseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
});
after(async () => {
  await h?.close();
});

const stateHandlers = {
  'a user is signed in': async () => {
    token = (await signUp(h.app, { email: uniqueEmail('pact'), name: 'Ada Lovelace' })).token;
    return undefined;
  },
  'the signed-in user has logged out': async () => {
    const session = await signUp(h.app, { email: uniqueEmail('pact-gone') });
    const logout = await h.app.inject({ method: 'POST', url: '/auth/logout', headers: bearer(session.token) });
    assert.equal(logout.statusCode, 204, logout.body);
    token = session.token;
    return undefined;
  },
  'a user with this email and password exists': async (params?: unknown) => {
    const { email, password } = params as { email: string; password: string };
    await signUp(h.app, { email, password: password ?? PASSWORD, name: 'Ada Lovelace' });
    return undefined;
  },
};

test('every provider state the HTTP pacts name has a handler', () => {
  // With no handlers at all, every state the pacts name is unhandled: there must be some.
  assert.notDeepEqual(unhandledStates('identity', {}, { kind: 'http' }), [], 'the pacts name provider states');
  assert.deepEqual(unhandledStates('identity', stateHandlers, { kind: 'http' }), []);
});

test('identity keeps the pacts of its HTTP consumers', async () => {
  const results = await verifyPacts({ provider: 'identity', providerBaseUrl, stateHandlers, kind: 'http', verifier: { requestFilter: replaceBearerToken(() => token ?? '') } });
  assert.deepEqual(results.map((r) => [r.consumer, r.success, r.error]), [['gateway', true, undefined]]);
});
