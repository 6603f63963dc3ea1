// The web app's API types come from a committed snapshot of the gateway's merged OpenAPI document
// (apps/web/src/api/openapi.json and the schema.d.ts generated from it). This fails when a service
// or the gateway has changed its API since: run `npm run api:generate -w apps/web` and commit both.
// And the workspace's own typecheck runs the TypeScript the repository's lint runs: the workspace
// holds an older one of its own (openapi-typescript's), which refuses code the newer one accepts.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readApiSnapshot, renderApiSnapshot } from '../../apps/web/scripts/api-snapshot.js';
import { repoRoot } from '../src/services.js';

test("the web app's API snapshot is the gateway's API as the code describes it now", { timeout: 120_000 }, async () => {
  const now = await renderApiSnapshot();
  const committed = readApiSnapshot();
  const fix = 'stale: run `npm run api:generate -w apps/web` and commit apps/web/src/api';
  assert.ok(now.document === committed.document, `apps/web/src/api/openapi.json is ${fix}`);
  assert.ok(now.types === committed.types, `apps/web/src/api/schema.d.ts is ${fix}`);
});

test("`npm run typecheck -w apps/web` runs the repository's TypeScript", () => {
  const web = path.join(repoRoot, 'apps', 'web');
  const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { version: string; scripts: Record<string, string> };
  const root = json(path.join(repoRoot, 'node_modules', 'typescript', 'package.json')).version;
  // Each command of the script asked its version, found as npm finds it: the workspace's bin first.
  const PATH = [path.join(web, 'node_modules', '.bin'), path.join(repoRoot, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter);
  for (const command of json(path.join(web, 'package.json')).scripts.typecheck!.split('&&')) {
    const version = execSync(`${command.trim()} --version`, { cwd: web, env: { ...process.env, PATH }, encoding: 'utf8' }).trim();
    assert.equal(version, `Version ${root}`, `${command.trim()}`);
  }
});
