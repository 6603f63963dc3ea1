import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { assertHostileSafe, startTestDeadLetterQueue, startTestIssuer, type TestIssuer } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { reserve } from '../src/stock/reservation.service.js';
import { newSku, settings, startInventory, type Harness } from './harness.js';

// inventory as deployed (its dead-letter routes on a real broker queue), with stock items, one of
// them partly reserved, so generated requests reach real rows and the ledger.
let h: Harness;
let app: ServiceApp;
let identity: TestIssuer;
let dlq: Awaited<ReturnType<typeof startTestDeadLetterQueue>>;
const skus = [newSku('HOST'), newSku('HOST')];

before(async () => {
  h = await startInventory('hostile', { poolSize: 5 });
  identity = await startTestIssuer();
  dlq = await startTestDeadLetterQueue('inventory');
  const verifier = createJwtVerifier({ jwksUrl: identity.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  app = await buildApp({ pool: h.pool, logger: createLogger('inventory', 'silent'), verifier, settings, publish: h.deps.publish, deadLetters: dlq.deadLetters });
  for (const sku of skus) await h.givenStock(sku, 20);
  await h.tx((client) => reserve(client, h.deps, { reservationId: randomUUID(), orderId: randomUUID(), items: [{ sku: skus[0]!, quantity: 5 }] }));
});
after(async () => {
  await app.close();
  await dlq.close();
  await identity.close();
  await h.close();
});

test('inventory: every route answers hostile requests with a 2xx or a problem+json 4xx, never a 5xx', async () => {
  const auth = {
    user: { authorization: `Bearer ${await identity.token({ roles: ['customer'] })}` },
    admin: { authorization: `Bearer ${await identity.token({ roles: ['customer', 'admin'] })}` },
  };
  await assertHostileSafe(app, { auth, known: { sku: skus } });
});
