/**
 * Consumer-driven contracts, from the command line:
 *
 *   npm run pact -- can-i-deploy [service ...] [--verify]
 *       Whether each service (default: all), as it is in this checkout, can be deployed: every pact
 *       it provides verified against its current code (else: the consumers it would break), and
 *       every pact it relies on verified by its provider. Reads the pacts of record (pacts/), the
 *       pacts the consumer tests last recorded (.pact/generated/) and the outcomes the provider
 *       verifications last recorded (.pact/results/). `--verify` first runs the named services'
 *       consumer tests and provider verifications. Exits 1 when any answer is no.
 *   npm run pact -- accept [consumer ...]
 *       Makes the pacts the consumer tests recorded the pacts of record (copies them into pacts/).
 *   npm run pact -- matrix
 *       The whole matrix, every pact and where it stands.
 *   npm run pact -- versions [provider ...]
 *       The versions of each message type the pacts of record ask each provider for, and who asks:
 *       what the provider must write, one message per version.
 *   npm run pact -- retire <type>@<version>
 *       Whether a version of a message type can go: yes once no pact of record asks for it, else
 *       no, naming each consumer (and interaction) that still does. Exits 1 when the answer is no.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildMatrix, canIDeploy, canRetire, generatedDir, messagesAsked, pactDir, parseTypeAtVersion, readPactDir, type MatrixRow,
} from '@bazaar/contract-testing';
import { discoverServices, repoRoot } from './services.js';

const usage = `usage: npm run pact -- can-i-deploy [service ...] [--verify]
       npm run pact -- accept [consumer ...]
       npm run pact -- matrix
       npm run pact -- versions [provider ...]
       npm run pact -- retire <type>@<version>`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { verify: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
});
const [command, ...names] = positionals;
if (values.help || !command) {
  console.log(usage);
  process.exit(command || values.help ? 0 : 2);
}

const known = discoverServices().map((s) => s.name);
const unknown = command === 'retire' ? [] : names.filter((n) => !known.includes(n));
if (unknown.length) {
  console.error(`no such service: ${unknown.join(', ')} (services: ${known.join(', ')})`);
  process.exit(2);
}

const symbol: Record<MatrixRow['status'], string> = { verified: 'ok', failed: 'FAILED', unverified: 'UNVERIFIED', stale: 'STALE', drift: 'DRIFT', unrecorded: 'NEW' };

function printMatrix(rows: MatrixRow[]): void {
  const header = ['consumer', 'provider', 'interactions', 'status'];
  const table = rows.map((r) => [r.consumer, r.provider, String(r.interactions), symbol[r.status]]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const t of table) console.log(line(t));
}

/** Runs test files, printing one line per file as it ends and, when one fails, pact's account of the mismatches. */
async function runTests(files: string[]): Promise<boolean> {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  let ok = true;
  for (const [i, file] of files.entries()) {
    const started = Date.now();
    process.stdout.write(`[${i + 1}/${files.length}] ${path.relative(repoRoot, file)} … `);
    const output: Buffer[] = [];
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, '--test', '--test-reporter=spec', file], {
        cwd: repoRoot,
        env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
      child.on('exit', (c) => resolve(c ?? 1));
    });
    console.log(`${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (code !== 0) {
      ok = false;
      // eslint-disable-next-line no-control-regex
      const text = Buffer.concat(output).toString('utf8').replace(/\x1b\[[0-9;]*m/g, '');
      const failures = text.indexOf('Failures:');
      console.log((failures >= 0 ? text.slice(failures) : text).split('\n').slice(0, 60).map((l) => `    ${l}`).join('\n'));
    }
  }
  return ok;
}

const testFilesOf = (service: string, role: 'consumer' | 'provider') => {
  const dir = path.join(repoRoot, 'services', service, 'test');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('pact') && f.endsWith(`.${role}.test.ts`)).sort().map((f) => path.join(dir, f)) : [];
};

if (command === 'accept') {
  const recorded = readPactDir(generatedDir()).filter((p) => names.length === 0 || names.includes(p.consumer));
  if (recorded.length === 0) {
    console.error(`no recorded pacts${names.length ? ` of ${names.join(', ')}` : ''} in ${path.relative(repoRoot, generatedDir())}: run the consumer tests first (npm run test:only -- consumer)`);
    process.exit(1);
  }
  mkdirSync(pactDir(), { recursive: true });
  for (const pact of recorded) {
    copyFileSync(pact.file, path.join(pactDir(), path.basename(pact.file)));
    console.log(`accepted ${pact.consumer} → ${pact.provider} (${pact.interactions.length} interactions): now verify ${pact.provider} (npm run pact -- can-i-deploy ${pact.provider} --verify)`);
  }
} else if (command === 'matrix' || command === 'can-i-deploy') {
  if (values.verify) {
    const targets = names.length ? names : known;
    const files = [...targets.flatMap((s) => testFilesOf(s, 'consumer')), ...targets.flatMap((s) => testFilesOf(s, 'provider'))];
    console.log(`verifying: ${files.length} contract test file(s) of ${targets.join(', ')}`);
    await runTests(files);
  }
  const matrix = buildMatrix();
  if (matrix.length === 0) {
    console.error(`no pacts in ${path.relative(repoRoot, pactDir())}`);
    process.exit(1);
  }
  printMatrix(matrix);
  if (command === 'can-i-deploy') {
    const targets = names.length ? names : known;
    let all = true;
    console.log('');
    for (const service of targets) {
      const verdict = canIDeploy(service, matrix);
      all &&= verdict.ok;
      const provides = matrix.filter((r) => r.provider === service).length;
      const relies = matrix.filter((r) => r.consumer === service).length;
      if (verdict.ok) {
        console.log(`${service}: yes (provides ${provides} pact(s), relies on ${relies}, all verified)`);
        continue;
      }
      console.log(`${service}: NO`);
      for (const row of verdict.asProvider) console.log(`  would break ${row.consumer}: ${row.detail}`);
      for (const row of verdict.asConsumer) console.log(`  relies on ${row.provider} unverified: ${row.detail}`);
    }
    process.exit(all ? 0 : 1);
  }
} else if (command === 'versions') {
  const asks = messagesAsked(readPactDir(pactDir())).filter((a) => names.length === 0 || names.includes(a.provider));
  const lines = new Map<string, Map<number, Set<string>>>();
  for (const ask of asks) {
    const byVersion = lines.get(`${ask.provider}  ${ask.type}`) ?? new Map<number, Set<string>>();
    byVersion.set(ask.version, (byVersion.get(ask.version) ?? new Set()).add(ask.consumer));
    lines.set(`${ask.provider}  ${ask.type}`, byVersion);
  }
  for (const [what, byVersion] of [...lines].sort(([a], [b]) => a.localeCompare(b))) {
    const versions = [...byVersion].sort(([a], [b]) => a - b).map(([v, consumers]) => `v${v} (${[...consumers].sort().join(', ')})`);
    console.log(`${what}  ${versions.join(', ')}${byVersion.size > 1 ? '  <- several live versions' : ''}`);
  }
} else if (command === 'retire') {
  const target = names.length === 1 ? parseTypeAtVersion(names[0]!) : undefined;
  if (!target) {
    console.error(`retire takes one <type>@<version>, e.g. product.updated@1\n${usage}`);
    process.exit(2);
  }
  const verdict = canRetire(target.type, target.version, readPactDir(pactDir()));
  const moved = verdict.otherVersions.length ? `; the pacts ask for v${verdict.otherVersions.join(', v')}` : '';
  if (verdict.ok) {
    console.log(`${target.type}@${target.version}: yes, no pact of record asks for it${moved}`);
    console.log('  deploy the consumers that moved, then stop writing it and remove it from the contracts');
  } else {
    console.log(`${target.type}@${target.version}: NO, still asked for by ${[...new Set(verdict.askedBy.map((a) => a.consumer))].join(', ')}${moved}`);
    for (const ask of verdict.askedBy) console.log(`  ${ask.consumer} ← ${ask.provider}: ${ask.description}`);
  }
  process.exit(verdict.ok ? 0 : 1);
} else {
  console.error(`unknown command ${command}\n${usage}`);
  process.exit(2);
}
