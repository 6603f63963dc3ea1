// Catalog's orphan check against its real database: the reviews it asks identity about (all, but
// for authors whose user.deleted catalog already applied), one lookup per page, and its rule: report
// only; the reviews stay as they are. Identity's side (its lookup, an outage) is tools/test/orphans.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { contracts } from '@bazaar/contracts';
import { createEnvelope, createLogger, createOrphanJob, payloadHandlers } from '@bazaar/platform';
import { deliverMessage } from '@bazaar/platform/testing';
import { createEventHandlers } from '../src/events.js';
import { reviewAuthorCheck } from '../src/orphans/review-orphans.js';
import { addCategory, addProduct, bearer, startCatalog, type Harness } from './harness.js';

describe("catalog's orphan check", () => {
  let h: Harness;
  before(async () => { h = await startCatalog('orphans'); });
  after(() => h.close());

  const review = async (productId: string, userId: string) => {
    const response = await h.app.inject({ method: 'POST', url: `/products/${productId}/reviews`, headers: bearer(await h.identity.token({ userId })), payload: { rating: 4, comment: 'fine' } });
    assert.equal(response.statusCode, 201, response.body);
    return response.json().id as string;
  };

  test("reviews by users identity has no account for are reported, not changed; a deletion catalog applied is not asked about", async () => {
    const category = await addCategory(h, 'orphan-reviews');
    const [first, second] = [await addProduct(h, { categoryId: category.id }), await addProduct(h, { categoryId: category.id })];
    const [present, missed, applied] = [randomUUID(), randomUUID(), randomUUID()];
    await review(first.id, present);
    const missedReviews = [await review(first.id, missed), await review(second.id, missed)];
    await review(first.id, applied);
    const { duplicate } = await deliverMessage(
      { pool: h.pool, contracts, kind: 'events', handlers: payloadHandlers(contracts.events, createEventHandlers(h.publish)) },
      createEnvelope('identity', 'user.deleted', 1, { userId: applied, deletedAt: new Date().toISOString(), deletedBy: 'user' }),
    );
    assert.equal(duplicate, false);

    // identity's answer as its lookup gives it: only `present` has an account.
    const asked: string[][] = [];
    const identity = {
      name: 'identity',
      request: async <T>({ path }: { path: string }) => {
        const ids = new URL(path, 'http://identity').searchParams.get('ids')!.split(',');
        asked.push(ids);
        return { status: 200, headers: {}, body: { found: ids.filter((id) => id === present) } as T };
      },
    };
    const job = createOrphanJob({ service: 'catalog', checks: [reviewAuthorCheck(h.pool, identity)], logger: createLogger('catalog', 'silent'), intervalMs: 60_000, batchSize: 2 });
    const [result] = await job.runOnce();
    assert.equal(result?.outcome, 'complete');
    assert.equal(result?.checked, 3, 'three reviews asked about, the applied deletion left out');
    assert.ok(!asked.flat().includes(applied));
    assert.deepEqual(result?.orphans.map((o) => [o.key, o.ref, o.repaired]).sort(), missedReviews.map((id) => [id, missed, false]).sort());
    const shown = (await h.app.inject({ method: 'GET', url: `/products/${first.id}/reviews` })).json().items as { id: string }[];
    assert.equal(shown.length, 3, 'reported reviews are still shown');
  });
});
