import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProtectedHeader } from 'jose';
import { createPool, migrate, type Pool } from '@bazaar/platform';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing';
import { KeyRing, newKeyPair } from '../src/auth/key-ring.js';
import { signAccessToken, verifyAccessToken } from '../src/auth/tokens.js';
import { migrationsDir } from './harness.js';

describe('signing keys', () => {
  let db: TestDatabase;
  let pools: Pool[];
  before(async () => {
    db = await createTestDatabase('identity_keys');
    await migrate(db.url, migrationsDir);
    pools = [createPool(db.url, { max: 2 }), createPool(db.url, { max: 2 }), createPool(db.url, { max: 2 })];
  });
  after(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db.drop();
  });

  let tokenOfFirstKey = '';
  const claims = { userId: '0190f1c2-0000-7000-8000-000000000001', email: 'k@example.test', roles: ['customer' as const], sessionId: '0190f1c2-0000-7000-8000-000000000002' };

  test('replicas starting at once agree on one generated key', async () => {
    const rings = await Promise.all(pools.map((pool) => KeyRing.open(pool)));
    const { rows } = await pools[0]!.query('SELECT kid, private_jwk FROM signing_keys');
    assert.equal(rows.length, 1);
    assert.equal(typeof rows[0].private_jwk.d, 'string', 'the private half is stored');
    for (const ring of rings) assert.equal(ring.signingKey().kid, rows[0].kid);
  });

  test('after a rotation the newest key signs and tokens of the older one still verify', async () => {
    const ring = await KeyRing.open(pools[0]!);
    const before = await signAccessToken(ring, claims, 60, new Date());
    tokenOfFirstKey = before;
    const next = await newKeyPair();
    await pools[0]!.query("INSERT INTO signing_keys (kid, public_jwk, private_jwk, created_at) VALUES ($1, $2, $3, now() + interval '1 second')", [next.kid, next.publicJwk, next.privateJwk]);
    await ring.reload();
    const after = await signAccessToken(ring, claims, 60, new Date());
    assert.equal(decodeProtectedHeader(after).kid, next.kid);
    assert.equal(ring.jwks().keys.length, 2);
    assert.deepEqual(await verifyAccessToken(ring, before, new Date()), claims);
    assert.deepEqual(await verifyAccessToken(ring, after, new Date()), claims);
  });

  test('a retired key leaves the key set and its tokens stop verifying', async () => {
    const ring = await KeyRing.open(pools[1]!);
    const oldest = ring.jwks().keys.at(-1)!.kid!;
    const { rows } = await pools[1]!.query('SELECT kid FROM signing_keys ORDER BY created_at LIMIT 1');
    assert.equal(rows[0].kid, oldest);
    assert.deepEqual(await verifyAccessToken(ring, tokenOfFirstKey, new Date()), claims);
    await pools[1]!.query('UPDATE signing_keys SET retired_at = now() WHERE kid = $1', [oldest]);
    await ring.reload();
    assert.deepEqual(ring.jwks().keys.map((k) => k.kid), [ring.signingKey().kid]);
    assert.notEqual(ring.signingKey().kid, oldest);
    await assert.rejects(verifyAccessToken(ring, tokenOfFirstKey, new Date()), /not valid/);
  });
});
