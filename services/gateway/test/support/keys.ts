import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
export interface SigningKey { kid: string; privateKey: PrivateKey; jwk: JWK }

export async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/**
 * Publishes keys the way identity does at `/.well-known/jwks.json`; `keys` can be replaced to rotate.
 * `revoked` is its list of ended sessions at `/.well-known/revoked-sessions`.
 */
export class KeyServer {
  fetches = 0;
  revoked: string[] = [];
  private readonly server = http.createServer((req, res) => {
    if (req.url === '/.well-known/revoked-sessions') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ revoked: this.revoked }));
      return;
    }
    this.fetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.keys.map((k) => k.jwk) }));
  });

  constructor(public keys: SigningKey[]) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

export interface TokenClaims {
  sub?: string;
  email?: string;
  roles?: string[];
  /** The session the token belongs to (identity lists ended sessions by it). */
  sid?: string;
  expiresAt?: number;
}

/** An access token shaped like identity's: ES256, kid, iss bazaar-identity, aud bazaar, 5 minutes. */
export function accessToken(key: SigningKey, claims: TokenClaims = {}): Promise<string> {
  return new SignJWT({ email: claims.email ?? 'ada@example.com', roles: claims.roles ?? ['customer'], sid: claims.sid ?? 'session-1' })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setSubject(claims.sub ?? 'user-1')
    .setJti(crypto.randomUUID())
    .setIssuer('bazaar-identity')
    .setAudience('bazaar')
    .setIssuedAt()
    .setExpirationTime(claims.expiresAt ?? '5m')
    .sign(key.privateKey);
}
