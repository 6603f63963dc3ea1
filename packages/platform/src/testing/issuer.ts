import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

export interface TestTokenOptions {
  userId?: string;
  email?: string;
  roles?: string[];
  sessionId?: string;
  /** A jose duration ('5m') or an absolute expiry in seconds since the epoch. */
  expiresIn?: string | number;
  issuer?: string;
  audience?: string;
}

/** identity's part in a test: an ES256 key, its JWKS served over HTTP, and tokens signed with it. */
export interface TestIssuer {
  jwksUrl: string;
  token(options?: TestTokenOptions): Promise<string>;
  close(): Promise<void>;
}

/**
 * Signs access tokens exactly as identity does (ES256, `kid`, iss `bazaar-identity`, aud `bazaar`,
 * `sub`, `email`, `roles`, `sid`, `jti`) and serves the public key at a JWKS URL, so a service's
 * tests can sign users in without running identity.
 */
export async function startTestIssuer(): Promise<TestIssuer> {
  const kid = `test-${randomUUID()}`;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    token: (options = {}) => {
      const userId = options.userId ?? randomUUID();
      return new SignJWT({ email: options.email ?? `${userId.slice(0, 8)}@example.test`, roles: options.roles ?? ['customer'], sid: options.sessionId ?? randomUUID() })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuer(options.issuer ?? 'bazaar-identity')
        .setAudience(options.audience ?? 'bazaar')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(privateKey);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
