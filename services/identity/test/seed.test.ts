import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoAccounts, seed } from '../seed/demo.js';
import { startIdentity, type Harness } from './harness.js';

describe('demo seed', () => {
  let h: Harness;
  before(async () => { h = await startIdentity('seed'); });
  after(() => h.close());

  test('fills an empty users table with a customer and an admin who can log in, once', async () => {
    const lines: string[] = [];
    const env = { IDENTITY_DATABASE_URL: h.db.url, IDENTITY_ARGON2_MEMORY_KIB: '1024' };
    await seed(env, (line) => lines.push(line));
    await seed(env, (line) => lines.push(line));
    assert.match(lines.at(-1)!, /already exist/);
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM users');
    assert.equal(rows[0].n, 2);
    for (const account of demoAccounts) {
      const login = await h.app.inject({ method: 'POST', url: '/auth/login', payload: { email: account.email, password: account.password } });
      assert.equal(login.statusCode, 200, account.email);
      assert.equal(login.json().user.roles.includes('admin'), account.role === 'admin');
    }
  });
});
