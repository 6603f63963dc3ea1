import { withTransaction, type Pool, type Queryable } from '@bazaar/platform';
import type { JWK } from 'jose';

export interface StoredKey {
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
  createdAt: Date;
}

interface KeyRow {
  kid: string;
  public_jwk: JWK;
  private_jwk: JWK;
  created_at: Date;
}

/**
 * Makes sure a signing key exists, generating one when none is active. Replicas starting together
 * take turns on a transaction-scoped advisory lock, so exactly one of them inserts a key and the
 * others find it.
 */
export async function ensureActiveKey(pool: Pool, generate: () => Promise<Omit<StoredKey, 'createdAt'>>): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('identity.signing_keys'))");
    const { rowCount } = await client.query('SELECT 1 FROM signing_keys WHERE retired_at IS NULL LIMIT 1');
    if (rowCount) return;
    const key = await generate();
    await client.query('INSERT INTO signing_keys (kid, public_jwk, private_jwk) VALUES ($1, $2, $3)', [
      key.kid,
      JSON.stringify(key.publicJwk),
      JSON.stringify(key.privateJwk),
    ]);
  });
}

/** Every key that is not retired, newest (the one that signs) first. */
export async function activeKeys(db: Queryable): Promise<StoredKey[]> {
  const { rows } = await db.query<KeyRow>(
    'SELECT kid, public_jwk, private_jwk, created_at FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid',
  );
  return rows.map((r) => ({ kid: r.kid, publicJwk: r.public_jwk, privateJwk: r.private_jwk, createdAt: r.created_at }));
}
