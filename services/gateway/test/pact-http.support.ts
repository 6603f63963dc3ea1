// What the gateway's consumer pacts share: a signing key of fixed value (the recorded pacts must be
// the same on every run, and identity's pact records its public half), tokens signed with it, the
// gateway built from an environment as main.ts builds it, a GET through it, and the API-document
// interaction every upstream has.
import assert from 'node:assert/strict';
import { importJWK } from 'jose';
import { MatchersV3, type consumerPact } from '@bazaar/contract-testing';
import type { ServiceApp } from '@bazaar/platform';
import { startGateway } from './support/gateway.js';
import { KeyServer, accessToken, type SigningKey } from './support/keys.js';

const { like, regex } = MatchersV3;

/** A P-256 key made for these tests only; it signs nothing but test tokens. */
const TEST_KEY = {
  kty: 'EC',
  crv: 'P-256',
  x: 'Rb0IamJsyqcdZrK8rXoGulsF6XABKQOb82mNeYwDiXc',
  y: 'Os73MkVYTzIo4AhdOqCnrX1O0_QWIkx4vspQeUl5DrU',
  d: 'AWJdlaPdvHdAQytRFF4RyRJB6V_pkvTVY3-t-8wCcrk',
} as const;
export const TEST_KID = 'pact-test-key';
export const PUBLIC_JWK = { kty: TEST_KEY.kty, crv: TEST_KEY.crv, x: TEST_KEY.x, y: TEST_KEY.y, kid: TEST_KID, alg: 'ES256', use: 'sig' };

export const USER_ID = '0190f1c2-7a3b-7c4d-8e5f-0000000000a1';
export const USER_EMAIL = 'ada@example.test';

export async function testSigningKey(): Promise<SigningKey> {
  return { kid: TEST_KID, privateKey: await importJWK({ ...TEST_KEY }, 'ES256') as SigningKey['privateKey'], jwk: PUBLIC_JWK };
}

/** An access token for the example user, signed with the test key. */
export async function bearerToken(roles: string[] = ['customer'], sid?: string): Promise<string> {
  return `Bearer ${await accessToken(await testSigningKey(), { sub: USER_ID, email: USER_EMAIL, roles, ...(sid ? { sid } : {}) })}`;
}

/**
 * The Authorization header the gateway forwards: any bearer token. The example is not a valid token;
 * each provider's verification swaps in one its own issuer signed.
 */
export const AUTHORIZATION = regex('^Bearer [A-Za-z0-9._~+/=-]+$', 'Bearer eyJhbGciOiJFUzI1NiIsImtpZCI6InBhY3QifQ.eyJzdWIiOiJwYWN0In0.c2lnbmF0dXJl');

/**
 * A JSON answer: the gateway passes the type on, and a storefront parses the body by it. (Pact's
 * regular expressions must match the whole value, parameters included.)
 */
export const JSON_TYPE = regex('^application/json(;.*)?$', 'application/json; charset=utf-8');
export const PROBLEM_TYPE = regex('^application/problem\\+json(;.*)?$', 'application/problem+json; charset=utf-8');
export const TIMESTAMP = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$', example);

/**
 * A gateway built from this environment, with identity's keys served by a local key server holding
 * the test key (identity's own pact records the key set), unless `keyServer: false`: then the gateway
 * finds them where its configuration says (`IDENTITY_URL`'s `/.well-known/jwks.json`).
 */
export async function withGateway<T>(env: Record<string, string>, use: (gateway: ServiceApp) => Promise<T>, options: { keyServer?: boolean } = {}): Promise<T> {
  const keys = options.keyServer === false ? undefined : await new KeyServer([await testSigningKey()]).start();
  try {
    const gateway = await startGateway({ ...(keys ? { GATEWAY_JWKS_URL: keys.url } : {}), ...env });
    try {
      return await use(gateway);
    } finally {
      await gateway.close();
    }
  } finally {
    await keys?.stop();
  }
}

/**
 * A GET through a gateway built from `env` (see `withGateway`), sent with the example user's token
 * for `roles` when they are given (else with none), and its answer, which must be 200 and JSON.
 */
export async function throughGateway<T = Record<string, unknown>>(env: Record<string, string>, url: string, options: { roles?: string[] } = {}): Promise<T> {
  return withGateway(env, async (gateway) => {
    const headers = options.roles ? { authorization: await bearerToken(options.roles) } : {};
    const response = await gateway.inject({ method: 'GET', url, headers });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(response.headers['content-type'] as string, /^application\/json/);
    return response.json() as T;
  });
}

/**
 * `GET /openapi.json` as the gateway's `/docs` merge reads it: an OpenAPI 3 document whose `paths`
 * hold the operations the gateway routes to this upstream (they are shown as they are; schemas
 * under `components` are optional to the merge). Recorded by the real merge: the gateway's
 * `/docs/openapi.json` must show each path as served by this upstream.
 */
export async function recordApiDocument(pact: ReturnType<typeof consumerPact>, upstream: string, operations: Record<string, string>): Promise<void> {
  const paths = Object.fromEntries(Object.entries(operations).map(([path, method]) => [path, { [method]: like({}) }]));
  await pact
    .addInteraction()
    .uponReceiving(`a request for the API document of ${upstream}`)
    .withRequest('GET', '/openapi.json')
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({ openapi: regex('^3\\.\\d+\\.\\d+$', '3.1.0'), paths });
    })
    .executeTest(async (mock) => withGateway({ [`${upstream.toUpperCase()}_URL`]: mock.url }, async (gateway) => {
      const response = await gateway.inject({ method: 'GET', url: '/docs/openapi.json' });
      assert.equal(response.statusCode, 200, response.body);
      const merged = response.json() as { paths: Record<string, Record<string, unknown>>; 'x-unavailable': string[] };
      assert.deepEqual(merged['x-unavailable'], []);
      for (const [path, method] of Object.entries(operations)) {
        assert.ok(merged.paths[path]?.[method], `${method.toUpperCase()} ${path} is in the merged document`);
        assert.equal(merged.paths[path]?.['x-upstream'], upstream);
      }
    }));
}
