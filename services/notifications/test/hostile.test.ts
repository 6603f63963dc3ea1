import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { assertHostileSafe, eventually } from '@bazaar/platform/testing';
import { newUser } from './fixtures.js';
import { historyOf, startNotifications, type Harness } from './support.js';

// notifications as deployed: its queue on Redis under its own ACL user, a real SMTP sink, a customer
// with a delivered message and another with a failed one, so generated requests reach real rows and jobs.
const customer = newUser();
const unlucky = newUser();
const adminId = randomUUID();
let h: Harness;
const known: Record<string, unknown[]> = {};

before(async () => {
  h = await startNotifications('notifications_hostile');
  await h.deliver('user.registered', customer);
  h.sink.refuse();
  await h.deliver('user.registered', unlucky);
  await eventually(async () => (await historyOf(h.pool, unlucky.userId))[0]?.status === 'failed', { timeoutMs: 15_000 });
  h.sink.accept();
  const rows = [...await historyOf(h.pool, customer.userId), ...await historyOf(h.pool, unlucky.userId)];
  Object.assign(known, { id: rows.map((r) => r.id), after: rows.map((r) => r.id) });
});
after(async () => {
  await h?.close();
});

test('notifications: every route answers hostile requests with a 2xx or a problem+json 4xx, never a 5xx', async () => {
  const as = async (userId: string, roles: string[]) => ({ authorization: `Bearer ${await h.keys.token(userId, roles)}` });
  const auth = { user: await as(customer.userId, ['customer']), admin: await as(adminId, ['customer', 'admin']) };
  await assertHostileSafe(h.app, { auth, known });
});
