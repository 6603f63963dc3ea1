// The gateway's contract with identity: the key set it verifies every token with, the profile that
// `/me/overview` composes (and `/users` serves through the proxy), identity's own 401 for an ended
// session that the overview passes on, sign-in through the proxy, and the API document `/docs` merges.
// Each is recorded by running the real gateway against pact's mock identity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import { KeyServer } from './support/keys.js';
import { FakeUpstream } from './support/upstream.js';
import {
  AUTHORIZATION, JSON_TYPE, PROBLEM_TYPE, PUBLIC_JWK, TEST_KID, USER_EMAIL, USER_ID, bearerToken, recordApiDocument, withGateway,
} from './pact-http.support.js';

const { eachLike, integer, like, regex, string, uuid } = MatchersV3;

const pact = consumerPact({ consumer: 'gateway', provider: 'identity' });

const BASE64URL_COORDINATE = '^[A-Za-z0-9_-]{43}$';
const ROLE = regex('^(customer|admin)$', 'customer');
const profile = { id: USER_ID, email: USER_EMAIL, name: 'Ada Lovelace', roles: ['customer'] };
const PROFILE_BODY = like({ id: uuid(USER_ID), email: string(USER_EMAIL), name: string('Ada Lovelace'), roles: eachLike(ROLE) });

test('the key set: EC P-256 keys for ES256, by kid, at /.well-known/jwks.json (read by the kit\'s verifier)', async () => {
  await pact
    .addInteraction()
    .uponReceiving('a request for the key set that verifies access tokens')
    .withRequest('GET', '/.well-known/jwks.json')
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({
        keys: eachLike({
          kty: regex('^EC$', PUBLIC_JWK.kty),
          crv: regex('^P-256$', PUBLIC_JWK.crv),
          alg: regex('^ES256$', PUBLIC_JWK.alg),
          kid: string(TEST_KID),
          x: regex(BASE64URL_COORDINATE, PUBLIC_JWK.x),
          y: regex(BASE64URL_COORDINATE, PUBLIC_JWK.y),
        }),
      });
    })
    .executeTest(async (mock) => {
      // The gateway finds the key set at IDENTITY_URL itself; a user route elsewhere needs a verified token.
      // Its list of ended sessions is recorded in a test of its own: here a local stand-in serves it.
      const orders = await new FakeUpstream().start();
      const revocations = await new KeyServer([]).start();
      try {
        await withGateway({ IDENTITY_URL: mock.url, ORDERS_URL: orders.url, GATEWAY_REVOCATION_URL: revocationsOf(revocations) }, async (gateway) => {
          const response = await gateway.inject({ method: 'GET', url: '/orders', headers: { authorization: await bearerToken() } });
          assert.equal(response.statusCode, 200, response.body);
          assert.equal(orders.proxied[0]?.headers['x-user-id'], USER_ID, 'the token was verified with the key from the key set');
        }, { keyServer: false });
      } finally {
        await orders.stop();
        await revocations.stop();
      }
    });
});

const revocationsOf = (keys: KeyServer) => new URL('revoked-sessions', keys.url).href;
const ENDED_SESSION = '0190f1c2-7a3b-7c4d-8e5f-0000000000e1';

test('the ended sessions: a token of a session listed there is refused at the gateway (read by the kit\'s verifier)', async () => {
  await pact
    .addInteraction()
    .given('the signed-in user has logged out')
    .uponReceiving('a request for the sessions ended lately')
    .withRequest('GET', '/.well-known/revoked-sessions')
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({ revoked: eachLike(uuid(ENDED_SESSION)) });
    })
    .executeTest(async (mock) => {
      const orders = await new FakeUpstream().start();
      try {
        await withGateway({ IDENTITY_URL: mock.url, ORDERS_URL: orders.url, GATEWAY_REVOCATION_URL: `${mock.url}/.well-known/revoked-sessions` }, async (gateway) => {
          const response = await gateway.inject({ method: 'GET', url: '/orders', headers: { authorization: await bearerToken(['customer'], ENDED_SESSION) } });
          assert.equal(response.statusCode, 401, response.body);
          assert.match(response.json<{ detail: string }>().detail, /session has ended/);
          assert.equal(orders.proxied.length, 0, 'nothing reached orders');
        });
      } finally {
        await orders.stop();
      }
    });
});

test('the signed-in user\'s profile: shown by /me/overview and through the /users route', async () => {
  await pact
    .addInteraction()
    .given('a user is signed in')
    .uponReceiving('a request for the signed-in user\'s profile')
    .withRequest('GET', '/users/me', (request) => request.headers({ Authorization: AUTHORIZATION }))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody(PROFILE_BODY);
    })
    .executeTest(async (mock) => withGateway({ IDENTITY_URL: mock.url }, async (gateway) => {
      const authorization = await bearerToken();
      const overview = await gateway.inject({ method: 'GET', url: '/me/overview', headers: { authorization } });
      assert.equal(overview.statusCode, 200, overview.body);
      assert.deepEqual(overview.json().profile, profile);
      const proxied = await gateway.inject({ method: 'GET', url: '/users/me', headers: { authorization } });
      assert.equal(proxied.statusCode, 200, proxied.body);
      assert.match(proxied.headers['content-type'] as string, /^application\/json/);
      assert.deepEqual(proxied.json(), profile);
    }));
});

test('a session ended since its token was issued: identity\'s 401 problem, which /me/overview passes on', async () => {
  await pact
    .addInteraction()
    .given('the signed-in user has logged out')
    .uponReceiving('a request for the profile with the token of an ended session')
    .withRequest('GET', '/users/me', (request) => request.headers({ Authorization: AUTHORIZATION }))
    .willRespondWith(401, (response) => {
      response.headers({ 'Content-Type': PROBLEM_TYPE, 'WWW-Authenticate': regex('^Bearer\\b.*$', 'Bearer') });
      response.jsonBody({ status: 401, code: 'unauthorized' });
    })
    .executeTest(async (mock) => withGateway({ IDENTITY_URL: mock.url }, async (gateway) => {
      const overview = await gateway.inject({ method: 'GET', url: '/me/overview', headers: { authorization: await bearerToken() } });
      assert.equal(overview.statusCode, 401, overview.body);
      assert.match(overview.headers['content-type'] as string, /^application\/problem\+json/);
      assert.equal(overview.headers['www-authenticate'], 'Bearer');
      assert.equal(overview.json().code, 'unauthorized');
    }));
});

test('sign-in through the /auth route: the tokens and the user a storefront keeps', async () => {
  const credentials = { email: USER_EMAIL, password: 'Correct-Horse-7' };
  await pact
    .addInteraction()
    .given('a user with this email and password exists', credentials)
    .uponReceiving('a sign-in with the right password')
    .withRequest('POST', '/auth/login', (request) => request.jsonBody(credentials))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({
        token: string('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2ln'),
        refreshToken: string('rt-0123456789abcdef'),
        expiresIn: integer(900),
        user: PROFILE_BODY,
      });
    })
    .executeTest(async (mock) => withGateway({ IDENTITY_URL: mock.url }, async (gateway) => {
      const response = await gateway.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, payload: credentials });
      assert.equal(response.statusCode, 200, response.body);
      const session = response.json();
      assert.equal(session.expiresIn, 900);
      assert.equal(typeof session.token, 'string');
      assert.equal(typeof session.refreshToken, 'string');
      assert.deepEqual(session.user, profile);
    }));
});

test('identity\'s API document, merged into /docs', async () => {
  await recordApiDocument(pact, 'identity', { '/auth/login': 'post', '/users/me': 'get' });
});
