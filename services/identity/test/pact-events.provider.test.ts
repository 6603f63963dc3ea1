// Verifies the event pacts identity provides (catalog's, on user.registered and user.updated, and
// notifications', on those and the mailed links: user.verification-requested and
// user.password-reset-requested; and every erasing service's, on user.deleted) against what identity really writes: each message is produced by identity's own account code on a
// fresh, migrated database with the outbox bound, and read back from the outbox, envelope and all.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts, type Messages } from '@bazaar/contracts';
import { verifyPacts } from '@bazaar/contract-testing';
import { createServiceTestDatabase, publishedMessages, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { Redis } from 'ioredis';
import { SessionStore } from '../src/auth/session.store.js';
import { redisKeys } from '../src/redis.js';
import { deleteAccount } from '../src/users/account-deletion.service.js';
import { PasswordHasher } from '../src/auth/password.js';
import { defaultSettings } from '../src/config.js';
import { requestPasswordReset } from '../src/email-links/email-link.service.js';
import { createAccount, setNotificationPreferences, updateProfile, type AccountDeps } from '../src/users/user.service.js';
import { PASSWORD, keysUnder, migrationsDir, redisUrl, uniqueEmail } from './harness.js';

describe('identity provides the event pacts of its consumers', () => {
  let db: ServiceTestDatabase<Messages>;
  let deps: AccountDeps;
  let redis: Redis;
  let sessions: SessionStore;
  const prefix = `identity:test-pact-${Date.now().toString(36)}`;
  before(async () => {
    db = await createServiceTestDatabase({ service: 'identity', label: 'identity_pact_events', migrationsDir, contracts });
    deps = { pool: db.pool, hasher: new PasswordHasher(1024), now: () => new Date(), publish: db.publish };
    redis = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    sessions = new SessionStore(redis, redisKeys(prefix), 3600, 900);
  });
  after(async () => {
    const keys = await keysUnder(redis, prefix);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await db.close();
  });

  /** The envelope identity wrote to its outbox: the last of this type about this user. */
  const written = async (type: string, userId: string) => {
    const found = (await publishedMessages(db.pool, { type })).filter((m) => m.payload.userId === userId).at(-1);
    assert.ok(found, `identity wrote no ${type} for ${userId}`);
    return found.envelope;
  };

  /** The step the next message provider takes; it resolves with the id of the user it concerns. */
  let nextStep: (() => Promise<string>) | undefined;
  const take = async (type: string) => {
    assert.ok(nextStep, 'a provider state set up the step');
    const userId = await nextStep();
    nextStep = undefined;
    return written(type, userId);
  };

  test('catalog\'s, notifications\' and the erasing services\' pacts are verified', async () => {
    const results = await verifyPacts({
      provider: 'identity',
      consumers: ['catalog', 'notifications', 'orders', 'payments', 'shipping', 'analytics'],
      kind: 'messages',
      stateHandlers: {
        // DELETE /users/me (after the password) and DELETE /users/:id run the same use case.
        'a user deletes their account': async () => {
          const user = await createAccount(deps, { email: uniqueEmail('gus'), password: PASSWORD, firstName: 'Gus', lastName: 'Hale' }, 'customer');
          nextStep = async () => {
            await deleteAccount({ ...deps, sessions }, user.id, 'user');
            return user.id;
          };
        },
        // POST /auth/register runs the same use case.
        'a person signs up': async () => {
          nextStep = async () => (await createAccount(deps, { email: uniqueEmail('ana'), password: PASSWORD, firstName: 'Ana', lastName: 'Pereira' }, 'customer')).id;
        },
        // PATCH /users/me runs the same use case.
        'a user changes their name': async () => {
          const user = await createAccount(deps, { email: uniqueEmail('ben'), password: PASSWORD, firstName: 'Benjamin', lastName: 'Adams' }, 'customer');
          nextStep = async () => (await updateProfile(deps, user.id, { firstName: 'Ben', lastName: 'Okafor' })).id;
        },
        // PUT /users/me/notification-preferences runs the same use case.
        'a user changes their notification preferences': async () => {
          const user = await createAccount(deps, { email: uniqueEmail('carol'), password: PASSWORD, firstName: 'Carol', lastName: 'Diaz' }, 'customer');
          nextStep = async () => (await setNotificationPreferences(deps, user.id, { email: false, sms: false, push: true })).id;
        },
        // POST /auth/password-reset runs the same use case (after counting the request against its limits).
        'a user asks to reset their password': async () => {
          const email = uniqueEmail('erin');
          const user = await createAccount(deps, { email, password: PASSWORD, firstName: 'Erin', lastName: 'Brown' }, 'customer');
          nextStep = async () => {
            await requestPasswordReset({ pool: db.pool, now: deps.now, publish: db.publish, settings: defaultSettings }, email);
            return user.id;
          };
        },
      },
      messageProviders: {
        'a user.registered event': () => take('user.registered'),
        'a user.updated event': () => take('user.updated'),
        'a user.updated event with notification preferences': () => take('user.updated'),
        'a user.verification-requested event': () => take('user.verification-requested'),
        'a user.password-reset-requested event': () => take('user.password-reset-requested'),
        'a user.deleted event': () => take('user.deleted'),
      },
    });
    assert.deepEqual(results.map((r) => [r.consumer, r.success]).sort(), [['analytics', true], ['catalog', true], ['notifications', true], ['orders', true], ['payments', true], ['shipping', true]], results.map((r) => r.error).join('\n'));
  });
});
