/**
 * The kit's feature flags: OpenFeature's server SDK with flagd's in-process provider reading a real
 * flag-definition file. Changing the file (in place, or atomically: a temporary file renamed over
 * it) changes what an evaluation answers without making a new client; a definition that does not
 * parse leaves the last good one in force; a file missing at start is picked up when it appears.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { HealthRegistry, createFlags, createLogger, registerFlagsHealth, type Flags } from '../src/index.js';
import { eventually } from '../src/testing/index.js';

const logger = createLogger('flags-test', 'silent');
const dirs: string[] = [];
const open: Flags[] = [];

after(async () => {
  for (const flags of open) await flags.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

// flagd polls the file's status; a change shows within its poll interval (about 5 s), so the
// waits below are generous and never a measure.
const CHANGE = { timeoutMs: 30_000, intervalMs: 200 };

interface Definition {
  strategy?: string;
  fraudPercent?: number;
}

function definition({ strategy = 'nearest', fraudPercent }: Definition = {}): string {
  const fraud: Record<string, unknown> = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' };
  if (fraudPercent !== undefined) fraud.targeting = { fractional: [['on', fraudPercent], ['off', 100 - fraudPercent]] };
  return JSON.stringify({
    $schema: 'https://flagd.dev/schema/v0/flags.json',
    flags: {
      'courier-dispatch-strategy': {
        state: 'ENABLED',
        variants: { nearest: 'nearest', 'least-loaded': 'least-loaded', bogus: 'teleport' },
        defaultVariant: strategy,
      },
      'checkout-fraud-check': fraud,
    },
  }, null, 2);
}

async function flagFile(content: string | undefined): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bazaar-flags-'));
  dirs.push(dir);
  const file = join(dir, 'flags.json');
  if (content !== undefined) await writeFile(file, content);
  return file;
}

async function replaceAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

async function flagsOn(file: string | undefined, retryMs?: number): Promise<Flags> {
  const flags = await createFlags({ service: 'flags-test', file, logger, retryMs });
  open.push(flags);
  return flags;
}

const STRATEGIES = ['nearest', 'least-loaded'] as const;

test('without a file every evaluation returns its fallback and the status says not-configured', async () => {
  const flags = await flagsOn(undefined);
  assert.equal(flags.status(), 'not-configured');
  assert.equal(await flags.string('courier-dispatch-strategy', 'nearest', STRATEGIES), 'nearest');
  assert.equal(await flags.boolean('checkout-fraud-check', true), true);
});

test('a flag is read from the file; an unknown flag or a variant the code does not know yields the fallback', async () => {
  const flags = await flagsOn(await flagFile(definition({ strategy: 'least-loaded' })));
  assert.equal(flags.status(), 'ready');
  assert.equal(await flags.string('courier-dispatch-strategy', 'nearest', STRATEGIES), 'least-loaded');
  assert.equal(await flags.boolean('checkout-fraud-check', true), false, 'the definition says off, not the fallback');
  assert.equal(await flags.boolean('no-such-flag', true), true);
  assert.equal(await flags.string('checkout-fraud-check', 'nearest', STRATEGIES), 'nearest', 'a boolean flag read as a string');

  const bogus = await flagsOn(await flagFile(definition({ strategy: 'bogus' })));
  assert.equal(await bogus.string('courier-dispatch-strategy', 'nearest', STRATEGIES), 'nearest', '"teleport" is not an allowed value');
});

test('a file replaced atomically (a temporary file renamed over it) is picked up, again and again', async () => {
  const file = await flagFile(definition({ strategy: 'nearest' }));
  const flags = await flagsOn(file);
  assert.equal(await flags.string('courier-dispatch-strategy', 'nearest', STRATEGIES), 'nearest');

  await replaceAtomically(file, definition({ strategy: 'least-loaded' }));
  await eventually(async () => (await flags.string('courier-dispatch-strategy', 'nearest', STRATEGIES)) === 'least-loaded', { ...CHANGE, message: 'the renamed file was not picked up' });

  // The watch survives the rename: a second replacement is seen too.
  await replaceAtomically(file, definition({ strategy: 'nearest' }));
  await eventually(async () => (await flags.string('courier-dispatch-strategy', 'least-loaded', STRATEGIES)) === 'nearest', { ...CHANGE, message: 'the second rename was not picked up' });
  assert.equal(flags.status(), 'ready');
});

test("a Kubernetes ConfigMap volume's update (a new directory, the ..data link swapped by a rename) is picked up", async () => {
  // The kubelet's layout: flags.json -> ..data/flags.json, ..data -> ..<timestamp>/ holding the files.
  const dir = path.dirname(await flagFile(undefined));
  await mkdir(path.join(dir, '..first'));
  await writeFile(path.join(dir, '..first', 'flags.json'), definition({ strategy: 'nearest' }));
  await symlink('..first', path.join(dir, '..data'));
  await symlink(path.join('..data', 'flags.json'), path.join(dir, 'flags.json'));
  const flags = await flagsOn(path.join(dir, 'flags.json'));
  assert.equal(await flags.string('courier-dispatch-strategy', 'least-loaded', STRATEGIES), 'nearest');

  await mkdir(path.join(dir, '..second'));
  await writeFile(path.join(dir, '..second', 'flags.json'), definition({ strategy: 'least-loaded' }));
  await symlink('..second', path.join(dir, '..data_tmp'));
  await rename(path.join(dir, '..data_tmp'), path.join(dir, '..data'));
  await rm(path.join(dir, '..first'), { recursive: true });
  await eventually(async () => (await flags.string('courier-dispatch-strategy', 'nearest', STRATEGIES)) === 'least-loaded', { ...CHANGE, message: 'the swapped ConfigMap was not picked up' });
});

test('a file edited in place is picked up', async () => {
  const file = await flagFile(definition({ strategy: 'nearest' }));
  const flags = await flagsOn(file);
  await writeFile(file, definition({ strategy: 'least-loaded' }));
  await eventually(async () => (await flags.string('courier-dispatch-strategy', 'nearest', STRATEGIES)) === 'least-loaded', { ...CHANGE, message: 'the edit was not picked up' });
});

test('a definition that does not parse leaves the last good one in force', async () => {
  const file = await flagFile(definition({ strategy: 'least-loaded' }));
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
  const flags = await createFlags({ service: 'flags-test', file, logger: pino({ level: 'error' }, sink) });
  open.push(flags);
  await replaceAtomically(file, '{"flags": {"courier-dispatch-strategy": ');
  await eventually(() => lines.some((line) => line.includes('Error reading file')), { ...CHANGE, message: 'the broken file was not read' });
  assert.equal(await flags.string('courier-dispatch-strategy', 'nearest', STRATEGIES), 'least-loaded', 'the last good definition applies');
  assert.equal(flags.status(), 'ready');
  await replaceAtomically(file, definition({ strategy: 'nearest' }));
  await eventually(async () => (await flags.string('courier-dispatch-strategy', 'least-loaded', STRATEGIES)) === 'nearest', CHANGE);
});

test('a percentage rollout on the targeting key: the same user always gets the same answer, and the share follows the percentage', async () => {
  const file = await flagFile(definition({ fraudPercent: 30 }));
  const flags = await flagsOn(file);
  const users = Array.from({ length: 400 }, (_, i) => `user-${i}`);
  const first = await Promise.all(users.map((user) => flags.boolean('checkout-fraud-check', false, { targetingKey: user })));
  const again = await Promise.all(users.map((user) => flags.boolean('checkout-fraud-check', false, { targetingKey: user })));
  assert.deepEqual(again, first, 'an answer is sticky per user');
  const on = first.filter(Boolean).length;
  assert.ok(on > 400 * 0.2 && on < 400 * 0.4, `about 30 % of 400 users are on, got ${on}`);

  await replaceAtomically(file, definition({ fraudPercent: 100 }));
  await eventually(async () => (await Promise.all(users.map((user) => flags.boolean('checkout-fraud-check', false, { targetingKey: user })))).every(Boolean), { ...CHANGE, message: '100 % did not turn everyone on' });
  await replaceAtomically(file, definition({ fraudPercent: 0 }));
  await eventually(async () => !(await Promise.all(users.map((user) => flags.boolean('checkout-fraud-check', true, { targetingKey: user })))).some(Boolean), { ...CHANGE, message: '0 % did not turn everyone off' });
});

test('a file missing at start: fallbacks and status error, then the flags once the file appears', async () => {
  const file = await flagFile(undefined);
  const flags = await flagsOn(file, 200);
  assert.equal(flags.status(), 'error');
  assert.equal(await flags.string('courier-dispatch-strategy', 'nearest', STRATEGIES), 'nearest');

  await replaceAtomically(file, definition({ strategy: 'least-loaded' }));
  await eventually(async () => flags.status() === 'ready' && (await flags.string('courier-dispatch-strategy', 'nearest', STRATEGIES)) === 'least-loaded', { ...CHANGE, message: 'the file that appeared was not loaded' });
  // And it is watched from then on.
  await replaceAtomically(file, definition({ strategy: 'nearest' }));
  await eventually(async () => (await flags.string('courier-dispatch-strategy', 'least-loaded', STRATEGIES)) === 'nearest', { ...CHANGE, message: 'a change after the late load was not picked up' });
});

test("/health's flags check: the provider's state, degraded (never unhealthy) while it cannot read its file", async () => {
  const ready = new HealthRegistry('flags-test', '1');
  const file = await flagFile(definition());
  registerFlagsHealth(ready, await flagsOn(file));
  const fine = (await ready.check()).checks.flags!;
  assert.equal(fine.status, 'healthy');
  assert.deepEqual(fine.details, { provider: 'ready', changesApplied: 0, lastChangeAt: null });
  // A change applied shows there: what a test (or an operator) waits for after flipping a flag.
  await replaceAtomically(file, definition({ strategy: 'least-loaded' }));
  const changed = await eventually(async () => {
    const details = (await ready.check()).checks.flags!.details as { changesApplied: number; lastChangeAt: string | null };
    return details.changesApplied === 1 ? details : undefined;
  }, { ...CHANGE, message: 'the change was not counted' });
  assert.ok(changed.lastChangeAt && !Number.isNaN(Date.parse(changed.lastChangeAt)));

  const broken = new HealthRegistry('flags-test', '1');
  registerFlagsHealth(broken, await flagsOn(await flagFile(undefined), 60_000));
  const report = await broken.check();
  assert.equal(report.checks.flags!.status, 'degraded');
  assert.equal((report.checks.flags!.details as { provider: string }).provider, 'error');
  assert.equal(report.status, 'degraded', 'not critical: the service still serves, its flags on their fallbacks');

  const none = new HealthRegistry('flags-test', '1');
  registerFlagsHealth(none, await flagsOn(undefined));
  assert.deepEqual((await none.check()).checks.flags!.details, { provider: 'not-configured' });
});
