// Which versions of an event the pacts ask a provider for, and when an old one may go: read from pact
// files written here as fixtures (a consumer still on product.updated v1, one that moved to v2), and
// answered both by the library and by `npm run pact -- retire`, whose exit code a pipeline reads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { canRetire, messagesAsked, parseTypeAtVersion, readPactDir, repoRoot, versionsAsked } from '../src/index.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'bazaar-pact-versions-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A message interaction as pact records it: the envelope the consumer expects, by type and version. */
const message = (description: string, type: string, version?: number) => ({
  type: 'Asynchronous/Messages',
  description,
  providerStates: [{ name: 'a product exists' }],
  contents: { contentType: 'application/json', encoded: false, content: { id: '0195f0a4-1c2b-7d3e-8f40-00000000e001', type, ...(version === undefined ? {} : { version }), source: 'catalog', payload: {} } },
});
const http = { type: 'Synchronous/HTTP', description: 'a product by id', request: { method: 'GET', path: '/products/p-1' }, response: { status: 200 } };

/** Writes pact files into a fresh folder: `{ 'inventory-catalog': [interactions] }`. */
function pactFolder(name: string, pacts: Record<string, unknown[]>): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, interactions] of Object.entries(pacts)) {
    const [consumer, provider] = file.split('-');
    writeFileSync(path.join(dir, `${file}.json`), JSON.stringify({ consumer: { name: consumer }, provider: { name: provider }, interactions, metadata: { pactSpecification: { version: '4.0' } } }));
  }
  return dir;
}

// Mid-change: analytics reads v2, inventory still v1; orders asks catalog only over HTTP.
const midChange = pactFolder('mid-change', {
  'inventory-catalog': [message('a product.created event', 'product.created', 1), message('a product.updated event', 'product.updated', 1)],
  'analytics-catalog': [message('a product.updated event (v2)', 'product.updated', 2)],
  'orders-catalog': [http],
  'notifications-identity': [message('a user.updated event', 'user.updated')],
});
// Done: inventory moved too.
const moved = pactFolder('moved', {
  'inventory-catalog': [message('a product.created event', 'product.created', 1), message('a product.updated event (v2)', 'product.updated', 2)],
  'analytics-catalog': [message('a product.updated event (v2)', 'product.updated', 2)],
});

describe('message versions in the pacts', () => {
  test('each message interaction is read as type and version; an envelope without a version asks for the first', () => {
    const asks = messagesAsked(readPactDir(midChange));
    assert.deepEqual(asks.map((a) => `${a.consumer}→${a.provider} ${a.type}@${a.version}`).sort(), [
      'analytics→catalog product.updated@2',
      'inventory→catalog product.created@1',
      'inventory→catalog product.updated@1',
      'notifications→identity user.updated@1',
    ]);
  });

  test('a provider is asked for every version some consumer reads, and only those', () => {
    assert.deepEqual(versionsAsked('catalog', readPactDir(midChange)), { 'product.created': [1], 'product.updated': [1, 2] });
    assert.deepEqual(versionsAsked('catalog', readPactDir(moved)), { 'product.created': [1], 'product.updated': [2] });
    assert.deepEqual(versionsAsked('identity', readPactDir(midChange)), { 'user.updated': [1] });
    assert.deepEqual(versionsAsked('payments', readPactDir(midChange)), {});
  });

  test('v1 cannot go while a pact asks for it, naming who; it can once none does', () => {
    const no = canRetire('product.updated', 1, readPactDir(midChange));
    assert.equal(no.ok, false);
    assert.deepEqual(no.askedBy.map((a) => [a.consumer, a.description]), [['inventory', 'a product.updated event']]);
    assert.deepEqual(no.otherVersions, [2]);

    const yes = canRetire('product.updated', 1, readPactDir(moved));
    assert.deepEqual([yes.ok, yes.askedBy, yes.otherVersions], [true, [], [2]]);
    // The version everyone reads now is another matter.
    assert.equal(canRetire('product.updated', 2, readPactDir(moved)).ok, false);
  });

  test('type@version is parsed strictly', () => {
    assert.deepEqual(parseTypeAtVersion('product.updated@1'), { type: 'product.updated', version: 1 });
    assert.deepEqual(parseTypeAtVersion('payment.capture-failed@v2'), { type: 'payment.capture-failed', version: 2 });
    for (const bad of ['product.updated', 'product.updated@0', 'product@1', 'Product.updated@1', 'product.updated@1.5']) assert.equal(parseTypeAtVersion(bad), undefined, bad);
  });
});

describe('npm run pact -- retire / versions', () => {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const cli = (pacts: string, ...args: string[]) => {
    const run = spawnSync(process.execPath, ['--conditions=source', '--import', tsx, path.join(repoRoot, 'tools/src/pact-cli.ts'), ...args], {
      cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PACT_DIR: pacts, PACT_GENERATED_DIR: path.join(scratch, 'none'), PACT_RESULTS_DIR: path.join(scratch, 'none') },
    });
    return { code: run.status, out: run.stdout + run.stderr };
  };

  test('retire answers no (exit 1) naming the consumer still on v1, and yes (exit 0) once it moved', () => {
    const no = cli(midChange, 'retire', 'product.updated@1');
    assert.equal(no.code, 1, no.out);
    assert.match(no.out, /product\.updated@1: NO, still asked for by inventory; the pacts ask for v2/);
    assert.match(no.out, /inventory ← catalog: a product\.updated event/);
    assert.doesNotMatch(no.out, /analytics ←/);

    const yes = cli(moved, 'retire', 'product.updated@1');
    assert.equal(yes.code, 0, yes.out);
    assert.match(yes.out, /product\.updated@1: yes, no pact of record asks for it; the pacts ask for v2/);
  });

  test('retire refuses what is not a type@version (exit 2)', () => {
    assert.equal(cli(midChange, 'retire', 'product.updated').code, 2);
  });

  test('versions lists what each provider must write, and flags several live versions', () => {
    const { code, out } = cli(midChange, 'versions', 'catalog');
    assert.equal(code, 0, out);
    assert.match(out, /catalog {2}product\.updated {2}v1 \(inventory\), v2 \(analytics\) {2}<- several live versions/);
    assert.match(out, /catalog {2}product\.created {2}v1 \(inventory\)\n/);
    assert.doesNotMatch(out, /identity/);
  });
});
