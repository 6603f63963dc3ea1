import { createHash, randomBytes } from 'node:crypto';

/** What a link proves: that its reader owns the address (verify), or may choose a new password (reset). */
export type LinkPurpose = 'verify' | 'reset';

/** 32 random bytes, base64url without padding: always 43 characters. */
export const LINK_TOKEN_PATTERN = '^[A-Za-z0-9_-]{43}$';
export const LINK_TOKEN_LENGTH = 43;

/** Where each purpose's link opens on the storefront. */
const PAGES: Record<LinkPurpose, string> = { verify: 'verify-email', reset: 'reset-password' };

export interface NewLinkToken {
  /** Goes into the link, never into the database. */
  token: string;
  /** What the database keeps. */
  hash: Buffer;
}

/**
 * A fresh single-use token and its SHA-256. A token has 256 bits of entropy, so a fast, unsalted
 * hash is enough: there is nothing to guess from it, unlike a password.
 */
export function newLinkToken(): NewLinkToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export const hashLinkToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** `${publicUrl}/verify-email?token=…` or `${publicUrl}/reset-password?token=…`. */
export function linkUrl(publicUrl: string, purpose: LinkPurpose, token: string): string {
  const url = new URL(`${publicUrl.replace(/\/+$/, '')}/${PAGES[purpose]}`);
  url.searchParams.set('token', token);
  return url.toString();
}

export const expiresAfter = (now: Date, ttlSeconds: number): Date => new Date(now.getTime() + ttlSeconds * 1000);
