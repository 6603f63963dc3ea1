import { AppError, type Pool } from '@bazaar/platform';
import type { IdentitySettings } from '../config.js';
import type { IdentityPublish } from '../users/user.events.js';
import { createAccount, type NewAccount } from '../users/user.service.js';
import { findCredentials, findUserById } from '../users/user.store.js';
import { roleFor, rolesOf, type User } from '../users/user.js';
import type { KeyRing } from './key-ring.js';
import type { DiscoveryThrottle, LoginThrottle } from './login-throttle.js';
import type { PasswordHasher } from './password.js';
import type { SessionStore } from './session.store.js';
import { signAccessToken } from './tokens.js';

export interface AuthDeps {
  pool: Pool;
  hasher: PasswordHasher;
  ring: KeyRing;
  sessions: SessionStore;
  throttle: LoginThrottle;
  discovery: DiscoveryThrottle;
  settings: IdentitySettings;
  now: () => Date;
  publish: IdentityPublish;
}

export interface Tokens {
  token: string;
  refreshToken: string;
  /** Seconds until `token` expires. */
  expiresIn: number;
}

/** Counted by the discovery throttle first: a 409 tells whether the email has an account. */
export async function register(deps: AuthDeps, input: NewAccount, ip: string): Promise<{ user: User } & Tokens> {
  await deps.discovery.attempt(input.email, ip);
  const user = await createAccount(deps, input, roleFor(input.email, deps.settings.adminEmails));
  return { user, ...(await startSession(deps, user)) };
}

// One answer for an unknown email and a wrong password, so the response never tells which.
const badCredentials = () => new AppError('unauthorized', 'the email address or password is wrong');

/**
 * Checks the throttle first (a throttled caller learns nothing, right password or not), then the
 * password; an unknown email costs one argon2 verification all the same.
 */
export async function login(deps: AuthDeps, email: string, password: string, ip: string): Promise<{ user: User } & Tokens> {
  await deps.throttle.check(email, ip);
  const found = await findCredentials(deps.pool, email.trim());
  const valid = found ? await deps.hasher.verify(found.passwordHash, password) : await deps.hasher.verifyNobody(password);
  if (!found || !valid) {
    await deps.throttle.recordFailure(email, ip);
    throw badCredentials();
  }
  await deps.throttle.recordSuccess(email);
  return { user: found.user, ...(await startSession(deps, found.user)) };
}

/**
 * Rotates the refresh token and issues a new access token with the user's current email and roles.
 * Presenting a refresh token that was already rotated away ends the whole session.
 */
export async function refresh(deps: AuthDeps, refreshToken: string): Promise<Tokens> {
  const rotation = await deps.sessions.rotate(refreshToken);
  if (rotation.outcome === 'reused') throw AppError.unauthorized('this refresh token was already used; the session has been ended');
  if (rotation.outcome !== 'rotated') throw AppError.unauthorized('the refresh token is not valid');
  const user = await findUserById(deps.pool, rotation.userId);
  if (!user) {
    await deps.sessions.close(rotation.sessionId);
    throw AppError.unauthorized('the refresh token is not valid');
  }
  return { ...(await accessToken(deps, user, rotation.sessionId)), refreshToken: rotation.refreshToken };
}

async function startSession(deps: AuthDeps, user: User): Promise<Tokens> {
  const session = await deps.sessions.open(user.id, deps.now());
  return { ...(await accessToken(deps, user, session.sessionId)), refreshToken: session.refreshToken };
}

async function accessToken(deps: AuthDeps, user: User, sessionId: string): Promise<Omit<Tokens, 'refreshToken'>> {
  const ttl = deps.settings.accessTokenTtlSeconds;
  const claims = { userId: user.id, email: user.email, roles: rolesOf(user.role), sessionId };
  return { token: await signAccessToken(deps.ring, claims, ttl, deps.now()), expiresIn: ttl };
}
