/**
 * Demo accounts for `npm start`, created only while identity has no users at all:
 *
 *   demo@bazaar.test   password Bazaar-demo-1    a customer
 *   admin@bazaar.test  password Bazaar-admin-1   an admin (customer + admin roles)
 *
 * These passwords are public: never run this seed against a database that real people use.
 */
import { contracts } from '@bazaar/contracts';
import { createOutbox, createPool } from '@bazaar/platform';
import { PasswordHasher } from '../src/auth/password.js';
import { defaultSettings } from '../src/config.js';
import { createAccount } from '../src/users/user.service.js';
import { countUsers } from '../src/users/user.store.js';
import type { Role } from '../src/users/user.js';

export const demoAccounts: { email: string; password: string; firstName: string; lastName: string; role: Role }[] = [
  { email: 'demo@bazaar.test', password: 'Bazaar-demo-1', firstName: 'Dana', lastName: 'Demo', role: 'customer' },
  { email: 'admin@bazaar.test', password: 'Bazaar-admin-1', firstName: 'Avery', lastName: 'Admin', role: 'admin' },
];

export async function seed(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const url = env.IDENTITY_DATABASE_URL;
  if (!url) throw new Error('IDENTITY_DATABASE_URL is not set');
  const pool = createPool(url, { applicationName: 'identity-seed', max: 2 });
  // user.registered goes to identity's outbox like any sign-up; identity's relay sends it.
  const { publish } = createOutbox('identity', contracts, env.MESSAGING_NAMESPACE);
  try {
    if ((await countUsers(pool)) > 0) {
      log('users already exist: demo accounts not added');
      return;
    }
    const memory = Number(env.IDENTITY_ARGON2_MEMORY_KIB) || defaultSettings.argon2MemoryKib;
    // Each demo account is mailed a verification link, like any sign-up, pointing where the storefront is.
    const settings = { ...defaultSettings, ...(env.IDENTITY_PUBLIC_URL ? { publicUrl: env.IDENTITY_PUBLIC_URL.replace(/\/+$/, '') } : {}) };
    const deps = { pool, hasher: new PasswordHasher(memory), now: () => new Date(), publish, settings };
    for (const { role, ...account } of demoAccounts) {
      await createAccount(deps, account, role);
      log(`demo ${role} ${account.email} / ${account.password}`);
    }
  } finally {
    await pool.end();
  }
}
