import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Pool } from '@bazaar/platform';
import { activeKeys, ensureActiveKey, type StoredKey } from './signing-key.store.js';

export const TOKEN_ALGORITHM = 'ES256';

/** How long the ring trusts its copy of the keys table before reading it again. */
const RELOAD_AFTER_MS = 60_000;

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
}

/**
 * The signing keys, read from identity's database and held in memory. The newest active key signs;
 * every active key verifies, so a token outlives a rotation. A retired key stops verifying once
 * the ring next reads the table (within a minute), and an unknown `kid` makes it read at once (another
 * replica may have just added a key), at most once a second.
 */
export class KeyRing {
  private keys = new Map<string, LoadedKey>();
  private newest: LoadedKey | undefined;
  private loadedAt = 0;
  private reloading: Promise<void> | undefined;

  private constructor(private readonly pool: Pool) {}

  static async open(pool: Pool): Promise<KeyRing> {
    await ensureActiveKey(pool, newKeyPair);
    const ring = new KeyRing(pool);
    await ring.reload();
    return ring;
  }

  async reload(): Promise<void> {
    const stored = await activeKeys(this.pool);
    const loaded = await Promise.all(stored.map(load));
    this.keys = new Map(loaded.map((k) => [k.kid, k]));
    this.newest = loaded[0];
    this.loadedAt = Date.now();
  }

  signingKey(): { kid: string; privateKey: CryptoKey } {
    if (!this.newest) throw new Error('no active signing key: every key has been retired');
    return this.newest;
  }

  /** The public key for a token's `kid`; throws when it is not an active key. */
  async verificationKey(kid: string | undefined): Promise<CryptoKey> {
    const age = Date.now() - this.loadedAt;
    if (age > RELOAD_AFTER_MS || (kid && !this.keys.has(kid) && age > 1000)) {
      // Concurrent requests share one read. If the database is down, the keys already held keep
      // verifying: checking a token must not depend on the users database being up.
      this.reloading ??= this.reload().catch(() => { this.loadedAt = Date.now(); }).finally(() => (this.reloading = undefined));
      await this.reloading;
    }
    const key = kid ? this.keys.get(kid) : undefined;
    if (!key) throw new Error('the token was not signed by an active identity key');
    return key.publicKey;
  }

  /** The JSON Web Key Set of the active public keys. */
  jwks(): { keys: JWK[] } {
    return { keys: [...this.keys.values()].map((k) => k.publicJwk) };
  }
}

async function load(stored: StoredKey): Promise<LoadedKey> {
  return {
    kid: stored.kid,
    publicJwk: stored.publicJwk,
    publicKey: (await importJWK(stored.publicJwk, TOKEN_ALGORITHM)) as CryptoKey,
    privateKey: (await importJWK(stored.privateJwk, TOKEN_ALGORITHM)) as CryptoKey,
  };
}

/** A fresh P-256 key pair, its `kid` the RFC 7638 thumbprint of the public half. */
export async function newKeyPair(): Promise<Omit<StoredKey, 'createdAt'>> {
  const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const meta = { kid, alg: TOKEN_ALGORITHM, use: 'sig' };
  return { kid, publicJwk: { ...publicJwk, ...meta }, privateJwk: { ...(await exportJWK(privateKey)), ...meta } };
}
