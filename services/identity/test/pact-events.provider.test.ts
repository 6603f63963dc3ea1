// Verifies the event pacts identity provides (here: catalog's, on user.registered and user.updated)
// against what identity really writes: each message is produced by identity's own account code on a
// fresh, migrated database with the outbox bound, and read back from the outbox, envelope and all.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts, type Messages } from '@bazaar/contracts';
import { verifyPacts } from '@bazaar/contract-testing';
import { createServiceTestDatabase, publishedMessages, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { PasswordHasher } from '../src/auth/password.js';
import { createAccount, updateProfile, type AccountDeps } from '../src/users/user.service.js';
import { PASSWORD, migrationsDir, uniqueEmail } from './harness.js';

describe('identity provides the event pacts of its consumers', () => {
  let db: ServiceTestDatabase<Messages>;
  let deps: AccountDeps;
  before(async () => {
    db = await createServiceTestDatabase({ service: 'identity', label: 'identity_pact_events', migrationsDir, contracts });
    deps = { pool: db.pool, hasher: new PasswordHasher(1024), now: () => new Date(), publish: db.publish };
  });
  after(() => db.close());

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

  test('catalog\'s pact is verified', async () => {
    const results = await verifyPacts({
      provider: 'identity',
      consumers: ['catalog'],
      kind: 'messages',
      stateHandlers: {
        // POST /auth/register runs the same use case.
        'a person signs up': async () => {
          nextStep = async () => (await createAccount(deps, { email: uniqueEmail('ana'), password: PASSWORD, firstName: 'Ana', lastName: 'Pereira' }, 'customer')).id;
        },
        // PATCH /users/me runs the same use case.
        'a user changes their name': async () => {
          const user = await createAccount(deps, { email: uniqueEmail('ben'), password: PASSWORD, firstName: 'Benjamin', lastName: 'Adams' }, 'customer');
          nextStep = async () => (await updateProfile(deps, user.id, { firstName: 'Ben', lastName: 'Okafor' })).id;
        },
      },
      messageProviders: {
        'a user.registered event': () => take('user.registered'),
        'a user.updated event': () => take('user.updated'),
      },
    });
    assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['catalog', true]], results.map((r) => r.error).join('\n'));
  });
});
